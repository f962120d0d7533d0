/**
 * What may reach a log file or the diagnostics: every line passes through `redactLogText` first, so a phone number,
 * a QR code or a very long text (a message body that slipped into an error) never lands on disk whole.
 */

/** WhatsApp's QR text: "<n>@<ref>,<noise key>,<identity key>,<secret>"; whoever has it can link the account. */
const QR_PAYLOAD = /\b\d@[A-Za-z0-9+/=_.,-]{8,}/g;
/** A QR (or any image) drawn as a data URL. */
const DATA_URL = /data:[a-z]+\/[a-z0-9.+-]+;base64,[A-Za-z0-9+/=]*/gi;
/**
 * A phone-number-like run: digits, optionally after a `+`, with spaces, dashes or brackets between them, not glued to
 * a letter before it (a hex id). Dots are not separators, so versions (Chromium 156.0.8078.108) and addresses stay
 * readable. A campaign id (c_20261130064814_ab12cd34) is matched first and kept whole: it names no one.
 */
const DIGIT_RUN = /\bc_\d{14}_[0-9a-f]{8}\b|(?<![A-Za-z0-9])\+?\(?\d(?:[\d ()-]*\d)?/g;
const CAMPAIGN_ID = /^c_\d{14}_[0-9a-f]{8}$/;
/** ISO dates (2026-11-30) have eight digits but are no phone number. */
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
/** Fewer digits than this is a count, a size or a port, not a number to hide. */
const MIN_PHONE_DIGITS = 7;
/** The digits a masked number keeps, enough to tell two contacts apart in a support case. */
const KEPT_DIGITS = 3;
/** A log message longer than this is cut: no log line needs more, and a body would not be kept whole. */
export const MAX_LOGGED_CHARS = 2000;

export const QR_REMOVED = '[QR code removed]';

/** Masks every digit of a phone-like run except the last three: "+971 50 123 4567" -> "+*** ** *** *567". */
export function maskDigits(run: string): string {
  const digits = run.replace(/\D/g, '').length;
  if (digits < MIN_PHONE_DIGITS || ISO_DATE.test(run) || CAMPAIGN_ID.test(run)) return run;
  let toHide = digits - KEPT_DIGITS;
  return run.replace(/\d/g, (d) => (toHide-- > 0 ? '*' : d));
}

/** The text with QR payloads dropped, phone-like numbers masked and its length bounded. */
export function redactLogText(text: string): string {
  const redacted = text.replace(DATA_URL, QR_REMOVED).replace(QR_PAYLOAD, QR_REMOVED).replace(DIGIT_RUN, maskDigits);
  if (redacted.length <= MAX_LOGGED_CHARS) return redacted;
  return `${redacted.slice(0, MAX_LOGGED_CHARS)}… (${redacted.length - MAX_LOGGED_CHARS} more characters cut)`;
}
