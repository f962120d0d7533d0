/** Checks an attachment on disk before a campaign starts: type, size and that its content matches its name. */
import fsp from 'node:fs/promises';
import path from 'node:path';
import { checkAttachmentFile } from '../core/attachment-rules';
import type { AttachmentKind } from '../shared/contract/campaign';
import { AppFailure, errorMessage } from '../shared/result';

export interface CheckedAttachment {
  path: string;
  name: string;
  size: number;
  mimeType: string;
  kind: AttachmentKind;
  maxSize: number;
}

/** Throws AppFailure('bad_request' | 'not_found') with a message naming the file. */
export async function checkAttachment(filePath: string, displayName = path.basename(filePath)): Promise<CheckedAttachment> {
  let handle: fsp.FileHandle;
  try {
    handle = await fsp.open(filePath, 'r');
  } catch (err) {
    throw new AppFailure('not_found', `Attachment ${displayName} cannot be opened: ${errorMessage(err)}`);
  }
  try {
    const stat = await handle.stat();
    if (!stat.isFile()) throw new AppFailure('bad_request', `Attachment ${displayName} is not a file.`);
    const head = new Uint8Array(16);
    await handle.read(head, 0, 16, 0);
    const verdict = checkAttachmentFile(displayName, stat.size, head);
    if (!verdict.ok) throw new AppFailure('bad_request', `Attachment ${verdict.message}`);
    return { path: filePath, name: displayName, size: stat.size, mimeType: verdict.mimeType, kind: verdict.kind, maxSize: verdict.maxSize };
  } finally {
    await handle.close();
  }
}
