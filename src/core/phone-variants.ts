/**
 * Two written forms of one mobile number (pure), WHATSAPP.md #19 and whatsapp-web.js #596:
 *   Brazil  +55 AA 9XXXX-XXXX (13 digits) and the older +55 AA XXXX-XXXX (12), for the mobiles that existed before
 *           the ninth digit, whose 8-digit local part starts with 6-9; landlines (2-5) have one form only.
 *   Mexico  +52 XX XXXX XXXX (12 digits, since 2019) and the older +52 1 XX XXXX XXXX (13).
 * Lists and WhatsApp accounts may use either form, so the importer keeps one (canonicalForm) and the number check
 * asks for the other (alternateForm) when the first is not on WhatsApp.
 *
 * Both take and return E.164 digits without the "+". Every other number is returned as it is (or null) after a
 * couple of character tests, so the importer's per-row path stays as fast for other countries.
 */

const BRAZIL = '55';
const MEXICO = '52';

// "55" + area code (two digits, neither 0) + local part.
const BRAZIL_OLD_MOBILE = /^55[1-9][1-9][6-9]\d{7}$/;
const BRAZIL_MOBILE_FROM_OLD = /^55[1-9][1-9]9[6-9]\d{7}$/;
// Mexican national numbers are ten digits and never start with 0 or 1, so "52 1" + ten digits is the old form.
const MEXICO_NOW = /^52[2-9]\d{9}$/;
const MEXICO_OLD = /^521[2-9]\d{9}$/;

/** Whether the digits start with a calling code that has two forms: two character tests. */
function mayHaveTwoForms(digits: string): boolean {
  if (digits.charCodeAt(0) !== 0x35) return false; // '5'
  const second = digits.charCodeAt(1);
  return second === 0x35 || second === 0x32; // '5' (Brazil) or '2' (Mexico)
}

/**
 * The one form the contact list keeps: Brazil's mobiles with the ninth digit ("551187654321" -> "5511987654321"),
 * Mexico's numbers without the "1" ("5215512345678" -> "525512345678"); any other number unchanged.
 */
export function canonicalForm(digits: string): string {
  if (!mayHaveTwoForms(digits)) return digits;
  if (digits.length === 12 && BRAZIL_OLD_MOBILE.test(digits)) return BRAZIL + digits.slice(2, 4) + '9' + digits.slice(4);
  if (digits.length === 13 && MEXICO_OLD.test(digits)) return MEXICO + digits.slice(3);
  return digits;
}

/**
 * The other form WhatsApp may know the same account under, in either direction ("5511987654321" <-> "551187654321",
 * "525512345678" <-> "5215512345678"); null for a Brazilian landline, a Brazilian mobile that never had an 8-digit
 * form, and every other country.
 */
export function alternateForm(digits: string): string | null {
  if (!mayHaveTwoForms(digits)) return null;
  if (BRAZIL_OLD_MOBILE.test(digits)) return BRAZIL + digits.slice(2, 4) + '9' + digits.slice(4);
  if (BRAZIL_MOBILE_FROM_OLD.test(digits)) return BRAZIL + digits.slice(2, 4) + digits.slice(5);
  if (MEXICO_NOW.test(digits)) return MEXICO + '1' + digits.slice(2);
  if (MEXICO_OLD.test(digits)) return MEXICO + digits.slice(3);
  return null;
}

/** canonicalForm for "+"-prefixed E.164 ("+551187654321" -> "+5511987654321"). */
export function canonicalE164(e164: string): string {
  // Only "+55" with 12 digits or "+52" with 13 can change; spares every other number, canonical ones included, a slice.
  if (e164.charCodeAt(1) !== 0x35) return e164;
  const second = e164.charCodeAt(2);
  if (!((second === 0x35 && e164.length === 13) || (second === 0x32 && e164.length === 14))) return e164;
  const digits = e164.slice(1);
  const canonical = canonicalForm(digits);
  return canonical === digits ? e164 : '+' + canonical;
}

/** alternateForm for "+"-prefixed E.164 ("+5511987654321" -> "+551187654321"). */
export function alternateE164(e164: string): string | null {
  if (e164.charCodeAt(1) !== 0x35) return null;
  const alternate = alternateForm(e164.slice(1));
  return alternate === null ? null : '+' + alternate;
}
