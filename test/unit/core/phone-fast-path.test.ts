import { getCountries, getCountryCallingCode } from 'libphonenumber-js/mobile';
import { describe, expect, it } from 'vitest';
import { createPhoneNormaliser, isSupportedCountryCode, normalisePhoneWithParser } from '../../../src/core/phone';

function random(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s ^ (s >>> 15), 0x2c1b3c6d) + 0x6d2b79f5) >>> 0;
    return s / 2 ** 32;
  };
}

const digits = (next: () => number, n: number) => Array.from({ length: n }, () => String(Math.floor(next() * 10))).join('');

describe('phone normaliser fast paths', () => {
  it('read a spreadsheet number without its "+" as the full parser does', () => {
    const normalise = createPhoneNormaliser('AE');
    expect(normalise('971501234567')).toEqual({ ok: true, e164: '+971501234567' });
    expect(normalise('9710501234567')).toEqual(normalisePhoneWithParser('9710501234567', 'AE'));
    expect(normalise('447911123456')).toEqual({ ok: true, e164: '+447911123456' });
  });

  it('give the full parser answer for 20,000 random numbers in every country', () => {
    const countries = getCountries().filter(isSupportedCountryCode);
    const next = random(7);
    const mismatches: string[] = [];
    let valid = 0;
    let validWithoutPlus = 0;
    for (let i = 0; i < 20_000; i++) {
      const country = countries[i % countries.length]!;
      const code = getCountryCallingCode(country);
      const normalise = createPhoneNormaliser(country);
      // Own calling code without "+" (the spreadsheet case), with "+", with 00, with a trunk 0, or plain national.
      const shape = next() < 0.5 ? 0 : 1 + Math.floor(next() * 4);
      const body = digits(next, 6 + Math.floor(next() * 7));
      const raw = [code + body, '+' + code + body, '00' + code + body, '0' + body, body][shape]!;
      const expected = normalisePhoneWithParser(raw, country);
      if (expected.ok) valid++;
      if (expected.ok && shape === 0) validWithoutPlus++;
      const actual = normalise(raw);
      if (JSON.stringify(actual) !== JSON.stringify(expected)) mismatches.push(`${country} ${raw}: ${JSON.stringify(actual)} vs ${JSON.stringify(expected)}`);
    }
    expect(mismatches).toEqual([]);
    // The comparison covered accepted numbers, the spreadsheet shape included, not only rejections.
    expect(valid).toBeGreaterThan(400);
    expect(validWithoutPlus).toBeGreaterThan(150);
  });

  it('give the full parser answer for both forms of Brazilian and Mexican mobiles, written every way', () => {
    const next = random(11);
    const mismatches: string[] = [];
    const accepted = new Set<string>();
    for (let i = 0; i < 4_000; i++) {
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
        if (JSON.stringify(actual) !== JSON.stringify(expected)) mismatches.push(`${country} ${raw}: ${JSON.stringify(actual)} vs ${JSON.stringify(expected)}`);
        if (actual.ok) accepted.add(actual.e164.slice(0, 3) + actual.e164.length);
      }
    }
    expect(mismatches).toEqual([]);
    // Accepted numbers came out in the canonical lengths only: 13 digits for Brazil's mobiles, 12 for Mexico.
    expect([...accepted].filter((k) => k.startsWith('+55') || k.startsWith('+52')).sort()).toEqual(['+5213', '+5514']);
  });
});
