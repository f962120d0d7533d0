/** Races a promise against the clock (whatsapp-web.js #5810, #2348: sends and closes can stall without an error). */
import type { Clock } from './clock';

export class TimeoutError extends Error {
  constructor(
    readonly what: string,
    readonly ms: number,
  ) {
    super(`${what} did not finish within ${Math.round(ms / 1000)} s`);
    this.name = 'TimeoutError';
  }
}

/** `promise`, or a TimeoutError naming `what` once `ms` have passed on `clock`; the work itself is not stopped. */
export async function withTimeout<T>(promise: Promise<T>, ms: number, clock: Clock, what: string): Promise<T> {
  const timer = new AbortController();
  const timeout = clock.sleep(ms, timer.signal).then(
    () => {
      throw new TimeoutError(what, ms);
    },
    () => new Promise<never>(() => undefined),
  );
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    timer.abort();
  }
}
