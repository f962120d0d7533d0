/**
 * Cells written to a spreadsheet the operator opens (CSV and XLSX exports). Contact data comes from anyone, and a
 * cell that starts like a formula would run in the operator's Excel (CSV injection): `=cmd|' /C calc'!A0`, or the
 * same behind arithmetic, `-2+3+cmd|' /C calc'!A0`. Every export passes every cell through neutraliseCell.
 *
 * The OWASP rule: a cell starting with `=`, `+`, `-`, `@`, a tab or a carriage return gets a leading single quote,
 * so the spreadsheet shows it as text. One exception keeps phone numbers usable: a cell that is nothing but an
 * international number, `+` and 6 to 15 digits (`+971501234567`), is left as it is. A spreadsheet can only read
 * such a cell as a number, never as a call or a reference, so it cannot run anything. In XLSX every cell is written
 * as a text cell, so such a number also keeps its `+` and every digit there.
 * https://owasp.org/www-community/attacks/CSV_Injection
 */

/** `+` and 6-15 digits, as E.164 numbers are written: safe as it is, and useful to keep unchanged. */
const PURE_PHONE = /^\+\d{6,15}$/;

const isFormulaStart = (code: number): boolean =>
  code === 0x3d /* = */ || code === 0x2b /* + */ || code === 0x2d /* - */ || code === 0x40 /* @ */ || code === 0x09 || code === 0x0d;

/** The cell as a spreadsheet should receive it: a leading quote when it could start a formula (see above). */
export function neutraliseCell(value: string): string {
  if (value.length === 0 || !isFormulaStart(value.charCodeAt(0))) return value;
  return PURE_PHONE.test(value) ? value : `'${value}`;
}

/** A neutralised cell as one CSV field (RFC 4180): quoted when it holds a quote, comma or line break. */
export function csvField(value: string): string {
  const safe = neutraliseCell(value);
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}
