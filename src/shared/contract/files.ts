import { z } from 'zod';
import type { Result } from '../result';
import { invoke } from './define';

/**
 * Files reach main as opaque references: a native dialog (Electron), a dropped file, or an upload (browser host)
 * registers the real path in main, and the renderer only ever holds the id. The page never names a path.
 * A reference is for reading (open dialog, drop, upload) or for writing (save dialog, the host's save target),
 * and a handler refuses one made for the other direction.
 */
export interface FileRef {
  id: string;
  name: string;
  size: number;
}

export const FilePurpose = z.enum(['contacts', 'opt-out', 'attachment', 'template']);
export type FilePurpose = z.infer<typeof FilePurpose>;

export const FileId = z.string().regex(/^f_[A-Za-z0-9_-]{6,64}$/, 'not a file reference');

export const filesInvokes = {
  'files:pickOpen': invoke<FileRef | null>()(
    z.object({ purpose: FilePurpose }).strict(),
    'Electron: show the native open dialog for this purpose; null when cancelled.',
  ),
  'files:registerDropped': invoke<FileRef>()(
    z.object({ path: z.string().min(1).max(4096), purpose: FilePurpose }).strict(),
    'Electron: a file dropped on the window (path from webUtils.getPathForFile in the preload), registered for ' +
      'reading only and only when it is a regular file (not a folder, pipe or device).',
  ),
  'files:pickSave': invoke<FileRef | null>()(
    z.object({ suggestedName: z.string().min(1).max(255) }).strict(),
    'Choose where an export goes (native save dialog; the browser host gives a download instead). The only kind ' +
      'of reference an export writes to: a reference from an open dialog, a drop or an upload is refused there.',
  ),
} as const;

export const filesEvents = {} as const;

/** What the renderer uses; each transport (preload, browser host) implements it in its own way. */
export interface FilesApi {
  pickFile(purpose: FilePurpose): Promise<Result<FileRef | null>>;
  fileFromDrop(file: File, purpose: FilePurpose): Promise<Result<FileRef>>;
  pickSaveTarget(suggestedName: string): Promise<Result<FileRef | null>>;
  /** After main has written an export to a save target: the browser host downloads it; Electron has nothing to do. */
  deliverSaved(target: FileRef): Promise<void>;
}
