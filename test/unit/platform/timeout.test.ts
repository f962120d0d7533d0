import { describe, expect, it } from 'vitest';
import { TimeoutError, withTimeout } from '../../../src/platform/timeout';
import { FakeClock } from '../../fakes/fake-clock';

describe('withTimeout', () => {
  it('gives the work its answer when it comes first, and leaves no timer behind', async () => {
    const clock = new FakeClock();
    expect(await withTimeout(Promise.resolve('done'), 5_000, clock, 'The send')).toBe('done');
    expect(clock.pendingTimers).toBe(0);
    await expect(withTimeout(Promise.reject(new Error('no')), 5_000, clock, 'The send')).rejects.toThrow('no');
    expect(clock.pendingTimers).toBe(0);
  });

  it('rejects with a TimeoutError naming the work once the time has passed on the clock', async () => {
    const clock = new FakeClock();
    const racing = withTimeout(new Promise<never>(() => undefined), 60_000, clock, 'The send');
    const outcome = racing.catch((err: unknown) => err);
    clock.advance(59_999);
    expect(clock.pendingTimers, 'not due yet').toBe(1);
    clock.advance(1);
    expect(clock.pendingTimers).toBe(0);
    const err = await outcome;
    expect(err).toBeInstanceOf(TimeoutError);
    expect(err).toMatchObject({ what: 'The send', ms: 60_000, message: 'The send did not finish within 60 s' });
  });
});
