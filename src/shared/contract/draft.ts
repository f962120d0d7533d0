/**
 * Draft channels: the campaign the operator is preparing (message, attachment, pacing and sending hours, name),
 * kept in main (`<data folder>/state/draft.json`) so a reload of the page or a restart of the app loses nothing.
 * It is kept until a campaign is started from it or the operator discards it. The contacts, with their sheet and
 * column mapping, are kept by the contacts feature already.
 */
import { z } from 'zod';
import { MAX_TEMPLATE_LENGTH } from '../../core/template-syntax';
import type { Result } from '../result';
import { PacingSettings } from './campaign';
import { NoArgs } from './connection';
import { invoke } from './define';
import { FileId } from './files';

/** The same form as campaign:start's draftId (campaign.ts). */
const DraftId = z.string().regex(/^[A-Za-z0-9_-]{4,64}$/, 'not a draft id');

/**
 * The draft as the page saves it. The message may be empty or still wrong (it is a draft); pacing is the last
 * valid one the form held (null until the defaults loaded).
 */
export const DraftSave = z
  .object({
    template: z.string().max(MAX_TEMPLATE_LENGTH, `the message is longer than ${MAX_TEMPLATE_LENGTH.toLocaleString('en')} characters`),
    /** An attachment registered for reading (files:pickOpen, a drop, an upload); main keeps its path. */
    attachmentFileId: FileId.nullable(),
    pacing: PacingSettings.nullable(),
    campaignName: z.string().max(200),
    draftId: DraftId,
  })
  .strict();
export type DraftSave = z.infer<typeof DraftSave>;

/** The kept draft as the page gets it back. */
export interface SavedDraft {
  template: string;
  /** The attachment, registered again (a fresh file reference); check it with campaign:checkAttachment. */
  attachment: { fileId: string; name: string } | null;
  /** The attachment chosen earlier is no longer where it was: this says so, naming the file and the folder. */
  attachmentProblem: string | null;
  pacing: PacingSettings | null;
  campaignName: string;
  draftId: string;
  /** Epoch ms of the last save. */
  savedAt: number;
}

export const draftInvokes = {
  'draft:get': invoke<SavedDraft | null>()(NoArgs, 'The kept draft, or null when there is none (never saved, sent or discarded).'),
  'draft:save': invoke<{ savedAt: number }>()(
    DraftSave,
    'Keep the draft (written atomically); the page saves a moment after each change. An attachment reference must be one made for reading.',
  ),
  'draft:discard': invoke<void>()(NoArgs, 'Forget the kept draft (after a start, or "Discard draft"; the page offers an undo by saving it again).'),
  'draft:sentToday': invoke<{ sentToday: number | null }>()(
    NoArgs,
    'Messages the connected account has sent today (the daily cap counts them), for the estimate before Start; null while no account is connected.',
  ),
} as const;

export const draftEvents = {} as const;

export interface DraftApi {
  getDraft(): Promise<Result<SavedDraft | null>>;
  saveDraft(draft: DraftSave): Promise<Result<{ savedAt: number }>>;
  discardDraft(): Promise<Result<void>>;
  getSentToday(): Promise<Result<{ sentToday: number | null }>>;
}
