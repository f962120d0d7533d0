import { describe, expect, it } from 'vitest';
import { contactRandom, hashString, pickIndex, seededRandom } from '../../../src/core/spintax';

describe('seeded randomness', () => {
  it('repeats the same sequence for the same seed and differs for another', () => {
    const a = seededRandom(hashString('x'));
    const b = seededRandom(hashString('x'));
    const c = seededRandom(hashString('y'));
    const seqA = Array.from({ length: 10 }, a);
    expect(Array.from({ length: 10 }, b)).toEqual(seqA);
    expect(Array.from({ length: 10 }, c)).not.toEqual(seqA);
    for (const v of seqA) expect(v >= 0 && v < 1).toBe(true);
  });

  it('picks indexes roughly uniformly', () => {
    const random = contactRandom('c_1', '+100');
    const counts = [0, 0, 0, 0];
    for (let i = 0; i < 40_000; i++) counts[pickIndex(random, 4)]! += 1;
    for (const n of counts) expect(Math.abs(n - 10_000)).toBeLessThan(600);
  });
});
