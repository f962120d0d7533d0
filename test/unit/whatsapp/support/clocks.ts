import type { Clock } from '../../../../src/platform/clock';

/** Sleeps return at once; time moves by what was slept, and each sleep is recorded. */
export class InstantClock implements Clock {
  readonly sleeps: number[] = [];
  constructor(private time = Date.UTC(2025, 0, 1)) {}
  now(): number {
    return this.time;
  }
  async sleep(ms: number, signal?: AbortSignal): Promise<void> {
    if (signal?.aborted) throw new Error('aborted');
    this.sleeps.push(ms);
    this.time += ms;
  }
}

interface Timer {
  due: number;
  resolve: () => void;
}

/** Time moves only when the test calls advance(); pending sleeps resolve in order of their due time. */
export class ManualClock implements Clock {
  private readonly timers = new Set<Timer>();
  constructor(private time = Date.UTC(2025, 0, 1)) {}

  now(): number {
    return this.time;
  }

  sleep(ms: number, signal?: AbortSignal): Promise<void> {
    return new Promise((resolve, reject) => {
      if (signal?.aborted) return reject(new Error('aborted'));
      const timer: Timer = {
        due: this.time + Math.max(0, ms),
        resolve: () => {
          signal?.removeEventListener('abort', onAbort);
          resolve();
        },
      };
      const onAbort = () => {
        this.timers.delete(timer);
        reject(new Error('aborted'));
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      this.timers.add(timer);
    });
  }

  get pendingSleeps(): number {
    return this.timers.size;
  }

  /** Moves time forward, waking sleepers in due order and letting their continuations run. */
  async advance(ms: number): Promise<void> {
    const target = this.time + ms;
    for (;;) {
      await settle();
      const next = [...this.timers].filter((t) => t.due <= target).sort((a, b) => a.due - b.due)[0];
      if (!next) break;
      this.time = next.due;
      this.timers.delete(next);
      next.resolve();
    }
    this.time = target;
    await settle();
  }
}

/** Lets pending promise continuations (and a turn of I/O) run. */
export async function settle(turns = 5): Promise<void> {
  for (let i = 0; i < turns; i++) await new Promise<void>((resolve) => setImmediate(resolve));
}
