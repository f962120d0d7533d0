import type { ImportSummary } from '../../../src/shared/contract/contacts';

/** 1234567 -> "1,234,567" (in the operator's language: renderer/i18n/format.ts): counts read at a glance. */
export { formatCount } from '../../i18n/format';

/** "1 row" / "3 rows": the renderer's one plural helper. */
export { plural } from '../../components/plural';

const kindNames: Record<ImportSummary['source']['kind'], string> = {
  csv: 'CSV file',
  xlsx: 'Excel workbook',
  xls: 'Excel 97-2003 workbook',
  ods: 'OpenDocument spreadsheet',
  text: 'text file',
  paste: 'pasted numbers',
};

const delimiterNames: Record<string, string> = { ',': 'commas', ';': 'semicolons', '\t': 'tabs', '|': 'bars' };

/** One line on what was read: "CSV file · utf-8 · columns separated by commas". */
export function describeSource(summary: ImportSummary): string {
  const { kind, encoding, delimiter } = summary.source;
  if (kind === 'paste') return 'Pasted into the app, one number on each line';
  const parts = [kindNames[kind] ?? kind];
  if (summary.sheet) parts.push(`sheet "${summary.sheet}"`);
  if (encoding) parts.push(encoding);
  if (delimiter) parts.push(`columns separated by ${delimiterNames[delimiter] ?? `"${delimiter}"`}`);
  return parts.join(' · ');
}

/** Errors must name the file: main's messages usually do; when one does not, say which file it was about. */
export function aboutFile(name: string, message: string): string {
  if (message.includes(name)) return message;
  // Some messages are written to follow the file's name ("is not a spreadsheet…"): let them read as a sentence.
  return /^(is|has|was|could|cannot|can't|does|did) /.test(message) ? `${name} ${message}` : `${name}: ${message}`;
}

/** Reasons come from the phone checker in lower case ("too short"); a table cell reads better capitalised. */
export const sentence = (text: string): string => (text ? text[0]!.toUpperCase() + text.slice(1) : text);
