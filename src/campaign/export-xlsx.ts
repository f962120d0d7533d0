/**
 * The results as an Excel workbook with typed cells, for the operator:
 * - "Results": a row per contact: row number (a number), phone and the imported columns (text: a phone keeps its +
 *   and every digit), status, reason, the message as that person got it, and sent/delivered/read as date cells.
 * - "Left out at import": the rows the import did not make contacts (unreadable number, duplicate, opted out), why.
 * - "Details": the ids WhatsApp gave (message id, chat id), for support; kept off the first sheet.
 * Times are Excel date serials in this computer's local time with the built-in date-time format 22, which Excel
 * shows in the operator's own date order (14/03/2026 09:05 or 3/14/2026 9:05). Text cells are neutralised as in
 * the CSV, so one that starts like a formula stays text even if retyped later.
 */
import fsp from 'node:fs/promises';
import * as XLSX from 'xlsx';
import { neutraliseCell } from '../core/spreadsheet-cell';
import { LEFT_OUT_UNKNOWN, leftOutOf, repliesFor, resultLines, type ResultSource } from './export-rows';
import type { ContactReply } from './replies-book';
import type { LeftOutRow } from './left-out';

/** Excel's built-in format 22 ("m/d/yy h:mm"): Excel displays it in the system's short date and time. */
export const DATE_TIME_FORMAT = 'm/d/yy h:mm';

export const SHEETS = { results: 'Results', leftOut: 'Left out at import', details: 'Details' } as const;

type Cell = XLSX.CellObject;
const text = (v: string): Cell => ({ t: 's', v: neutraliseCell(v) });
const num = (v: number): Cell => ({ t: 'n', v });
const MS_PER_DAY = 86_400_000;
/** 1970-01-01 as an Excel serial (1900 date system). */
const EPOCH_SERIAL = 25_569;

/** An epoch time as an Excel date cell in local time; an empty text cell when unknown. */
export function dateCell(ms: number | null): Cell | null {
  if (ms === null) return null;
  const local = ms - new Date(ms).getTimezoneOffset() * 60_000;
  return { t: 'n', v: local / MS_PER_DAY + EPOCH_SERIAL, z: DATE_TIME_FORMAT };
}

function sheetOf(header: readonly string[], rows: Array<Array<Cell | null>>, widths: readonly number[]): XLSX.WorkSheet {
  const sheet: XLSX.WorkSheet = {};
  header.forEach((h, c) => (sheet[XLSX.utils.encode_cell({ r: 0, c })] = { t: 's', v: h }));
  rows.forEach((cells, r) =>
    cells.forEach((cell, c) => {
      if (cell) sheet[XLSX.utils.encode_cell({ r: r + 1, c })] = cell;
    }),
  );
  const ref = XLSX.utils.encode_range({ s: { r: 0, c: 0 }, e: { r: rows.length, c: header.length - 1 } });
  sheet['!ref'] = ref;
  sheet['!autofilter'] = { ref };
  sheet['!cols'] = widths.map((wch) => ({ wch }));
  return sheet;
}

function resultsSheet(
  campaign: ResultSource,
  replies: ReadonlyMap<number, ContactReply>,
): { sheet: XLSX.WorkSheet; details: XLSX.WorkSheet; count: number } {
  const columns = campaign.meta.columns;
  const rows: Array<Array<Cell | null>> = [];
  const ids: Array<Array<Cell | null>> = [];
  for (const { result: r, message, chatId, reply } of resultLines(campaign, replies)) {
    const fields = columns.map((c) => text(r.fields[c] ?? ''));
    const times = [dateCell(r.sentAt), dateCell(r.deliveredAt), dateCell(r.readAt), dateCell(reply?.at ?? null), reply ? text(reply.text) : null];
    rows.push([num(r.row), text(r.phone), ...fields, text(r.status), text(r.reason ?? ''), text(message), ...times]);
    ids.push([num(r.row), text(r.phone), text(r.messageId ?? ''), text(chatId)]);
  }
  const header = ['Row', 'Phone', ...columns, 'Status', 'Reason', 'Message', 'Sent', 'Delivered', 'Read', 'Replied', 'Reply'];
  const widths = [6, 16, ...columns.map(() => 18), 10, 30, 50, 16, 16, 16, 16, 40];
  return {
    sheet: sheetOf(header, rows, widths),
    details: sheetOf(['Row', 'Phone', 'Message ID', 'Chat ID'], ids, [6, 16, 40, 28]),
    count: rows.length,
  };
}

function leftOutSheet(columns: readonly string[], leftOut: readonly LeftOutRow[] | null): XLSX.WorkSheet {
  if (leftOut === null) return sheetOf(['Note'], [[text(LEFT_OUT_UNKNOWN)]], [90]);
  const rows = leftOut.map((l) => [num(l.row), text(l.value), ...columns.map((c) => text(l.fields?.[c] ?? '')), text(l.reason)]);
  return sheetOf(['Row', 'Phone as written', ...columns, 'Reason'], rows, [6, 18, ...columns.map(() => 18), 50]);
}

/** Writes the workbook; returns the number of contacts (lines of the Results sheet). */
export async function exportXlsx(campaign: ResultSource, file: string): Promise<number> {
  const results = resultsSheet(campaign, await repliesFor(campaign));
  const book = XLSX.utils.book_new();
  XLSX.utils.book_append_sheet(book, results.sheet, SHEETS.results);
  XLSX.utils.book_append_sheet(book, leftOutSheet(campaign.meta.columns, await leftOutOf(campaign)), SHEETS.leftOut);
  XLSX.utils.book_append_sheet(book, results.details, SHEETS.details);
  const data = XLSX.write(book, { type: 'buffer', bookType: 'xlsx', compression: true }) as Buffer;
  await fsp.writeFile(file, data);
  return results.count;
}
