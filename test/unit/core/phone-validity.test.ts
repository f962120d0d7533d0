import { Metadata, PhoneNumber } from 'libphonenumber-js/core';
import mobileMetadata from 'libphonenumber-js/metadata.mobile.json';
import { describe, expect, it } from 'vitest';
import { isValidE164 } from '../../../src/core/phone';

/** The library's own answer, which isValidE164 must give for every input. */
function libraryIsValid(e164: string): boolean {
  try {
    return new PhoneNumber(e164 as `+${string}`, mobileMetadata).isValid();
  } catch {
    return false;
  }
}

function random(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s ^ (s >>> 15), 0x2c1b3c6d) + 0x6d2b79f5) >>> 0;
    return s / 2 ** 32;
  };
}

const callingCodes = Object.keys((mobileMetadata as unknown as { country_calling_codes: Record<string, string[]> }).country_calling_codes);
const nonGeographic = Object.keys((mobileMetadata as unknown as { nonGeographic?: Record<string, unknown> }).nonGeographic ?? {});

describe('isValidE164', () => {
  it('gives the library answer for well-known numbers and malformed input', () => {
    const cases = ['+971501234567', '+447911123456', '+12125550123', '+14165550123', '+33612345678', '+5491123456789',
      '+97150123456', '+0971501234567', '+971', '+1', '+', '', '971501234567', '+97150123456a', '+8005551234', '+88212345678'];
    expect(cases.map(isValidE164)).toEqual(cases.map(libraryIsValid));
    expect(isValidE164('+971501234567')).toBe(true);
    expect(isValidE164('+97150123456')).toBe(false);
  });

  it('gives the library answer for 60,000 random numbers over every calling code', () => {
    expect(callingCodes.length).toBeGreaterThan(200);
    const next = random(42);
    const mismatches: string[] = [];
    let valid = 0;
    const metadata = new Metadata(mobileMetadata);
    const codes = [...callingCodes, ...nonGeographic];
    for (let i = 0; i < 60_000; i++) {
      const code = codes[i % codes.length]!;
      // Mostly of a length the plan allows, so that valid numbers are common among the random ones.
      (metadata as unknown as { selectNumberingPlan(code: string): void }).selectNumberingPlan(code);
      const lengths = (metadata as unknown as { possibleLengths(): number[] | undefined }).possibleLengths() ?? [];
      const length = next() < 0.85 && lengths.length > 0 ? lengths[Math.floor(next() * lengths.length)]! : 1 + Math.floor(next() * 16);
      let national = '';
      while (national.length < length) national += String(Math.floor(next() * 10));
      const e164 = '+' + code + national;
      const expected = libraryIsValid(e164);
      if (expected) valid++;
      if (isValidE164(e164) !== expected) mismatches.push(e164);
    }
    expect(mismatches).toEqual([]);
    expect(valid).toBeGreaterThan(1000); // the comparison covered valid numbers, not only rejections
  });
});
