/**
 * Campaign channels: templates and preview, attachments, pacing, running a campaign, its history and exports.
 * Main owns the contact list and every campaign; the renderer asks for snapshots and pages of rows.
 * Only one campaign sends at a time (one WhatsApp account).
 */
import { z } from 'zod';
import { MAX_TEMPLATE_LENGTH, templateLimitProblem, type TemplateProblemCode } from '../../core/template-syntax';
import type { Result } from '../result';
import { event, invoke } from './define';
import { FileId } from './files';

// ---------------------------------------------------------------- pacing

/** Hours of the local day during which sending is allowed: [startHour, endHour), may wrap past midnight. */
export const SendingWindow = z
  .object({
    startHour: z.number().int().min(0).max(23),
    endHour: z.number().int().min(1).max(24),
  })
  .strict()
  .refine((w) => w.startHour !== w.endHour % 24, 'the sending window must not be empty');
export type SendingWindow = z.infer<typeof SendingWindow>;

const seconds = z.number().min(0).max(86_400);

/** How fast a campaign sends. All durations in seconds; 0 is allowed (tests, the CLI). */
export const PacingSettings = z
  .object({
    /** Random delay between two messages, uniformly in [minDelaySec, maxDelaySec]. */
    minDelaySec: seconds,
    maxDelaySec: seconds,
    /** After every N messages (N drawn in [batchSizeMin, batchSizeMax]) pause for a time in the pause range. */
    batchSizeMin: z.number().int().min(1).max(100_000),
    batchSizeMax: z.number().int().min(1).max(100_000),
    batchPauseMinSec: seconds,
    batchPauseMaxSec: seconds,
    /** Messages per account per local day, across every campaign and restart. */
    dailyCap: z.number().int().min(1).max(100_000),
    /** Messages per account in any rolling hour, across campaigns; absent or null: no hourly cap. */
    hourlyCap: z.number().int().min(1).max(100_000).nullable().optional(),
    /** null: any hour. */
    window: SendingWindow.nullable(),
    /** Wait as long as a person would take to type the message before each send. */
    typingDelay: z.boolean(),
    /** After this many failures in a row, wait longer (doubling) before the next contact. */
    backoffAfterFailures: z.number().int().min(1).max(1000),
    backoffBaseSec: seconds,
    /** After this many failures in a row the campaign pauses itself. */
    autoPauseAfterFailures: z.number().int().min(1).max(1000),
    /** A send that has not resolved after this long fails that contact (whatsapp-web.js #5810, #2348). */
    sendTimeoutSec: z.number().min(1).max(3600),
  })
  .strict()
  .refine((p) => p.minDelaySec <= p.maxDelaySec, { message: 'minDelaySec must not exceed maxDelaySec', path: ['maxDelaySec'] })
  .refine((p) => p.batchSizeMin <= p.batchSizeMax, { message: 'batchSizeMin must not exceed batchSizeMax', path: ['batchSizeMax'] })
  .refine((p) => p.batchPauseMinSec <= p.batchPauseMaxSec, {
    message: 'batchPauseMinSec must not exceed batchPauseMaxSec',
    path: ['batchPauseMaxSec'],
  })
  .refine((p) => p.backoffAfterFailures <= p.autoPauseAfterFailures, {
    message: 'backoffAfterFailures must not exceed autoPauseAfterFailures',
    path: ['autoPauseAfterFailures'],
  });
export type PacingSettings = z.infer<typeof PacingSettings>;

export interface PacingDefaults {
  pacing: PacingSettings;
  /** One line per setting saying why the default is what it is. */
  reasons: Record<keyof PacingSettings, string>;
}

// ---------------------------------------------------------------- templates and attachments

/**
 * A message template: bounded in length and in spintax nesting (template-syntax.ts), so no template can make
 * the parser overflow its stack or take seconds; the message names the limit.
 */
