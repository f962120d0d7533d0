import { parsePhoneNumberFromString } from 'libphonenumber-js/max';
import { describe, expect, it } from 'vitest';
import { countryOfNumber, createPhoneNormaliser, isSupportedCountryCode, normalisePhone } from '../../../src/core/phone';

describe('normalisePhone', () => {
  it.each([
    ['050 123 4567', 'AE', '+971501234567'],
    ['+971 50 123 4567', 'AE', '+971501234567'],
    ['00971-50-123-4567', 'AE', '+971501234567'],
    ['971501234567', 'AE', '+971501234567'],
    ['447911123456', 'AE', '+447911123456'],
    ['+44 (0)7911 123456', 'AE', '+447911123456'],
    ['07911.123.456', 'GB', '+447911123456'],
    ['(212) 555-0123', 'US', '+12125550123'],
    ['06 12 34 56 78', 'FR', '+33612345678'],
    ['312 345 6789', 'IT', '+393123456789'],
    ['+54 9 11 2345-6789', 'AR', '+5491123456789'],
  ])('%s with default %s is %s', (raw, country, e164) => {
    expect(normalisePhone(raw, country)).toEqual({ ok: true, e164 });
  });

  it.each([
    ['', 'empty'],
    ['   ', 'empty'],
    ['0501', 'too short'],
    ['05012345678901234', 'too long'],
    ['call me', 'letters in the number'],
    ['050-123-abcd', 'letters in the number'],
    ['020 7946 0958', 'not a mobile number'],
  ])('%j is rejected as %s', (raw, reason) => {
    expect(normalisePhone(raw, raw.startsWith('020') ? 'GB' : 'AE')).toEqual({ ok: false, reason });
  });

  it('agrees with the full libphonenumber parse on every number it accepts', () => {
    const normalise = createPhoneNormaliser('GB');
    const inputs = ['07700 900123', '+447700900123', '0044 7700 900123', '7700900123', '+1 415 555 2671', '+91 98765 43210'];
    for (let i = 0; i < 200; i++) inputs.push('07' + String(100000000 + i * 4999991).slice(0, 9));
    for (const raw of inputs) {
      const ours = normalise(raw);
      const theirs = parsePhoneNumberFromString(raw, 'GB');
      const mobile = theirs?.isValid() && ['MOBILE', 'FIXED_LINE_OR_MOBILE'].includes(theirs.getType() ?? '');
      expect(ours.ok, raw).toBe(Boolean(mobile));
      if (ours.ok) expect(ours.e164).toBe(theirs!.number);
    }
  });
});

describe('countries', () => {
  it('knows supported codes and finds a number\'s country', () => {
    expect(isSupportedCountryCode('AE')).toBe(true);
    expect(isSupportedCountryCode('ZZ')).toBe(false);
    expect(isSupportedCountryCode('ae')).toBe(false);
    expect(countryOfNumber('+971501234567')).toBe('AE');
    expect(countryOfNumber('+447400123456')).toBe('GB');
    expect(countryOfNumber('+1')).toBeNull();
    expect(() => createPhoneNormaliser('XX')).toThrow('Unknown country code: XX');
  });
});
