import path from 'node:path';
import type { DraftContent, DraftLoad, StoredDraft } from '../../platform/draft-store';
import type { draftInvokes, SavedDraft } from '../../shared/contract/draft';
import type { FileRef } from '../../shared/contract/files';
import { AppFailure, errorMessage } from '../../shared/result';
import type { HandlerMap } from '../router';

export interface DraftHandlerDeps {
  store: { load(): Promise<DraftLoad>; save(content: DraftContent): Promise<StoredDraft>; discard(): Promise<void> };
  /** The file registry: a kept attachment path gets a fresh reference; a saved reference gives its path. */
  files: { register(filePath: string): Promise<FileRef>; resolve(id: string, direction: 'read'): { path: string; name: string } };
  /** Messages the connected account sent today; null while none is connected. */
  sentToday: () => Promise<number | null>;
  /** A damaged or unreadable draft file, for the log. */
  warn: (message: string) => void;
}

export function createDraftHandlers(deps: DraftHandlerDeps): Pick<HandlerMap, keyof typeof draftInvokes> {
  return {
    'draft:get': async () => {
      const { draft, problem } = await deps.store.load();
      if (problem) deps.warn(problem);
      return draft ? restore(draft, deps.files) : null;
    },
    'draft:save': async ({ attachmentFileId, ...rest }) => {
      // A reference made for reading only (a dialog, a drop, an upload): the page never names a path itself.
      const attachment = attachmentFileId === null ? null : deps.files.resolve(attachmentFileId, 'read');
      const saved = await deps.store.save({ ...rest, attachment });
      return { savedAt: saved.savedAt };
    },
    'draft:discard': () => deps.store.discard(),
    'draft:sentToday': async () => ({ sentToday: await deps.sentToday() }),
  };
}

/** The kept draft for the page: its attachment registered again, or said to be gone when it no longer is there. */
async function restore(draft: StoredDraft, files: DraftHandlerDeps['files']): Promise<SavedDraft> {
  const { template, pacing, campaignName, draftId, savedAt } = draft;
  let attachment: SavedDraft['attachment'] = null;
  let attachmentProblem: string | null = null;
  if (draft.attachment) {
    try {
      const ref = await files.register(draft.attachment.path);
      attachment = { fileId: ref.id, name: ref.name };
    } catch (err) {
      const { name, path: where } = draft.attachment;
      // Gone is said plainly; anything else (a folder there now, no permission) says what it is.
      const why = err instanceof AppFailure && err.code === 'not_found' ? '' : ` (${errorMessage(err)})`;
      attachmentProblem = `The attachment ${name} chosen for this message is no longer in ${path.dirname(where)}${why}. Choose it again, or send without it.`;
    }
  }
  return { template, attachment, attachmentProblem, pacing, campaignName, draftId, savedAt };
}
