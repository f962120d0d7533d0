/**
 * Exports a campaign's results for the operator: one row per contact with its fields, status, reason, message id
 * and sent/delivered/read times, as CSV (UTF-8 with BOM, so Excel reads accents) or XLSX.
 */
import fsp from 'node:fs/promises';
import * as XLSX from 'xlsx';
import type { Campaign } from './campaign';

const iso = (ms: number | null): string => (ms === null ? '' : new Date(ms).toISOString());

/** Header and rows as plain strings, in contact order. */
export function resultTable(campaign: Campaign): { header: string[]; rows: string[][] } {
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

/**
 * A cell a spreadsheet would run as a formula (=, @, or + / - not starting a number) gets a leading apostrophe:
 * imported contact data must not become code in the operator's Excel (CSV injection).
 */
export function csvCell(value: string): string {
  const safe = /^[=@\t\r]/.test(value) || /^[+-](?![\d\s(])/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

export async function exportCsv(campaign: Campaign, file: string): Promise<number> {
  const { header, rows } = resultTable(campaign);
  const lines = [header, ...rows].map((row) => row.map(csvCell).join(','));
  await fsp.writeFile(file, `\uFEFF${lines.join('\r\n')}\r\n`, 'utf8');
  return rows.length;
}

export async function exportXlsx(campaign: Campaign, file: string): Promise<number> {
  const { header, rows } = resultTable(campaign);
  const sheet = XLSX.utils.aoa_to_sheet([header, ...rows]);
  const book = XLSX.utils.book_new();
  XLSX.utils.book_append_sheet(book, sheet, 'Results');
  const data = XLSX.write(book, { type: 'buffer', bookType: 'xlsx', compression: true }) as Buffer;
  await fsp.writeFile(file, data);
  return rows.length;
}
