/**
 * Which country a list's numbers written without a country code belong to (pure: the import worker, the contacts
 * service and the CLI share it).
 *
 * A number "lacks a country code" when it is written in national form: digits only (after the usual separators),
 * not starting with "+" or "00", and not a valid international number that merely lost its "+" (spreadsheets drop
 * it: 971501234567). The likely country is the one under which most of a sample of such numbers are valid mobile
 * numbers as the importer reads them (libphonenumber-js's mobile metadata; a default country stands for its whole
 * calling code). Near ties are common (Iraq's mobile plan, 7[3-9] and eight digits, takes nearly every UK mobile),
 * so every country within NEAR_TIE of the best count is in the running; the choice among them goes to a preferred
 * country (remembered for the layout, then the account's or the locale's), then within a calling code to the
 * country whose own plan takes most numbers (CA for Toronto numbers), then to the country higher in COMMON_FIRST
 * (a UAE list written "050 1234567" is Finnish by its numbers and its spacing too), then to the country whose
 * national format matches how the numbers are spaced ("0740 012 3456" is Iraqi).
 */
import { Metadata, getCountries, getCountryCallingCode, parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js/core';
import mobileMetadata from 'libphonenumber-js/metadata.mobile.json';
import { isValidE164 } from './phone';
import { selectedPlanRules, type PlanRuleAccessors } from './plan-rules';

const SEPARATORS = /[\s\-.()/\u00a0\u2010-\u2015\u2212]/g;

/** How many national-form numbers the guess looks at: enough to outvote a few odd rows, cheap across 245 countries. */
export const GUESS_SAMPLE = 300;
/** The first pass tries every country on this many; only the countries that read at least half as many as the best go on. */
const FIRST_PASS = 40;
/** Countries reading at least this share of the best count, less one number, are a tie. */
const NEAR_TIE = 0.9;

/**
 * Last tie-break: countries with many WhatsApp users (and the app's users) first. Only decides between countries
 * that read exactly as many of the numbers and whose format fits the spacing equally well.
 */
const COMMON_FIRST = [
  ...['GB', 'US', 'IN', 'AE', 'SA', 'DE', 'FR', 'ES', 'IT', 'BR', 'MX', 'NG', 'ZA', 'PK', 'ID', 'PH', 'TR', 'EG', 'AU', 'CA'],
  ...['QA', 'KW', 'OM', 'BH', 'IE', 'NZ', 'SG', 'MY', 'NL', 'BE', 'KE', 'MA'],
];
/** Cells looked at for the sample at most: a long list with its country codes is not read to its end for nothing. */
const MAX_SCAN = 20_000;

/** The digits of a number written in national form (no country code), or null when it has one or is no number. */
export function nationalDigits(raw: string): string | null {
  const compact = compactDigits(raw);
  if (compact === null || compact.length < 5 || compact.length > 17 || compact.startsWith('00')) return null;
  // A trunk 0 never starts an international number; other digits may be one whose "+" was dropped.
  if (compact.charCodeAt(0) !== 0x30 && compact.length >= 8 && isValidE164('+' + compact)) return null;
  return compact;
}

/**
 * The cell's digits when it holds only digits and the usual separators (one call per imported row: a loop over the
 * characters, and a regular expression only for a cell that has separators); null for anything else ("+", letters).
 */
function compactDigits(raw: string): string | null {
  let separators = false;
  for (let i = 0; i < raw.length; i++) {
    const c = raw.charCodeAt(i);
    if (c >= 0x30 && c <= 0x39) continue;
    if (!isSeparator(c)) return null;
    separators = true;
  }
  return separators ? raw.replace(SEPARATORS, '') : raw;
}

/** White space, - . ( ) / and the dashes and minus sign SEPARATORS removes. */
const isSeparator = (c: number): boolean =>
  c === 0x20 ||
  c === 0x09 ||
  c === 0x0a ||
  c === 0x0d ||
  c === 0xa0 ||
  c === 0x2d ||
  c === 0x2e ||
  c === 0x28 ||
  c === 0x29 ||
  c === 0x2f ||
  (c >= 0x2010 && c <= 0x2015) ||
  c === 0x2212;

export function isWithoutCountryCode(raw: string): boolean {
  return nationalDigits(raw) !== null;
}

interface Plan {
  country: CountryCode;
  callingCode: string;
  trunkPrefix: string | null;
  nationalNumber: RegExp | null;
  /** null when the plan has no number types: the national number pattern alone decides. */
  types: { pattern: RegExp; lengths: number[] | undefined }[] | null;
}

// The numbering plan's accessors; present at run time, missing from the typings.
interface PlanAccessors extends PlanRuleAccessors {
  selectNumberingPlan(country: string): void;
  numberingPlan: { nationalPrefix(): string | undefined };
}

let plans: Plan[] | null = null;

/** Every country's plan with its patterns compiled once (the mobile metadata: only numbers that can be mobiles match). */
function allPlans(): Plan[] {
  if (plans) return plans;
  const metadata = new Metadata(mobileMetadata) as unknown as PlanAccessors;
  plans = getCountries(mobileMetadata).map((country) => {
    metadata.selectNumberingPlan(country);
    const prefix = metadata.numberingPlan.nationalPrefix() ?? null;
    return {
      country,
      callingCode: getCountryCallingCode(country, mobileMetadata),
      trunkPrefix: prefix && /^\d+$/.test(prefix) ? prefix : null,
      ...selectedPlanRules(metadata),
    };
  });
  return plans;
}

const nationalOf = (digits: string, plan: Plan): string =>
  plan.trunkPrefix !== null && digits.startsWith(plan.trunkPrefix) ? digits.slice(plan.trunkPrefix.length) : digits;

/**
 * Whether national digits are a number the importer accepts with this default country: valid in the plan of any
 * country of its calling code (the importer's parser reads a Guernsey mobile written 07911 123456 with GB as +44,
 * and a Canadian number with US as +1).
 */
function validUnderCode(digits: string, plan: Plan): boolean {
  return plansOfCode(plan.callingCode).some((p) => validInOwnPlan(nationalOf(digits, p), p));
}

function validInOwnPlan(national: string, plan: Plan): boolean {
  if (plan.nationalNumber === null || !plan.nationalNumber.test(national)) return false;
  if (plan.types === null) return true;
  return plan.types.some((t) => (!t.lengths || t.lengths.includes(national.length)) && t.pattern.test(national));
}

let byCode: Map<string, Plan[]> | null = null;

function plansOfCode(code: string): Plan[] {
  if (!byCode) {
    byCode = new Map();
    for (const plan of allPlans()) byCode.set(plan.callingCode, [...(byCode.get(plan.callingCode) ?? []), plan]);
  }
  return byCode.get(code) ?? [];
}

export interface CountryGuess {
  /** Two-letter code, or null when no country reads any of the numbers as a mobile number. */
  country: string | null;
  /** How many of the sampled numbers are valid mobiles under that country (0 when country is null). */
  valid: number;
  sampled: number;
}

interface Sampled {
  raw: string;
  digits: string;
}

/**
 * The likely country of national-form numbers (cells as written; those with a country code are left out).
 * `preferred` breaks ties, first first.
 */
export function guessCountry(cells: Iterable<string>, preferred: readonly string[] = []): CountryGuess {
  const sample: Sampled[] = [];
  let scanned = 0;
  for (const raw of cells) {
    const digits = nationalDigits(raw);
    if (digits !== null) sample.push({ raw: raw.trim(), digits });
    if (sample.length >= GUESS_SAMPLE || ++scanned >= MAX_SCAN) break;
  }
  if (sample.length === 0) return { country: null, valid: 0, sampled: 0 };
  const score = (plan: Plan, items: Sampled[]) => items.reduce((n, s) => (validUnderCode(s.digits, plan) ? n + 1 : n), 0);
  const first = sample.slice(0, FIRST_PASS);
  const firstScores = allPlans().map((plan) => ({ plan, n: score(plan, first) }));
  const firstBest = Math.max(...firstScores.map((s) => s.n));
  if (firstBest === 0) return { country: null, valid: 0, sampled: sample.length };
  const scores = firstScores.filter((s) => s.n * 2 >= firstBest).map(({ plan }) => ({ plan, n: score(plan, sample) }));
  const best = Math.max(...scores.map((s) => s.n));
  const tied = scores.filter((s) => s.n > 0 && s.n >= best * NEAR_TIE - 1);
  const country = breakTie(
    tied.map((s) => s.plan),
    sample,
    preferred,
  );
  return { country, valid: tied.find((s) => s.plan.country === country)!.n, sampled: sample.length };
}

function breakTie(tied: Plan[], sample: Sampled[], preferred: readonly string[]): string {
  const favourite = preferred.find((c) => tied.some((p) => p.country === c));
  if (favourite) return favourite;
  const own = tied.map((plan) => ({ plan, n: sample.reduce((n, s) => (validInOwnPlan(nationalOf(s.digits, plan), plan) ? n + 1 : n), 0) }));
  // Within one calling code, the country whose own plan takes the numbers (CA for Toronto numbers, not the US).
  const kept = own.filter((o) => !own.some((x) => x.plan.callingCode === o.plan.callingCode && x.n > o.n)).map((o) => o.plan);
  const rank = (c: string) => (COMMON_FIRST.includes(c) ? COMMON_FIRST.indexOf(c) : COMMON_FIRST.length);
  const bestRank = Math.min(...kept.map((p) => rank(p.country)));
  const ranked = kept.filter((p) => rank(p.country) === bestRank);
  if (ranked.length === 1) return ranked[0]!.country;
  const fits = ranked.map((plan) => ({ plan, n: spacingFits(plan, sample) }));
  const bestFit = Math.max(...fits.map((f) => f.n));
  return fits
    .filter((f) => f.n === bestFit)
    .map((f) => f.plan.country)
    .sort()[0]!;
}

/** How many numbers written with spaces or dashes are grouped as the country writes its national numbers. */
function spacingFits(plan: Plan, sample: Sampled[]): number {
  let n = 0;
  for (const s of sample.slice(0, 60)) {
    if (!/[\s\-.]/.test(s.raw) || !validInOwnPlan(nationalOf(s.digits, plan), plan)) continue;
    const parsed = parsePhoneNumberFromString('+' + plan.callingCode + nationalOf(s.digits, plan), mobileMetadata);
    if (parsed && groups(parsed.formatNational()) === groups(s.raw)) n++;
  }
  return n;
}

/** "07400 123456" -> "5,6": the lengths of the digit groups. */
const groups = (text: string): string => (text.match(/\d+/g) ?? []).map((g) => g.length).join(',');

/** How many cells (null for blank rows) are numbers written without a country code. */
export function countWithoutCode(cells: readonly (string | null)[]): number {
  let n = 0;
  for (const cell of cells) {
    // Most lists are all one way: a "+" is the quick no.
    if (cell === null || cell.charCodeAt(0) === 0x2b) continue;
    if (nationalDigits(cell) !== null) n++;
  }
  return n;
}