export const TemplateText = z
  .string()
  .min(1, 'the message is empty')
  .max(MAX_TEMPLATE_LENGTH, `the message is longer than ${MAX_TEMPLATE_LENGTH.toLocaleString('en')} characters`)
  .superRefine((text, ctx) => {
    const problem = text.length > MAX_TEMPLATE_LENGTH ? null : templateLimitProblem(text);
    if (problem !== null) ctx.addIssue({ code: 'custom', message: problem });
  });

export interface TemplateProblem {
  /** Character offset in the template where the problem starts. */
  index: number;
  /** In English (the CLI, the log); the screen says it from `code` and `values` in the operator's language. */
  message: string;
  code?: TemplateProblemCode;
  values?: Record<string, string | number>;
}

export interface TemplateCheck {
  /** Syntax errors (an unclosed `{`, `{{`): the campaign cannot start while there are any. */
  errors: TemplateProblem[];
  /** Placeholders that name no imported column (as written in the template). */
  unknownPlaceholders: string[];
  /** Contacts for whom some placeholder is empty and has no fallback. `total` counts all, `sample` lists the first. */
  emptyFields: { total: number; sample: Array<{ row: number; phone: string; placeholders: string[] }> };
  /** Other warnings worth a look (caption too long for an attachment, ...). */
  warnings: string[];
  /** How many different texts the spintax can produce (capped at 1e9). */
  variants: number;
}

export interface TemplatePreview {
  row: number;
  phone: string;
  text: string;
  /** Placeholders that rendered empty for this contact. */
  emptyPlaceholders: string[];
}

export interface SavedTemplate {
  name: string;
  text: string;
  /** Epoch milliseconds. */
  updatedAt: number;
}

export type AttachmentKind = 'image' | 'video' | 'audio' | 'pdf' | 'document';

export interface AttachmentInfo {
  fileId: string;
  name: string;
  size: number;
  mimeType: string;
  kind: AttachmentKind;
  /** Largest size WhatsApp accepts for this kind, in bytes. */
  maxSize: number;
}

// ---------------------------------------------------------------- campaigns

/**
 * Per-contact status. `sending` means "about to send" was journalled and no outcome yet: after a crash such a
 * contact is `unconfirmed` until reconciled against the chat history.
 */
export type ContactStatus = 'pending' | 'sending' | 'sent' | 'delivered' | 'read' | 'failed' | 'skipped' | 'rejected';

/** `already_sent`: a resend to failed contacts, whose number the campaign it resends has reached (campaign/resend.ts). */
export type SkipReason = 'not_on_whatsapp' | 'opted_out' | 'duplicate' | 'already_sent';

export type CampaignState =
  /** Sending, or waiting between messages. */
  | 'running'
  /** Paused by the operator or automatically (see `reason`). */
  | 'paused'
  /** Waiting for WhatsApp to be ready again, for the sending window, or for the daily cap to reset. */
  | 'waiting'
  /** Ended by the operator (final) or by an auth failure (resumable after logging in again); see `reason`. */
  | 'stopped'
  | 'finished'
  /** Was running when the app or the process ended: offered for resume. */
  | 'interrupted';

export interface CampaignCounts {
  total: number;
  pending: number;
  /** Accepted by WhatsApp (includes delivered and read). */
  sent: number;
  /** Delivered to the phone (includes read). */
  delivered: number;
  read: number;
  failed: number;
  /** Not on WhatsApp, opted out, duplicate. */
  skipped: number;
  /** Refused by WhatsApp: a first message to a new contact it blocked (ack -1 or error 463; WHATSAPP.md #20). */
  rejected: number;
  /** Left "about to send" and not reconciled yet. */
  unconfirmed: number;
}

