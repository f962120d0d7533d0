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

  it('drops a bracketed (0) after the calling code before judging the number: +226 (0)5943328 is too short', () => {
    for (const country of ['BF', 'GB', 'AE']) {
      const normalise = createPhoneNormaliser(country);
      expect(normalise('+226 (0)5943328'), country).toEqual({ ok: false, reason: 'too short' });
      expect(normalise('00226 (0)5943328'), country).toEqual({ ok: false, reason: 'too short' });
    }
    // The same digits without the bracketed 0 are a valid Burkina Faso mobile.
    expect(normalisePhone('+226 05943328', 'GB')).toEqual({ ok: true, e164: '+22605943328' });
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

describe('the two forms of a Brazilian or Mexican mobile', () => {
  it.each([
    ['+55 11 98765-4321', 'BR', '+5511987654321'],
    ['+55 11 8765-4321', 'BR', '+5511987654321'],
    ['(11) 98765-4321', 'BR', '+5511987654321'],
    ['(11) 8765-4321', 'BR', '+5511987654321'],
    ['011 8765-4321', 'BR', '+5511987654321'],
    ['551187654321', 'BR', '+5511987654321'],
    ['0055 11 8765-4321', 'AE', '+5511987654321'],
    ['551187654321', 'AE', '+5511987654321'],
    ['+55 21 7765-4321', 'BR', '+5521977654321'],
    ['+52 1 55 1234 5678', 'MX', '+525512345678'],
    ['+52 55 1234 5678', 'MX', '+525512345678'],
    ['55 1234 5678', 'MX', '+525512345678'],
    ['5215512345678', 'MX', '+525512345678'],
    ['0052 1 55 1234 5678', 'GB', '+525512345678'],
  ])('%s with default %s is %s', (raw, country, e164) => {
    expect(normalisePhone(raw, country)).toEqual({ ok: true, e164 });
  });

  it('treats the two forms of one person as one number', () => {
    const brazil = createPhoneNormaliser('BR');
    expect(brazil('+55 11 8765-4321')).toEqual(brazil('+55 11 98765-4321'));
    const mexico = createPhoneNormaliser('MX');
    expect(mexico('+52 1 55 1234 5678')).toEqual(mexico('+52 55 1234 5678'));
  });

  it('still refuses a Brazilian landline, which keeps its 12 digits', () => {
    expect(normalisePhone('+55 11 3456-7890', 'BR')).toEqual({ ok: false, reason: 'not a mobile number' });
    expect(normalisePhone('(11) 3456-7890', 'BR')).toEqual({ ok: false, reason: 'not a mobile number' });
  });

  it('reads "1" and ten digits in a Mexican list as before: a "+1" number that lost its "+", not "+52 1"', () => {
    expect(normalisePhone('1 55 1234 5678', 'MX')).toEqual({ ok: true, e164: '+15512345678' });
  });
});

describe('countries', () => {
  it("knows supported codes and finds a number's country", () => {
    expect(isSupportedCountryCode('AE')).toBe(true);
    expect(isSupportedCountryCode('ZZ')).toBe(false);
    expect(isSupportedCountryCode('ae')).toBe(false);
    expect(countryOfNumber('+971501234567')).toBe('AE');
    expect(countryOfNumber('+447400123456')).toBe('GB');
    expect(countryOfNumber('+1')).toBeNull();
    expect(() => createPhoneNormaliser('XX')).toThrow('Unknown country code: XX');
  });
});
