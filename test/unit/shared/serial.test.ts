import { describe, expect, it } from 'vitest';
import { serial } from '../../../src/shared/serial';

/** A piece of work that ends when the test says so. */
function gate<T>() {
  let open!: (value: T) => void;
  let fail!: (err: Error) => void;
  const done = new Promise<T>((resolve, reject) => {
    open = resolve;
    fail = reject;
  });
  return { done, open, fail };
}

describe('serial', () => {
  it('starts each piece only once the one before has settled, in call order', async () => {
    const run = serial();
    const started: string[] = [];
    const first = gate<string>();
    const second = gate<string>();
    const a = run(() => (started.push('a'), first.done));
    const b = run(() => (started.push('b'), second.done));
    await Promise.resolve();
    expect(started).toEqual(['a']);
    first.open('A');
    expect(await a).toBe('A');
    await expect.poll(() => started).toEqual(['a', 'b']);
    second.open('B');
    expect(await b).toBe('B');
  });

  it('rejects only the caller of a piece that fails; the next piece still runs', async () => {
    const run = serial();
    const failing = gate<never>();
    const a = run(() => failing.done);
    const b = run(async () => 'next');
    failing.fail(new Error('boom'));
    await expect(a).rejects.toThrow('boom');
    expect(await b).toBe('next');
  });

  it('keeps separate queues apart', async () => {
    const held = gate<void>();
    serial()(() => held.done);
    expect(await serial()(async () => 'free')).toBe('free');
    held.open();
  });
});