export interface CampaignSummary {
  id: string;
  name: string;
  /** Epoch milliseconds. */
  createdAt: number;
  state: CampaignState;
  /** Why it is paused / waiting / stopped, in words the operator can act on. */
  reason: string | null;
  counts: CampaignCounts;
  /** Estimated milliseconds until the end from the pacing settings, null when not running. */
  etaMs: number | null;
  /** Epoch ms of the next send when waiting for a delay, window or cap. */
  nextSendAt: number | null;
  template: string;
  attachment: { name: string; size: number; kind: AttachmentKind } | null;
  pacing: PacingSettings;
  /** Offer "Resume": paused, interrupted, or stopped by an auth failure, with contacts left to handle. */
  resumable: boolean;
  /** Set while the campaign waits for its scheduled start (epoch ms; state "waiting"): Start now or Cancel. */
  scheduledAt?: number;
  /** Set when the campaign's files cannot be loaded (then it is stopped, its counts are zero, nothing is sent). */
  damage?: CampaignDamage;
}

/** Where and why a campaign's files cannot be loaded. */
export interface CampaignDamage {
  /** The damaged file (campaign.json, contacts.jsonl or journal.jsonl), as an absolute path. */
  file: string;
  /** 1-based line number, when the damage is in one line. */
  line: number | null;
  /** What is wrong, in words. */
  cause: string;
}

export interface ContactResult {
  /** Position in the campaign (0-based). */
  index: number;
  /** Row in the imported file (1-based, as the import reports it). */
  row: number;
  phone: string;
  fields: Record<string, string>;
  status: ContactStatus;
  /** Failure or skip reason in words. */
  reason: string | null;
  messageId: string | null;
  /** Epoch milliseconds, null while unknown. */
  sentAt: number | null;
  deliveredAt: number | null;
  readAt: number | null;
}

/** One contact's change, pushed in batches. */
export interface ContactUpdate {
  campaignId: string;
  index: number;
  status: ContactStatus;
  reason: string | null;
  messageId: string | null;
  at: number;
}

export interface CampaignLogLine {
  campaignId: string;
  at: number;
  level: 'info' | 'warn' | 'error';
  message: string;
}

const ContactStatusName = z.enum(['pending', 'sending', 'sent', 'delivered', 'read', 'failed', 'skipped', 'rejected']);
/** Which statuses a page of rows shows: each status at most once, so at most the 8 there are. */
const StatusFilter = z
  .array(ContactStatusName)
  .max(ContactStatusName.options.length, `at most the ${ContactStatusName.options.length} statuses, each once`)
  .refine((statuses) => new Set(statuses).size === statuses.length, 'a status is named more than once');
const CampaignId = z.string().regex(/^c_[A-Za-z0-9_-]{4,64}$/, 'not a campaign id');
/**
 * Seeds the spintax choices: the Message screen makes one random draft id, previews with it and starts with it,
 * so each contact gets exactly the text the preview showed for them.
 */
const DraftId = z.string().regex(/^[A-Za-z0-9_-]{4,64}$/, 'not a draft id');
const ById = z.object({ id: CampaignId }).strict();
const TemplateName = z.string().trim().min(1, 'the template needs a name').max(100);

export const StartCampaignRequest = z
  .object({
    name: z.string().trim().max(200).optional(),
    template: TemplateText,
    /** An attachment registered through files:pickOpen / files:registerDropped with purpose 'attachment'. */
    attachmentFileId: FileId.optional(),
    pacing: PacingSettings,
    draftId: DraftId.optional(),
    /** Send only to these imported contacts (0-based positions in the list, from campaign:findContacts); all when absent. */
    contacts: z.array(z.number().int().min(0)).max(1_000_000).optional(),
    /** Start at this moment (epoch ms) instead of now; the campaign waits, and survives restarts (campaign/schedule.ts). */
    startAt: z.number().int().positive().optional(),
  })
  .strict();
export type StartCampaignRequest = z.infer<typeof StartCampaignRequest>;

/** An imported contact as the selection table shows it, with its position in the list. */
export interface ContactPick {
  index: number;
  row: number;
  phone: string;
  fields: Record<string, string>;
}

/** How a test send went: to the connected account's own number, outside any campaign. */
export interface TestSendResult {
  /** The account's own number (E.164). */
  to: string;
  text: string;
  /** True when no list is imported and placeholders were shown as "[name]". */
  sampleValues: boolean;
  sent: boolean;
  /** Why it failed, in words; null when sent. */
  reason: string | null;
  messageId: string | null;
}

