/**
 * A campaign's folder: campaign.json (what to send and how fast), contacts.jsonl (the contacts as imported, one
 * per line, index = line number - 1), journal.jsonl (what happened) and attachment/ (a copy of the file to send).
 * campaign.json is written last and atomically: a folder without it is an unfinished creation and is ignored.
 */
import { randomBytes } from 'node:crypto';
import fsp from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { PacingSettings, type AttachmentKind } from '../shared/contract/campaign';
import { parseJsonText, parseStored, StoredDataError } from '../shared/stored-data';
import type { ContactRecord } from './contact-record';

const ATTACHMENT_KINDS = ['image', 'video', 'audio', 'pdf', 'document'] as const satisfies readonly AttachmentKind[];

export const StoredAttachment = z.object({
  /** File name inside the campaign's attachment/ folder. */
  file: z.string(),
  name: z.string(),
  size: z.number(),
  mimeType: z.string(),
  kind: z.enum(ATTACHMENT_KINDS),
});
export type StoredAttachment = z.infer<typeof StoredAttachment>;

/** campaign.json, format 1 (the only one so far; spinSeed came later and may be absent). */
export const StoredCampaignMeta = z.object({
  version: z.literal(1),
  id: z.string(),
  name: z.string(),
  createdAt: z.number(),
  template: z.string(),
  pacing: PacingSettings,
  attachment: StoredAttachment.nullable(),
  columns: z.array(z.string()),
  total: z.number().int().nonnegative(),
  /** Seeds each contact's spintax choices with the phone; the campaign id when absent. Never changes. */
  spinSeed: z.string().optional(),
  /** Set on a "resend to failed" campaign: the id of the campaign it resends; nobody sent to there gets it again. */
  resendOf: z.string().optional(),
  /** A scheduled start (epoch ms): the campaign waits until then (schedule.ts); absent: started when created. */
  startAt: z.number().optional(),
});
export type CampaignMeta = z.infer<typeof StoredCampaignMeta>;

/** One line of contacts.jsonl; `fields` may be absent (a contact without columns). */
export const StoredContactLine = z.object({
  row: z.number().int(),
  phone: z.string(),
  fields: z.record(z.string(), z.string()).optional(),
});

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
  // Its own copy of the pacing: a pace changed later (campaign-edit.ts) is changed in place.
  const meta: CampaignMeta = { version: 1, ...input.meta, pacing: { ...input.meta.pacing }, total: input.contacts.length };
  await writeFileAtomic(paths.meta, `${JSON.stringify(meta, null, 2)}\n`);
  return meta;
}

/** campaign.json or contacts.jsonl is damaged: names the file, the line (when it is one line), the field and what is wrong. */
export class CampaignFilesError extends StoredDataError {
  constructor(file: string, line: number | null, field: string | null, problem: string) {
    super(file, line, field, problem);
    this.name = 'CampaignFilesError';
  }

  static from(err: StoredDataError): CampaignFilesError {
    return new CampaignFilesError(err.file, err.line, err.field, err.problem);
  }

  /** What is wrong, with the field but without the file and line (those are separate). */
  get detail(): string {
    return this.field === null ? this.problem : `field ${this.field}: ${this.problem}`;
  }
}

/** Parses one stored value, with a CampaignFilesError naming file, line and field when it does not fit. */
function parseCampaignFile<S extends z.ZodType>(schema: S, text: string, file: string, line: number | null = null): z.output<S> {
  try {
    const value = parseJsonText(text, file, line);
    // A newer app's campaign: say so, rather than naming a field this version does not know.
    const version = line === null ? (value as { version?: unknown } | null)?.version : undefined;
    if (typeof version === 'number' && version !== 1) {
      throw new StoredDataError(file, line, 'version', `campaign format ${version}, which this version cannot read (it reads format 1)`);
    }
    return parseStored(schema, value, file, line);
  } catch (err) {
    throw err instanceof StoredDataError ? CampaignFilesError.from(err) : err;
  }
}

/** A file's text, or null when there is no such file. */
export async function readTextIfAny(file: string): Promise<string | null> {
  try {
    return await fsp.readFile(file, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw err;
  }
}

export async function readMeta(dir: string): Promise<CampaignMeta | null> {
  const file = campaignPaths(dir).meta;
  const text = await readTextIfAny(file);
  // No campaign.json: an unfinished creation (it is written last).
  if (text === null) return null;
  return parseCampaignFile(StoredCampaignMeta, text, file);
}

export async function readContacts(dir: string, expected: number): Promise<ContactRecord[]> {
  const file = campaignPaths(dir).contacts;
  const text = await fsp.readFile(file, 'utf8');
  const contacts: ContactRecord[] = [];
  let lineNo = 0;
  for (const raw of text.split('\n')) {
    lineNo += 1;
    if (!raw) continue;
    const c = parseCampaignFile(StoredContactLine, raw, file, lineNo);
    contacts.push({ row: c.row, phone: c.phone, fields: c.fields ?? {} });
  }
  if (contacts.length !== expected) {
    throw new CampaignFilesError(file, null, null, `${contacts.length} contacts, but campaign.json says ${expected}`);
  }
  return contacts;
}
