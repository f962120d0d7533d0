/**
 * Phone normalisation to E.164 (pure: the renderer's preview and the importer share it).
 *
 * Validation uses libphonenumber-js's `mobile` metadata, whose only valid numbers are the ones that can be mobile
 * (MOBILE or FIXED_LINE_OR_MOBILE), so one `isValid()` answers "can WhatsApp be on this?". The `max` metadata is
 * loaded only to explain a rejection ("not a mobile number" versus "not a valid number"), which is the rare path.
 *
 * Speed: `parsePhoneNumberFromString` spends most of its ~6 s per million numbers in generic text parsing. Clean
 * input (digits with spaces, dashes, dots, brackets, a leading + or 00, a trunk 0) is turned into E.164 here and
 * checked with `new PhoneNumber(e164).isValid()`, about 2.5x faster. Only an accepted number takes the fast path:
 * every rejection is decided by the full parser, so the fast path cannot reject what the library would accept.
 *
 * Two written forms of one mobile (Brazil's ninth digit, Mexico's "+52 1", see phone-variants.ts) are both accepted
 * and come out in one canonical form, so the two forms of one person are one contact. A number is checked in that
 * form: the old 12-digit Brazilian mobile and the 13-digit Mexican one are invalid in the library's metadata.
 */
import { Metadata, getCountryCallingCode, isSupportedCountry, type CountryCode } from 'libphonenumber-js/core';
import { parsePhoneNumberFromString as parseMobile } from 'libphonenumber-js/mobile';
import { parsePhoneNumberFromString as parseMax, validatePhoneNumberLength } from 'libphonenumber-js/max';
import mobileMetadata from 'libphonenumber-js/metadata.mobile.json';
import { canonicalE164 } from './phone-variants';
import { selectedPlanRules, type PlanRuleAccessors, type PlanRules } from './plan-rules';

/** Why a number cannot be used; the order is fixed (the importer stores a reason as its index). */
export const PHONE_REASONS = [
  'empty',
  'letters in the number',
  'too short',
  'too long',
  'wrong number of digits',
  'not a mobile number',
  'not a valid number',
] as const;
export type PhoneReason = (typeof PHONE_REASONS)[number];

export type PhoneResult = { ok: true; e164: string } | { ok: false; reason: PhoneReason };

export function isSupportedCountryCode(country: string): boolean {
  return /^[A-Z]{2}$/.test(country) && isSupportedCountry(country as CountryCode, mobileMetadata);
}

/** Country whose calling code starts an E.164 number, e.g. "+971501234567" -> "AE"; null when unknown. */
export function countryOfNumber(e164: string): string | null {
  const digits = e164.replace(/\D/g, '');
  if (digits.length < 6) return null;
  return parseMax('+' + digits)?.country ?? null;
}

/** Separators people and exports put inside numbers; removed before anything else. */
const SEPARATORS = /[\s\-.()/\u00a0\u2010-\u2015\u2212]/g;
const LETTERS = /\p{L}/u;
const CLEAN_NATIONAL = /^\d+$/;

/** What the fast path needs to know about the default country. */
interface CountryPlan {
  callingCode: string;
  /** Trunk prefix that can simply be dropped (e.g. "0"), or null when the country's rules are not that simple. */
  trunkPrefix: string | null;
  /** False for countries whose national prefix rules need the full parser (transform rules, patterns). */
  nationalFastPath: boolean;
}

// Metadata's numbering plan has these at run time; the typings list only a few of its methods.
interface NumberingPlanInternals {
  nationalPrefix(): string | undefined;
  nationalPrefixForParsing(): string | undefined;
  nationalPrefixTransformRule(): string | 0 | undefined;
}

function planFor(country: CountryCode): CountryPlan {
  const metadata = new Metadata(mobileMetadata);
  metadata.selectNumberingPlan(country);
  const plan = metadata.numberingPlan as unknown as NumberingPlanInternals;
  const prefix = plan.nationalPrefix() ?? null;
  const forParsing = plan.nationalPrefixForParsing() ?? null;
  // Compact metadata writes 0 for "no transform rule".
  const simple = !plan.nationalPrefixTransformRule() && (forParsing === null || forParsing === prefix);
  return {
    callingCode: getCountryCallingCode(country, mobileMetadata),
    trunkPrefix: prefix && /^\d+$/.test(prefix) ? prefix : null,
    nationalFastPath: simple && (prefix === null || /^\d+$/.test(prefix)),
  };
}

