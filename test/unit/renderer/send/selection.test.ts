/** Ticking contacts for "send to a selection": everyone by default, the first untick lists the rest, all ticked is everyone again. */
import { describe, expect, it } from 'vitest';
import { addTicked, toggleTicked } from '../../../../renderer/features/send/contact-pages';

describe('the ticked contacts', () => {
  it('turns everyone into all but one on the first untick, and back to everyone when it is ticked again', () => {
    const allButOne = toggleTicked(null, 2, 4);
    expect(allButOne).toEqual(new Set([0, 1, 3]));
    expect(toggleTicked(allButOne, 2, 4)).toBeNull();
  });

  it('adds the shown contacts to a selection, and leaves everyone as it is', () => {
    const one = toggleTicked(new Set(), 5, 10);
    expect(addTicked(one, [1, 5, 7], 10)).toEqual(new Set([1, 5, 7]));
    expect(addTicked(null, [1], 10)).toBeNull();
    expect(addTicked(new Set([0]), [1, 2], 3)).toBeNull();
  });

  it('unticking the last one leaves an empty selection (nobody), not everyone', () => {
    expect(toggleTicked(new Set([4]), 4, 10)).toEqual(new Set());
  });
});
