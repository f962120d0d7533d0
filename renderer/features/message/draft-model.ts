import type { AttachmentInfo, PacingSettings } from '../../../src/shared/contract/campaign';
import type { DraftSave } from '../../../src/shared/contract/draft';
import { PacingSettings as PacingSchema } from '../../../src/shared/contract/campaign';

/**
 * What the operator is preparing, shared by the Message and Send screens: the message, its checked attachment,
 * and the pacing and name chosen on the Send screen (pacing is null until the defaults or the kept draft load).
 * Kept in main (draft:save, a moment after each change), so a reload or a restart finds it again, until a campaign
 * is started from it or the operator discards it.
 */
export interface Draft {
  template: string;
  attachmentFileId: string | null;
  /** What campaign:checkAttachment said about `attachmentFileId`, to show its name, kind and size anywhere. */
  attachment: AttachmentInfo | null;
  /** The kept attachment could not be restored (moved or deleted since): said plainly until another is chosen. */
  attachmentProblem: string | null;
  pacing: PacingSettings | null;
  /** The name typed on the Send screen; kept here so a trip to the Connection screen does not lose it. */
  campaignName: string;
  /**
   * Seeds the spintax choices: previews and the start use the same id, so each contact gets exactly the text the
   * preview showed for them. A new one is drawn after each start, so the next campaign varies again.
   */
  draftId: string;
}

export type DraftUpdate = Partial<Draft> | ((d: Draft) => Partial<Draft>);

/** A fresh draft id (the contract allows letters, digits, '-' and '_'). */
export const newDraftId = (): string => crypto.randomUUID();

export const emptyDraft = (): Draft => ({
  template: '',
  attachmentFileId: null,
  attachment: null,
  attachmentProblem: null,
  pacing: null,
  campaignName: '',
  draftId: newDraftId(),
});

/** Nothing typed or chosen: nothing worth keeping. */
export const isBlank = (d: Draft): boolean => !d.template && !d.attachmentFileId && !d.campaignName.trim();

/**
 * What draft:save gets: pacing only while it is valid (a half-typed value keeps the last valid one), so the kept
 * draft always loads back into a form that can start.
 */
export function toSave(d: Draft, lastValidPacing: PacingSettings | null): DraftSave {
  const pacing = d.pacing && PacingSchema.safeParse(d.pacing).success ? d.pacing : lastValidPacing;
  return { template: d.template, attachmentFileId: d.attachmentFileId, pacing, campaignName: d.campaignName, draftId: d.draftId };
}

/** What decides whether a save is due (the draft id alone changing is not worth one). */
export const saveKey = (save: DraftSave): string => JSON.stringify({ ...save, draftId: undefined });
