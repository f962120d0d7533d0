import { describe, expect, it } from 'vitest';
import { plural } from '../../../../renderer/components/plural';

describe('plural', () => {
  it('says one for exactly one, and the plural for none, many and fractions', () => {
    expect(plural(1, 'contact')).toBe('1 contact');
    expect(plural(0, 'contact')).toBe('0 contacts');
    expect(plural(2, 'row')).toBe('2 rows');
    expect(plural(1200, 'contact')).toBe('1,200 contacts');
    expect(plural(1, 'entry', 'entries')).toBe('1 entry');
    expect(plural(3, 'entry', 'entries')).toBe('3 entries');
  });
});