const SearchText = z.string().max(200);

export const campaignInvokes = {
  'campaign:getPacingDefaults': invoke<PacingDefaults>()(z.undefined(), 'Safe default pacing with a one-line reason each.'),
  'campaign:checkTemplate': invoke<TemplateCheck>()(
    z.object({ template: TemplateText, attachmentFileId: FileId.optional() }).strict(),
    'Check a template against the imported contacts: syntax errors, unknown placeholders, contacts with empty fields.',
  ),
  'campaign:preview': invoke<TemplatePreview>()(
    z.object({ template: TemplateText, index: z.number().int().min(0), draftId: DraftId.optional() }).strict(),
    'Render the template exactly as the contact at this index of the imported list will get it (same draftId as start).',
  ),
  'campaign:checkAttachment': invoke<AttachmentInfo>()(
    z.object({ fileId: FileId }).strict(),
    'Check the type and size of an attachment; fails with bad_request naming the file and the limit.',
  ),
  'campaign:listTemplates': invoke<SavedTemplate[]>()(z.undefined(), 'Saved templates, newest first.'),
  'campaign:saveTemplate': invoke<SavedTemplate>()(
    z.object({ name: TemplateName, text: TemplateText }).strict(),
    'Save (or overwrite) a template by name.',
  ),
  'campaign:deleteTemplate': invoke<void>()(z.object({ name: TemplateName }).strict(), 'Delete a saved template.'),
  'campaign:start': invoke<CampaignSummary>()(
    StartCampaignRequest,
    'Create a campaign over the imported contacts and start sending; fails with conflict while another one runs.',
  ),
  'campaign:pause': invoke<CampaignSummary>()(ById, 'Pause after the message in flight (never mid-send).'),
  'campaign:resume': invoke<CampaignSummary>()(
    ById,
    'Resume a paused or interrupted campaign; contacts left "about to send" are reconciled before anything is re-sent.',
  ),
  'campaign:stop': invoke<CampaignSummary>()(ById, 'Stop for good after the message in flight.'),
  'campaign:editPacing': invoke<CampaignSummary>()(
    z.object({ id: CampaignId, pacing: PacingSettings }).strict(),
    'Change the pace (delays, breaks, cap, sending hours) of a paused or waiting campaign; saved in campaign.json and used from the next send.',
  ),
  'campaign:testSend': invoke<TestSendResult>()(
    z.object({ template: TemplateText, attachmentFileId: FileId.optional(), draftId: DraftId.optional() }).strict(),
    "Send the message, as the first imported contact would get it, to the connected account's own number; no campaign, not counted.",
  ),
  'campaign:resendFailed': invoke<CampaignSummary>()(
    ById,
    'Create and start a new campaign to the failed contacts of a finished or stopped one, never reaching anyone it sent to.',
  ),
  'campaign:startNow': invoke<CampaignSummary>()(ById, 'Start a campaign waiting for its scheduled start now.'),
  'campaign:cancelSchedule': invoke<CampaignSummary>()(ById, 'Cancel the scheduled start of a campaign: it is stopped for good, nothing sent.'),
  'campaign:findContacts': invoke<{ total: number; rows: ContactPick[] }>()(
    z.object({ query: SearchText, offset: z.number().int().min(0), limit: z.number().int().min(1).max(1000) }).strict(),
    'A page of the imported contacts whose number or any column contains the search text (all when it is empty).',
  ),
  'campaign:matchContacts': invoke<number[]>()(
    z.object({ query: SearchText }).strict(),
    'The positions of every imported contact the search text finds (for "select all shown").',
  ),
  'campaign:list': invoke<CampaignSummary[]>()(z.undefined(), 'Every campaign, newest first (the History screen).'),
  'campaign:get': invoke<CampaignSummary>()(ById, 'One campaign now.'),
  'campaign:getRows': invoke<{ total: number; rows: ContactResult[] }>()(
    z
      .object({
        id: CampaignId,
        offset: z.number().int().min(0),
        limit: z.number().int().min(1).max(1000),
        status: StatusFilter.optional(),
      })
      .strict(),
    'A page of per-contact results (optionally only some statuses); `total` counts the matching rows.',
  ),
  'campaign:getLog': invoke<CampaignLogLine[]>()(
    ById,
    'The recent log lines of one campaign, oldest first: the last 500 since the app started (a reloaded page shows them).',
  ),
  'campaign:delete': invoke<CampaignDeleted>()(
    ById,
    'Delete a campaign from this computer: its contacts, results, journal and attachment copy. Refused (conflict) while it is sending or paused mid-run: stop it first.',
  ),
  'campaign:export': invoke<{ rows: number }>()(
    z.object({ id: CampaignId, format: z.enum(['csv', 'xlsx']), target: FileId }).strict(),
    'Write the results (contact, fields, status, reason, message id, sent/delivered/read times) to a save target.',
  ),
} as const;

