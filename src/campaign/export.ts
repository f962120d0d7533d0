/**
 * Exports a campaign's results for the operator: one row per contact with its fields, status, reason, message id
 * and sent/delivered/read times, as CSV (UTF-8 with BOM, so Excel reads accents) or XLSX.
 */
import fsp from 'node:fs/promises';
import * as XLSX from 'xlsx';
import { csvField, neutraliseCell } from '../core/spreadsheet-cell';
import type { Campaign } from './campaign';

/** What an export reads from a campaign. */
export type ResultSource = Pick<Campaign, 'row'> & { meta: Pick<Campaign['meta'], 'columns' | 'total'> };

const iso = (ms: number | null): string => (ms === null ? '' : new Date(ms).toISOString());

/** Header and rows as plain strings, in contact order. */
export function resultTable(campaign: ResultSource): { header: string[]; rows: string[][] } {
  const columns = campaign.meta.columns;
  const header = ['Row', 'Phone', ...columns, 'Status', 'Reason', 'Message ID', 'Sent at', 'Delivered at', 'Read at'];
  const rows: string[][] = [];
  for (let i = 0; i < campaign.meta.total; i++) {
    const r = campaign.row(i);
    rows.push([
      String(r.row),
      r.phone,
      ...columns.map((c) => r.fields[c] ?? ''),
      r.status,
      r.reason ?? '',
      r.messageId ?? '',
      iso(r.sentAt),
      iso(r.deliveredAt),
      iso(r.readAt),
    ]);
  }
  return { header, rows };
}

/** One CSV field, neutralised against CSV injection (see core/spreadsheet-cell.ts). */
export const csvCell = csvField;

export async function exportCsv(campaign: ResultSource, file: string): Promise<number> {
  const { header, rows } = resultTable(campaign);
  const lines = [header, ...rows].map((row) => row.map(csvField).join(','));
  await fsp.writeFile(file, `\uFEFF${lines.join('\r\n')}\r\n`, 'utf8');
  return rows.length;
}

/** Every cell a text cell (a phone keeps its + and digits), neutralised as in the CSV (a formula typed over it later stays text). */
export async function exportXlsx(campaign: ResultSource, file: string): Promise<number> {
  const { header, rows } = resultTable(campaign);
  const sheet = XLSX.utils.aoa_to_sheet([header, ...rows].map((row) => row.map(neutraliseCell)));
  const book = XLSX.utils.book_new();
  XLSX.utils.book_append_sheet(book, sheet, 'Results');
  const data = XLSX.write(book, { type: 'buffer', bookType: 'xlsx', compression: true }) as Buffer;
  await fsp.writeFile(file, data);
  return rows.length;
}
