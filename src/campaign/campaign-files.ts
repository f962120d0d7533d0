/**
 * A campaign's folder: campaign.json (what to send and how fast), contacts.jsonl (the contacts as imported, one
 * per line, index = line number - 1), journal.jsonl (what happened) and attachment/ (a copy of the file to send).
 * campaign.json is written last and atomically: a folder without it is an unfinished creation and is ignored.
 */
import { randomBytes } from 'node:crypto';
import fsp from 'node:fs/promises';
import path from 'node:path';
import type { AttachmentKind, PacingSettings } from '../shared/contract/campaign';
import type { ContactRecord } from './contact-record';

export interface StoredAttachment {
  /** File name inside the campaign's attachment/ folder. */
  file: string;
  name: string;
  size: number;
  mimeType: string;
  kind: AttachmentKind;
}

export interface CampaignMeta {
  version: 1;
  id: string;
  name: string;
  createdAt: number;
  template: string;
  pacing: PacingSettings;
  attachment: StoredAttachment | null;
  columns: string[];
  total: number;
  /** Seeds each contact's spintax choices with the phone; the campaign id when absent. Never changes. */
  spinSeed?: string;
}

export const META_FILE = 'campaign.json';
export const CONTACTS_FILE = 'contacts.jsonl';
export const JOURNAL_FILE = 'journal.jsonl';
export const ATTACHMENT_DIR = 'attachment';

export function newCampaignId(now: number): string {
  const stamp = new Date(now).toISOString().replace(/\D/g, '').slice(0, 14);
  return `c_${stamp}_${randomBytes(4).toString('hex')}`;
}

export const campaignPaths = (dir: string) => ({
  meta: path.join(dir, META_FILE),
  contacts: path.join(dir, CONTACTS_FILE),
  journal: path.join(dir, JOURNAL_FILE),
  attachmentDir: path.join(dir, ATTACHMENT_DIR),
});

/** Campaign files hold phone numbers and messages: owner-only, whichever copy (app or CLI) writes them. */
export const PRIVATE_DIR_MODE = 0o700;
export const PRIVATE_FILE_MODE = 0o600;

/**
 * Writes a file (owner-only) and fsyncs it, then renames it into place and fsyncs the folder, so it is whole or
 * absent.
 */
export async function writeFileAtomic(file: string, data: string): Promise<void> {
  const tmp = `${file}.tmp-${process.pid}`;
  const handle = await fsp.open(tmp, 'w', PRIVATE_FILE_MODE);
  try {
    await handle.writeFile(data);
    await handle.sync();
  } finally {
    await handle.close();
  }
  await fsp.rename(tmp, file);
  await syncDir(path.dirname(file));
}

export async function syncDir(dir: string): Promise<void> {
  // Directory fsync is not supported everywhere (Windows): the rename is still atomic there.
  try {
    const handle = await fsp.open(dir, 'r');
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
  } catch {
    /* best effort */
  }
}

export interface NewCampaignFiles {
  meta: Omit<CampaignMeta, 'version' | 'total'>;
  contacts: readonly ContactRecord[];
  /** Source path of the attachment to copy in (already checked). */
  attachmentSource: string | null;
}

export async function writeCampaign(dir: string, input: NewCampaignFiles): Promise<CampaignMeta> {
  const paths = campaignPaths(dir);
  await fsp.mkdir(dir, { recursive: true, mode: PRIVATE_DIR_MODE });
  const lines = input.contacts.map((c) => JSON.stringify({ row: c.row, phone: c.phone, fields: c.fields }));
  await writeFileAtomic(paths.contacts, lines.length > 0 ? `${lines.join('\n')}\n` : '');
  if (input.attachmentSource && input.meta.attachment) {
    await fsp.mkdir(paths.attachmentDir, { recursive: true, mode: PRIVATE_DIR_MODE });
    const copy = path.join(paths.attachmentDir, input.meta.attachment.file);
    await fsp.copyFile(input.attachmentSource, copy);
    // A copy keeps its source's mode: make it owner-only like the rest.
    await fsp.chmod(copy, PRIVATE_FILE_MODE);
  }
  const meta: CampaignMeta = { version: 1, ...input.meta, total: input.contacts.length };
  await writeFileAtomic(paths.meta, `${JSON.stringify(meta, null, 2)}\n`);
  return meta;
}

/** campaign.json or contacts.jsonl is damaged: names the file, the line (when it is one line) and what is wrong. */
export class CampaignFilesError extends Error {
  constructor(
    readonly file: string,
    readonly line: number | null,
    readonly detail: string,
  ) {
    super(`${file}${line === null ? '' : `, line ${line}`}: ${detail}`);
    this.name = 'CampaignFilesError';
  }
}

export async function readMeta(dir: string): Promise<CampaignMeta | null> {
  const file = campaignPaths(dir).meta;
  let text: string;
  try {
    text = await fsp.readFile(file, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw err;
  }
  let meta: CampaignMeta;
  try {
    meta = JSON.parse(text) as CampaignMeta;
  } catch {
    throw new CampaignFilesError(file, null, 'not valid JSON');
  }
  if (meta.version !== 1 || typeof meta.id !== 'string' || typeof meta.template !== 'string') {
    throw new CampaignFilesError(file, null, 'not a campaign description this version understands');
  }
  return meta;
}

export async function readContacts(dir: string, expected: number): Promise<ContactRecord[]> {
  const file = campaignPaths(dir).contacts;
  const text = await fsp.readFile(file, 'utf8');
  const contacts: ContactRecord[] = [];
  let lineNo = 0;
  for (const raw of text.split('\n')) {
    lineNo += 1;
    if (!raw) continue;
    try {
      const c = JSON.parse(raw) as ContactRecord;
      contacts.push({ row: c.row, phone: c.phone, fields: c.fields ?? {} });
    } catch {
      throw new CampaignFilesError(file, lineNo, 'not valid JSON');
    }
  }
  if (contacts.length !== expected) {
    throw new CampaignFilesError(file, null, `${contacts.length} contacts, but campaign.json says ${expected}`);
  }
  return contacts;
}
