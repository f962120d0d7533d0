/**
 * The rows an import left out of a campaign (a number that could not be read, a duplicate, an opted-out number),
 * kept with the campaign in left-out.jsonl, one per line, so its results export can list them with their reason:
 * they were never contacts of the campaign, and the import they came from is gone by then. Written before
 * campaign.json; a campaign from before this file existed has none (readLeftOut says so with null).
 */
import fsp from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import type { ImportProblem } from '../shared/contract/contacts';
import { parseStoredJson } from '../shared/stored-data';
import { PRIVATE_DIR_MODE, readTextIfAny, writeFileAtomic } from './campaign-files';

export const LEFT_OUT_FILE = 'left-out.jsonl';

export const LeftOutRow = z.object({
  /** Spreadsheet row number. */
  row: z.number().int(),
  /** The phone cell as written. */
  value: z.string(),
  reason: z.string(),
  /** The row's cells by column name (Name, ...), when the import had them. */
  fields: z.record(z.string(), z.string()).optional(),
});
export type LeftOutRow = z.infer<typeof LeftOutRow>;

export async function writeLeftOut(dir: string, rows: readonly LeftOutRow[]): Promise<void> {
  await fsp.mkdir(dir, { recursive: true, mode: PRIVATE_DIR_MODE });
  const lines = rows.map((r) => JSON.stringify(r));
  await writeFileAtomic(path.join(dir, LEFT_OUT_FILE), lines.length > 0 ? `${lines.join('\n')}\n` : '');
}

/** The rows left out, in file order; null when the campaign kept none (created before left-out.jsonl existed). */
export async function readLeftOut(dir: string): Promise<LeftOutRow[] | null> {
  const file = path.join(dir, LEFT_OUT_FILE);
  const text = await readTextIfAny(file);
  if (text === null) return null;
  const rows: LeftOutRow[] = [];
  text.split('\n').forEach((line, i) => {
    if (line) rows.push(parseStoredJson(LeftOutRow, line, file, i + 1));
  });
  return rows;
}

/** What an import offers for the rows it left out (ContactsService; a test's stand-in may have neither). */
export interface LeftOutSource {
  allRowsLeftOut?(): Iterable<ImportProblem>;
  allOptedOutRows?(): Iterable<ImportProblem>;
  rowValues?(row: number): string[];
}

/** The import's rows left out (problems, duplicates, opted out), in file order, with their cells by column name; undefined when the source cannot tell. */
export function leftOutOfImport(source: LeftOutSource, columns: readonly string[]): LeftOutRow[] | undefined {
  if (!source.allRowsLeftOut) return undefined;
  const rows: LeftOutRow[] = [];
  const all = [...source.allRowsLeftOut(), ...(source.allOptedOutRows?.() ?? [])].sort((a, b) => a.row - b.row);
  for (const p of all) {
    const values = source.rowValues?.(p.row) ?? [];
    const fields: Record<string, string> = {};
    columns.forEach((c, i) => (fields[c] = values[i] ?? ''));
    rows.push({ row: p.row, value: p.value, reason: p.reason, fields });
  }
  return rows;
}
