import { describe, expect, it } from 'vitest';
import { Notifier } from '../../../src/ipc/notifier';
import type { EventChannel } from '../../../src/shared/contract';

/** A notifier whose flush timer the test fires by hand. */
function manualNotifier(maxBatch = 500) {
  const timers: Array<() => void> = [];
  const notifier = new Notifier({ setTimer: (fn) => timers.push(fn), maxBatch });
  const received: Array<{ channel: EventChannel; payload: unknown }> = [];
  notifier.addSink({ send: (channel, payload) => received.push({ channel, payload }) });
  const tick = () => timers.splice(0).forEach((fn) => fn());
  return { notifier, received, tick, timers };
}

const line = (n: number) => ({ at: n, level: 'info' as const, source: 't', message: `line ${n}` });

describe('Notifier', () => {
  it('coalesces a burst of log lines into one batch per flush', () => {
    const { notifier, received, tick, timers } = manualNotifier();
    for (let i = 0; i < 1000; i++) notifier.emit('log:lines', line(i));
    expect(received).toEqual([]);
    expect(timers).toHaveLength(1); // one flush scheduled however many events came
    tick();
    expect(received).toHaveLength(1);
    expect((received[0]!.payload as unknown[]).length).toBe(500);
    tick(); // the rest follows on the next flush, in order
    expect(received).toHaveLength(2);
    expect((received[1]!.payload as Array<{ at: number }>)[499]!.at).toBe(999);
  });

  it('sends only the newest status when several arrive between flushes', () => {
    const { notifier, received, tick } = manualNotifier();
    notifier.emit('wa:status', { kind: 'starting', percent: 10, message: 'a' });
    notifier.emit('wa:status', { kind: 'starting', percent: 50, message: 'b' });
    notifier.emit('wa:status', { kind: 'idle' });
    tick();
    expect(received).toEqual([{ channel: 'wa:status', payload: { kind: 'idle' } }]);
  });

  it('forgets a sink that was removed or that throws', () => {
    const timers: Array<() => void> = [];
    const notifier = new Notifier({ setTimer: (fn) => timers.push(fn) });
    const removed: unknown[] = [];
    const remove = notifier.addSink({ send: (_c, p) => removed.push(p) });
    notifier.addSink({
      send: () => {
        throw new Error('window closed');
      },
    });
    expect(notifier.sinkCount).toBe(2);
    remove();
    notifier.emit('wa:status', { kind: 'idle' });
    timers.splice(0).forEach((fn) => fn());
    expect(removed).toEqual([]);
    expect(notifier.sinkCount).toBe(0);
  });
});
