import { describe, expect, it } from 'vitest';
import { NumberSet } from '../../../src/contacts/number-set';
import { compareNumberSet, PROPERTY_SIZES } from '../../support/phone-properties';

describe('NumberSet', () => {
  it('answers as a Set<number> does for phone-sized numbers, across growth', () => {
    // One assertion over the whole run (an expect per number cost seconds); the bench runs a million.
    const result = compareNumberSet(PROPERTY_SIZES.test.numberSet);
    expect(result.mismatches).toEqual([]);
    expect(result.size).toBe(result.referenceSize);
    expect(result.size).toBeGreaterThan(30_000); // many grows from the small start, and many repeats
  });

  it('holds the largest 15-digit numbers exactly and refuses what it cannot hold', () => {
    const set = new NumberSet(4);
    expect(set.add(999_999_999_999_999)).toBe(true);
    expect(set.has(999_999_999_999_998)).toBe(false);
    expect(set.add(999_999_999_999_999)).toBe(false);
    expect(() => set.add(0)).toThrow(RangeError);
    expect(() => set.add(-5)).toThrow(RangeError);
    expect(() => set.add(1.5)).toThrow(RangeError);
  });
});
