/**
 * Exports a campaign's results for the operator. The XLSX (export-xlsx.ts) has typed cells and three sheets; the CSV
 * is one plain-text table: a line per contact (row, phone, the imported columns, status, reason, the message as that
 * person got it, times) and a line per row the import left out (status "left out at import" and why), in the order
 * of the imported file, then the message and chat ids. Times in the CSV are this computer's local time,
 * "2026-11-30 14:05:09", which Excel and LibreOffice read as a date and time. UTF-8 with a BOM, so Excel reads accents.
 */
import fsp from 'node:fs/promises';
import { csvField } from '../core/spreadsheet-cell';
import { LEFT_OUT_UNKNOWN, leftOutOf, repliesFor, resultLines, type ResultSource } from './export-rows';
import type { ContactReply } from './replies-book';
import type { LeftOutRow } from './left-out';

export type { ResultSource };

const pad = (n: number) => String(n).padStart(2, '0');

/** Local date and time, "2026-11-30 14:05:09"; '' when unknown. */
export function localTime(ms: number | null): string {
  if (ms === null) return '';
  const d = new Date(ms);
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`;
}

/** Header and rows as plain strings: contacts and rows left out, in the imported file's row order. */
export function resultTable(
  campaign: ResultSource,
  leftOut: readonly LeftOutRow[] | null,
  replies?: ReadonlyMap<number, ContactReply>,
): { header: string[]; rows: string[][] } {
  const columns = campaign.meta.columns;
  const header = [
    'Row',
    'Phone',
    ...columns,
    'Status',
    'Reason',
    'Message',
    'Sent at',
    'Delivered at',
    'Read at',
    'Replied at',
    'Reply',
    'Message ID',
    'Chat ID',
  ];
  const lines: Array<{ row: number; cells: string[] }> = [];
  for (const { result: r, message, chatId, reply } of resultLines(campaign, replies)) {
    const times = [localTime(r.sentAt), localTime(r.deliveredAt), localTime(r.readAt), localTime(reply?.at ?? null), reply?.text ?? ''];
    const cells = [String(r.row), r.phone, ...columns.map((c) => r.fields[c] ?? ''), r.status, r.reason ?? '', message, ...times];
    lines.push({ row: r.row, cells: [...cells, r.messageId ?? '', chatId] });
  }
  for (const l of leftOut ?? []) {
    const cells = [String(l.row), l.value, ...columns.map((c) => l.fields?.[c] ?? ''), 'left out at import', l.reason];
    lines.push({ row: l.row, cells: [...cells, '', '', '', '', '', '', '', ''] });
  }
  // Stable: a contact keeps its place before a row left out with the same number (a pasted list has no rows).
  lines.sort((a, b) => a.row - b.row);
  return { header, rows: lines.map((l) => l.cells) };
}

/** One CSV field, neutralised against CSV injection (see core/spreadsheet-cell.ts). */
export const csvCell = csvField;

/** Writes the CSV; returns the lines written below the header. */
export async function exportCsv(campaign: ResultSource, file: string): Promise<number> {
  const leftOut = await leftOutOf(campaign);
  const { header, rows } = resultTable(campaign, leftOut, await repliesFor(campaign));
  const lines = [header, ...rows].map((row) => row.map(csvField).join(','));
  if (leftOut === null) lines.push(csvField(LEFT_OUT_UNKNOWN));
  await fsp.writeFile(file, `\uFEFF${lines.join('\r\n')}\r\n`, 'utf8');
  return rows.length;
}

export { exportXlsx } from './export-xlsx';
