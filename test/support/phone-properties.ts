/**
 * Property checks of the phone code against libphonenumber-js's own answers, over seeded random numbers. The unit
 * tests run them at a size that takes a second or two on a loaded machine; `npm run bench -- phone-properties` runs
 * them at full size and prints the figures.
 */
import { Metadata, PhoneNumber } from 'libphonenumber-js/core';
import mobileMetadata from 'libphonenumber-js/metadata.mobile.json';
import { getCountries, getCountryCallingCode } from 'libphonenumber-js/mobile';
import { NumberSet } from '../../src/contacts/number-set';
import { createPhoneNormaliser, isSupportedCountryCode, isValidE164, normalisePhoneWithParser } from '../../src/core/phone';

/** The sizes the unit tests use, and the full sizes the bench uses (what the tests once ran). */
export const PROPERTY_SIZES = {
  test: { fastPath: 2_450, brazilMexico: 1_000, validity: 15_000, numberSet: 50_000 },
  full: { fastPath: 20_000, brazilMexico: 4_000, validity: 60_000, numberSet: 1_000_000 },
} as const;

export function seededRandom(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s ^ (s >>> 15), 0x2c1b3c6d) + 0x6d2b79f5) >>> 0;
    return s / 2 ** 32;
  };
}

const digits = (next: () => number, n: number) => Array.from({ length: n }, () => String(Math.floor(next() * 10))).join('');
const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

export interface FastPathResult {
  checked: number;
  countries: number;
  mismatches: string[];
  /** Numbers the full parser accepted: the comparison covered acceptances, not only refusals. */
  valid: number;
  /** Of those, written with the calling code but no "+" (the spreadsheet case the fast path exists for). */
  validWithoutPlus: number;
}

/**
 * `count` random numbers spread over every supported country, each written one of five ways (own calling code
 * without "+", with "+", with 00, with a trunk 0, plain national): the normaliser's fast paths must give exactly the
 * full parser's answer.
 */
export function compareFastPath(count: number, seed = 7): FastPathResult {
  const countries = getCountries().filter(isSupportedCountryCode);
  const next = seededRandom(seed);
  const result: FastPathResult = { checked: 0, countries: countries.length, mismatches: [], valid: 0, validWithoutPlus: 0 };
  for (let i = 0; i < count; i++) {
    const country = countries[i % countries.length]!;
    const code = getCountryCallingCode(country);
    const normalise = createPhoneNormaliser(country);
    const shape = next() < 0.5 ? 0 : 1 + Math.floor(next() * 4);
    const body = digits(next, 6 + Math.floor(next() * 7));
    const raw = [code + body, '+' + code + body, '00' + code + body, '0' + body, body][shape]!;
    const expected = normalisePhoneWithParser(raw, country);
    if (expected.ok) result.valid++;
    if (expected.ok && shape === 0) result.validWithoutPlus++;
    const actual = normalise(raw);
    if (!same(actual, expected)) result.mismatches.push(`${country} ${raw}: ${JSON.stringify(actual)} vs ${JSON.stringify(expected)}`);
    result.checked++;
  }
  return result;
}

export interface BrazilMexicoResult {
  checked: number;
  mismatches: string[];
  /** Accepted numbers by calling code and length, e.g. "+5514" (Brazil, 14 characters). */
  accepted: string[];
}

/** Both forms of Brazilian and Mexican mobiles (with and without the 9 or the 1), written every way. */
export function compareBrazilMexico(count: number, seed = 11): BrazilMexicoResult {
  const next = seededRandom(seed);
  const mismatches: string[] = [];
  const accepted = new Set<string>();
  let checked = 0;
  for (let i = 0; i < count; i++) {
    const brazil = i % 2 === 0;
    // Brazil: area code, then an 8-digit local part (old mobile, landline) or 9 and 8 digits; Mexico: with or without the 1.
    const national = brazil
      ? digits(next, 2) + (next() < 0.5 ? '9' : '') + digits(next, 8)
      : (next() < 0.5 ? '1' : '') + String(2 + Math.floor(next() * 8)) + digits(next, 9);
    const code = brazil ? '55' : '52';
    const shape = Math.floor(next() * 5);
    const raw = [code + national, '+' + code + ' ' + national, '00' + code + national, '0' + national, national][shape]!;
    for (const country of brazil ? ['BR', 'AE'] : ['MX', 'US']) {
      const expected = normalisePhoneWithParser(raw, country);
      const actual = createPhoneNormaliser(country)(raw);
      if (!same(actual, expected)) mismatches.push(`${country} ${raw}: ${JSON.stringify(actual)} vs ${JSON.stringify(expected)}`);
      if (actual.ok) accepted.add(actual.e164.slice(0, 3) + actual.e164.length);
      checked++;
    }
  }
  return { checked, mismatches, accepted: [...accepted].sort() };
}

/** The library's own answer, which isValidE164 must give for every input. */
export function libraryIsValid(e164: string): boolean {
  try {
    return new PhoneNumber(e164 as `+${string}`, mobileMetadata).isValid();
  } catch {
    return false;
  }
}

export interface ValidityResult {
  checked: number;
  callingCodes: number;
  mismatches: string[];
  valid: number;
}

/** `count` random E.164 numbers over every calling code, mostly of a length the plan allows. */
export function compareValidity(count: number, seed = 42): ValidityResult {
  const table = mobileMetadata as unknown as { country_calling_codes: Record<string, string[]>; nonGeographic?: Record<string, unknown> };
  const codes = [...Object.keys(table.country_calling_codes), ...Object.keys(table.nonGeographic ?? {})];
  const metadata = new Metadata(mobileMetadata) as unknown as { selectNumberingPlan(code: string): void; possibleLengths(): number[] | undefined };
  const next = seededRandom(seed);
  const result: ValidityResult = { checked: 0, callingCodes: Object.keys(table.country_calling_codes).length, mismatches: [], valid: 0 };
  for (let i = 0; i < count; i++) {
    const code = codes[i % codes.length]!;
    metadata.selectNumberingPlan(code);
    const lengths = metadata.possibleLengths() ?? [];
    const length = next() < 0.85 && lengths.length > 0 ? lengths[Math.floor(next() * lengths.length)]! : 1 + Math.floor(next() * 16);
    let national = '';
    while (national.length < length) national += String(Math.floor(next() * 10));
    const e164 = '+' + code + national;
    const expected = libraryIsValid(e164);
    if (expected) result.valid++;
    if (isValidE164(e164) !== expected) result.mismatches.push(e164);
    result.checked++;
  }
  return result;
}

export interface NumberSetResult {
  checked: number;
  size: number;
  referenceSize: number;
  mismatches: string[];
}

/** NumberSet against Set<number> over phone-sized numbers with many repeats and near neighbours, across growth. */
export function compareNumberSet(count: number): NumberSetResult {
  const ours = new NumberSet(); // starts small: growing is part of what is checked
  const reference = new Set<number>();
  const mismatches: string[] = [];
  let x = 971500000000;
  for (let i = 0; i < count; i++) {
    const value = i % 3 === 0 ? 971500000000 + (i % 997) : x + ((i * 7919) % 100_003);
    const added = ours.add(value);
    if (added !== !reference.has(value)) mismatches.push(`add(${value}) gave ${added} at step ${i}`);
    reference.add(value);
    x += i % 5;
  }
  for (const value of [971500000000, 971500000996, 1, 999999999999999, 447911123456, x, x + 1]) {
    if (ours.has(value) !== reference.has(value)) mismatches.push(`has(${value}) gave ${ours.has(value)}`);
  }
  return { checked: count, size: ours.size, referenceSize: reference.size, mismatches };
}