/** What `new PhoneNumber(e164, mobileMetadata).isValid()` checks for one calling code, with its patterns compiled once. */
type CallingCodeRules = PlanRules;

// The numbering plan's accessors that isValid uses; present at run time, missing from the typings.
interface PlanAccessors extends PlanRuleAccessors {
  hasCallingCode(code: string): boolean;
  selectNumberingPlan(code: string): void;
}
const rulesByCallingCode = new Map<string, CallingCodeRules | null>();
let lastCallingCode: string | null = null;
let rulesMetadata: PlanAccessors | null = null;

/** Rules for a calling code, or null when the metadata has no such calling code. */
function rulesFor(callingCode: string): CallingCodeRules | null {
  let rules = rulesByCallingCode.get(callingCode);
  if (rules !== undefined) return rules;
  const metadata = (rulesMetadata ??= new Metadata(mobileMetadata) as unknown as PlanAccessors);
  rules = null;
  if (metadata.hasCallingCode(callingCode)) {
    metadata.selectNumberingPlan(callingCode);
    rules = selectedPlanRules(metadata);
  }
  rulesByCallingCode.set(callingCode, rules);
  return rules;
}

/**
 * Exactly `new PhoneNumber(e164, mobileMetadata).isValid()` (libphonenumber-js 1.13: extractCountryCallingCode,
 * then isValidNumber / getNumberType on the calling code's main numbering plan), with the regular expressions
 * compiled once per calling code instead of on every call: that rebuilding was most of the import's phone time.
 * test/unit/core/phone-validity.test.ts holds it to the library's answer.
 */
export function isValidE164(e164: string): boolean {
  if (e164.length < 3 || e164[0] !== '+' || e164[1] === '0' || !/^\+\d+$/.test(e164)) return false;
  // The calling code found last time: its shorter prefixes are not calling codes for this number either.
  const lastCode = lastCallingCode;
  const start = lastCode !== null && e164.startsWith(lastCode, 1) ? 1 + lastCode.length : 2;
  for (let end = start; end - 1 <= 3 && end <= e164.length; end++) {
    const code = e164.slice(1, end);
    const rules = rulesFor(code);
    if (rules === null) continue;
    lastCallingCode = code;
    const national = e164.slice(end);
    if (national === '') return false;
    // No pattern (or an empty one) matches no national number, as the library's `new RegExp('^(?:undefined)$')` does not.
    if (rules.nationalNumber === null || !rules.nationalNumber.test(national)) return false;
    if (rules.types === null) return true;
    for (const type of rules.types) {
      if (type.lengths && !type.lengths.includes(national.length)) continue;
      if (type.pattern.test(national)) return true;
    }
    return false;
  }
  return false;
}

/**
 * A normaliser bound to one default country. Create one per import and call it for every cell; it caches the
 * country's plan and the last answers (lists often repeat numbers).
 */
export function createPhoneNormaliser(defaultCountry: string): (raw: string) => PhoneResult {
  if (!isSupportedCountryCode(defaultCountry)) throw new Error(`Unknown country code: ${defaultCountry}`);
  const country = defaultCountry as CountryCode;
  const plan = planFor(country);

  return function normalise(raw: string): PhoneResult {
    const text = raw.trim();
    if (text === '') return { ok: false, reason: 'empty' };
    const compact = text.replace(SEPARATORS, '');
    // "+44 (0)20…": the bracketed trunk 0 must be dropped, which only the slow path does.
    const fast = text.includes('(0)') ? null : fastE164(compact, plan);
    if (fast !== null && isValidE164(fast)) return { ok: true, e164: fast };
    if (fast !== null) {
      const international = withoutPlusE164(compact, plan);
      if (international !== null && isValidE164(international)) return { ok: true, e164: international };
    }
    return slowPath(text, compact, country);
  };
}

/**
 * Spreadsheets store a mobile as a number and so drop its "+": 971501234567 in a list whose default country is AE.
 * The full parser reads such digits, when they start with the default country's calling code, as that code and a
 * national number, which is "+" and the digits. Without this, every number of such a column took the slow path
 * (about 20 times slower). test/unit/core/phone-fast-path.test.ts holds it to the full parser's answer.
 */
function withoutPlusE164(compact: string, plan: CountryPlan): string | null {
  if (!plan.nationalFastPath || compact.length < 8 || compact.length > 15) return null;
  if (!compact.startsWith(plan.callingCode) || !CLEAN_NATIONAL.test(compact)) return null;
  // "971 0 50…": a trunk prefix after the calling code is the parser's to strip.
  if (plan.trunkPrefix !== null && compact.startsWith(plan.trunkPrefix, plan.callingCode.length)) return null;
  return canonicalE164('+' + compact);
}

