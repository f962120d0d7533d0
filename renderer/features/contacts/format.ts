import type { ImportSummary } from '../../../src/shared/contract/contacts';
import type { MessageKey, Translate } from '../../i18n';

/** 1234567 -> "1,234,567" (in the operator's language: renderer/i18n/format.ts): counts read at a glance. */
export { formatCount } from '../../i18n/format';

const kindNames: Record<Exclude<ImportSummary['source']['kind'], 'paste'>, MessageKey> = {
  csv: 'contacts.source.kindCsv',
  xlsx: 'contacts.source.kindXlsx',
  xls: 'contacts.source.kindXls',
  ods: 'contacts.source.kindOds',
  text: 'contacts.source.kindText',
};

const delimiterNames: Record<string, string> = { ',': 'comma', ';': 'semicolon', '\t': 'tab', '|': 'bar' };

/** One line on what was read: "CSV file · utf-8 · columns separated by commas". */
export function describeSource(summary: ImportSummary, t: Translate): string {
  const { kind, encoding, delimiter } = summary.source;
  if (kind === 'paste') return t('contacts.source.pasted');
  const parts = [kind in kindNames ? t(kindNames[kind]) : kind];
  if (summary.sheet) parts.push(t('contacts.source.sheet', { sheet: summary.sheet }));
  if (encoding) parts.push(encoding);
  if (delimiter) parts.push(t('contacts.source.separatedBy', { delimiter: delimiterNames[delimiter] ?? 'other', character: delimiter }));
  return parts.join(' · ');
}

/** Errors must name the file: main's messages usually do; when one does not, say which file it was about. */
export function aboutFile(name: string, message: string): string {
  if (message.includes(name)) return message;
  // Some messages are written to follow the file's name ("is not a spreadsheet…"): let them read as a sentence.
  return /^(is|has|was|could|cannot|can't|does|did) /.test(message) ? `${name} ${message}` : `${name}: ${message}`;
}

/** The phone checker's reasons (src/core/phone.ts PHONE_REASONS), in the operator's language. */
const reasons: Record<string, MessageKey> = {
  empty: 'contacts.reason.empty',
  'letters in the number': 'contacts.reason.letters',
  'too short': 'contacts.reason.tooShort',
  'too long': 'contacts.reason.tooLong',
  'wrong number of digits': 'contacts.reason.wrongDigits',
  'not a mobile number': 'contacts.reason.notMobile',
  'not a valid number': 'contacts.reason.notValid',
};

/** Why a number cannot be used, as a table cell reads it ("Too short"); a reason not known here is shown capitalised. */
export function describeReason(reason: string, t: Translate): string {
  const key = reasons[reason];
  if (key) return t(key);
  return reason ? reason[0]!.toUpperCase() + reason.slice(1) : reason;
}
