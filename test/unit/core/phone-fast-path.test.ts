import { describe, expect, it } from 'vitest';
import { createPhoneNormaliser, normalisePhoneWithParser } from '../../../src/core/phone';
import { compareBrazilMexico, compareFastPath, PROPERTY_SIZES } from '../../support/phone-properties';

describe('phone normaliser fast paths', () => {
  it('read a spreadsheet number without its "+" as the full parser does', () => {
    const normalise = createPhoneNormaliser('AE');
    expect(normalise('971501234567')).toEqual({ ok: true, e164: '+971501234567' });
    expect(normalise('9710501234567')).toEqual(normalisePhoneWithParser('9710501234567', 'AE'));
    expect(normalise('447911123456')).toEqual({ ok: true, e164: '+447911123456' });
  });

  // Sized to take a second or two on a loaded two-core machine; `npm run bench -- phone-properties` runs the same
  // checks at full size (20,000 and 4,000 numbers) and prints the figures.
  it(`give the full parser answer for ${PROPERTY_SIZES.test.fastPath.toLocaleString('en')} random numbers spread over every country`, () => {
    const result = compareFastPath(PROPERTY_SIZES.test.fastPath);
    expect(result.mismatches).toEqual([]);
    // Every country had its turn, several times over.
    expect(result.checked).toBeGreaterThanOrEqual(result.countries * 10);
    // The comparison covered accepted numbers, the spreadsheet shape included, not only rejections.
    expect(result.valid).toBeGreaterThan(40);
    expect(result.validWithoutPlus).toBeGreaterThan(20);
  });

  it('give the full parser answer for both forms of Brazilian and Mexican mobiles, written every way', () => {
    const result = compareBrazilMexico(PROPERTY_SIZES.test.brazilMexico);
    expect(result.mismatches).toEqual([]);
    // Accepted numbers came out in the canonical lengths only: 13 digits for Brazil's mobiles, 12 for Mexico.
    expect(result.accepted.filter((k) => k.startsWith('+55') || k.startsWith('+52'))).toEqual(['+5213', '+5514']);
  });
});