/** E.164 candidate, in canonical form, for clean input, or null when only the full parser can read it. */
function fastE164(compact: string, plan: CountryPlan): string | null {
  if (compact.startsWith('+')) return CLEAN_NATIONAL.test(compact.slice(1)) ? canonicalE164(compact) : null;
  if (!CLEAN_NATIONAL.test(compact)) return null;
  if (compact.startsWith('00')) return canonicalE164('+' + compact.slice(2));
  if (!plan.nationalFastPath) return null;
  if (plan.trunkPrefix !== null && compact.startsWith(plan.trunkPrefix)) {
    return canonicalOfNational('+' + plan.callingCode + compact.slice(plan.trunkPrefix.length));
  }
  return canonicalOfNational('+' + plan.callingCode + compact);
}

/**
 * canonicalE164 for a number read as national digits after the default country's calling code. Brazil's rule applies
 * ("11 8765-4321" is the classic way to write an old mobile), Mexico's does not: "1 55 1234 5678" without the "52"
 * is no Mexican way of writing a number, and as likely a "+1" number that lost its "+", which is how it was read
 * before (the reading without "+" in slowPath), so it still is.
 */
function canonicalOfNational(e164: string): string {
  return e164.startsWith('+52') ? e164 : canonicalE164(e164);
}

/** The canonical form of a parsed number when that form is valid and differs, else null. */
function validCanonical(e164: string, national: boolean): string | null {
  const canonical = national ? canonicalOfNational(e164) : canonicalE164(e164);
  return canonical !== e164 && isValidE164(canonical) ? canonical : null;
}

function slowPath(text: string, compact: string, country: CountryCode): PhoneResult {
  // International numbers written "+44 (0)7911 123456": the (0) is a trunk prefix that must go.
  let input = text.replace(/^\s*(\+|00)\s*(\d{1,3})\s*\(0\)/, '+$2');
  if (input.startsWith('00')) input = '+' + input.slice(2);
  const letters = LETTERS.test(compact.replace(/^(?:tel:)/i, '').replace(/(?:ext\.?|x)\s*\d+$/i, ''));
  if (letters) return { ok: false, reason: 'letters in the number' };

  const asMobile = parseMobile(input, country);
  if (asMobile) {
    const canonical = validCanonical(asMobile.number, !input.startsWith('+'));
    if (canonical !== null) return { ok: true, e164: canonical };
    if (asMobile.isValid()) return { ok: true, e164: asMobile.number };
  }

  // Spreadsheets drop the "+": 447911123456 in a list whose default country is AE is still a UK mobile.
  const digits = compact.replace(/^\+/, '');
  if (!input.startsWith('+') && /^\d{8,15}$/.test(digits)) {
    const international = parseMobile('+' + digits);
    const canonical = international ? validCanonical(international.number, false) : null;
    if (canonical !== null) return { ok: true, e164: canonical };
    if (international?.isValid()) return { ok: true, e164: international.number };
  }

  const any = parseMax(input, country);
  if (any?.isValid()) return { ok: false, reason: 'not a mobile number' };
  switch (validatePhoneNumberLength(input, country)) {
    case 'TOO_SHORT':
      return { ok: false, reason: 'too short' };
    case 'TOO_LONG':
      return { ok: false, reason: 'too long' };
    case 'INVALID_LENGTH':
      return { ok: false, reason: 'wrong number of digits' };
    case 'NOT_A_NUMBER':
      return /\d/.test(compact) ? { ok: false, reason: 'not a valid number' } : { ok: false, reason: 'letters in the number' };
    default:
      return { ok: false, reason: 'not a valid number' };
  }
}

/**
 * The full parser's answer alone (in canonical form, as every answer), without the fast paths: the reference the
 * fast paths are tested against.
 */
export function normalisePhoneWithParser(raw: string, defaultCountry: string): PhoneResult {
  if (!isSupportedCountryCode(defaultCountry)) throw new Error(`Unknown country code: ${defaultCountry}`);
  const text = raw.trim();
  if (text === '') return { ok: false, reason: 'empty' };
  return slowPath(text, text.replace(SEPARATORS, ''), defaultCountry as CountryCode);
}

/** One-off form of the normaliser (creates the country plan each call: use createPhoneNormaliser in loops). */
export function normalisePhone(raw: string, defaultCountry: string): PhoneResult {
  return createPhoneNormaliser(defaultCountry)(raw);
}
