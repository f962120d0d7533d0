import { describe, expect, it } from 'vitest';
import { NumberSet } from '../../../src/contacts/number-set';

describe('NumberSet', () => {
  it('answers as a Set<number> does for phone-sized numbers, across growth', () => {
    const ours = new NumberSet(); // starts small: growing is part of what is tested
    const reference = new Set<number>();
    let x = 971500000000;
    for (let i = 0; i < 50_000; i++) {
      // Many repeats and near neighbours, as in a contact list.
      const value = i % 3 === 0 ? 971500000000 + (i % 997) : x + ((i * 7919) % 100_003);
      expect(ours.add(value)).toBe(!reference.has(value));
      reference.add(value);
      x += i % 5;
    }
    expect(ours.size).toBe(reference.size);
    for (const value of [971500000000, 971500000996, 1, 999999999999999, 447911123456]) {
      expect(ours.has(value)).toBe(reference.has(value));
    }
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
