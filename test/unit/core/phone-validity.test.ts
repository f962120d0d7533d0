import { describe, expect, it } from 'vitest';
import { isValidE164 } from '../../../src/core/phone';
import { compareValidity, libraryIsValid, PROPERTY_SIZES } from '../../support/phone-properties';

describe('isValidE164', () => {
  it('gives the library answer for well-known numbers and malformed input', () => {
    const cases = [
      '+971501234567',
      '+447911123456',
      '+12125550123',
      '+14165550123',
      '+33612345678',
      '+5491123456789',
      '+97150123456',
      '+0971501234567',
      '+971',
      '+1',
      '+',
      '',
      '971501234567',
      '+97150123456a',
      '+8005551234',
      '+88212345678',
    ];
    expect(cases.map(isValidE164)).toEqual(cases.map(libraryIsValid));
    expect(isValidE164('+971501234567')).toBe(true);
    expect(isValidE164('+97150123456')).toBe(false);
  });

  // Sized for a loaded two-core machine; the bench (`npm run bench -- phone-properties`) runs 60,000.
  it(`gives the library answer for ${PROPERTY_SIZES.test.validity.toLocaleString('en')} random numbers over every calling code`, () => {
    const result = compareValidity(PROPERTY_SIZES.test.validity);
    expect(result.callingCodes).toBeGreaterThan(200);
    expect(result.mismatches).toEqual([]);
    expect(result.checked).toBe(PROPERTY_SIZES.test.validity);
    expect(result.valid).toBeGreaterThan(600); // the comparison covered valid numbers, not only rejections
  });
});