export const campaignEvents = {
  'campaign:progress': event<CampaignSummary>()(
    'latest',
    'A campaign that changed (usually the running one; receipts can update an older one): state, counts, ETA. Key by id.',
  ),
  'campaign:contacts': event<ContactUpdate[]>()('batch', 'Per-contact status changes, oldest first.'),
  'campaign:log': event<CampaignLogLine[]>()('batch', 'Live log lines of campaigns, oldest first.'),
} as const;

/** What campaign:delete achieved: the folder is gone, or something held a file and it is deleted on the next start. */
export interface CampaignDeleted {
  deleted: boolean;
  pending: boolean;
  message: string;
}

export interface CampaignApi {
  getPacingDefaults(): Promise<Result<PacingDefaults>>;
  checkTemplate(template: string, attachmentFileId?: string): Promise<Result<TemplateCheck>>;
  previewTemplate(template: string, index: number, draftId?: string): Promise<Result<TemplatePreview>>;
  checkAttachment(fileId: string): Promise<Result<AttachmentInfo>>;
  listTemplates(): Promise<Result<SavedTemplate[]>>;
  saveTemplate(name: string, text: string): Promise<Result<SavedTemplate>>;
  deleteTemplate(name: string): Promise<Result<void>>;
  startCampaign(request: StartCampaignRequest): Promise<Result<CampaignSummary>>;
  pauseCampaign(id: string): Promise<Result<CampaignSummary>>;
  resumeCampaign(id: string): Promise<Result<CampaignSummary>>;
  stopCampaign(id: string): Promise<Result<CampaignSummary>>;
  editCampaignPacing(id: string, pacing: PacingSettings): Promise<Result<CampaignSummary>>;
  sendTestMessage(template: string, attachmentFileId?: string, draftId?: string): Promise<Result<TestSendResult>>;
  resendFailed(id: string): Promise<Result<CampaignSummary>>;
  findContacts(query: string, offset: number, limit: number): Promise<Result<{ total: number; rows: ContactPick[] }>>;
  matchContacts(query: string): Promise<Result<number[]>>;
  startScheduledNow(id: string): Promise<Result<CampaignSummary>>;
  cancelScheduledStart(id: string): Promise<Result<CampaignSummary>>;
  listCampaigns(): Promise<Result<CampaignSummary[]>>;
  getCampaign(id: string): Promise<Result<CampaignSummary>>;
  getCampaignRows(id: string, offset: number, limit: number, status?: ContactStatus[]): Promise<Result<{ total: number; rows: ContactResult[] }>>;
  getCampaignLog(id: string): Promise<Result<CampaignLogLine[]>>;
  deleteCampaign(id: string): Promise<Result<CampaignDeleted>>;
  exportCampaign(id: string, format: 'csv' | 'xlsx', target: string): Promise<Result<{ rows: number }>>;
  onCampaignProgress(listener: (summary: CampaignSummary) => void): () => void;
  onContactUpdates(listener: (updates: ContactUpdate[]) => void): () => void;
  onCampaignLog(listener: (lines: CampaignLogLine[]) => void): () => void;
}
