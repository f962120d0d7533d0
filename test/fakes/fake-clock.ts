import type { Clock } from '../../src/platform/clock';

interface Timer {
  at: number;
  seq: number;
  resolve: () => void;
  cleanup: () => void;
}

/**
 * A clock tests drive: `sleep` resolves only when time is advanced past it. `autoAdvance()` jumps to the next
 * timer whenever the code under test is idle (real I/O such as fsync still takes real time), so long pacing
 * delays cost nothing while the order of events stays real.
 */
export class FakeClock implements Clock {
  private time: number;
  private seq = 0;
  private timers: Timer[] = [];
  private auto: ReturnType<typeof setInterval> | null = null;
  /** Every sleep requested, in ms, in order (to assert on pacing). */
  readonly sleeps: number[] = [];

  constructor(start = new Date(2026, 2, 10, 10, 0, 0).getTime()) {
    this.time = start;
  }

  now(): number {
    return this.time;
  }

  sleep(ms: number, signal?: AbortSignal): Promise<void> {
    this.sleeps.push(ms);
    return new Promise<void>((resolve, reject) => {
      if (signal?.aborted) return reject(new Error('aborted'));
      const onAbort = () => {
        this.timers = this.timers.filter((t) => t !== timer);
        reject(new Error('aborted'));
      };
      const timer: Timer = {
        at: this.time + Math.max(0, ms),
        seq: this.seq++,
        resolve,
        cleanup: () => signal?.removeEventListener('abort', onAbort),
      };
      this.timers.push(timer);
      signal?.addEventListener('abort', onAbort, { once: true });
    });
  }

  get pendingTimers(): number {
    return this.timers.length;
  }

  /** Moves time forward, firing every timer due on the way in order. */
  advance(ms: number): void {
    const target = this.time + ms;
    for (;;) {
      const due = this.timers.filter((t) => t.at <= target).sort((a, b) => a.at - b.at || a.seq - b.seq)[0];
      if (!due) break;
      this.timers = this.timers.filter((t) => t !== due);
      this.time = Math.max(this.time, due.at);
      due.cleanup();
      due.resolve();
    }
    this.time = target;
  }

  /** Jumps to the earliest pending timer and fires it; false when there is none (or it is further than maxJumpMs). */
  advanceToNext(maxJumpMs = Number.POSITIVE_INFINITY): boolean {
    const next = [...this.timers].sort((a, b) => a.at - b.at || a.seq - b.seq)[0];
    if (!next || next.at - this.time > maxJumpMs) return false;
    this.advance(Math.max(0, next.at - this.time));
    return true;
  }

  /**
   * Keeps firing the next timer every `everyMs` of real time; returns the function that stops it. Timers further
   * than `maxJumpMs` ahead are left alone, so a test can hold a send in flight without its timeout firing.
   */
  autoAdvance(everyMs = 2, maxJumpMs = Number.POSITIVE_INFINITY): () => void {
    this.stopAuto();
    this.auto = setInterval(() => this.advanceToNext(maxJumpMs), everyMs);
    return () => this.stopAuto();
  }

  stopAuto(): void {
    if (this.auto) clearInterval(this.auto);
    this.auto = null;
  }
}
