import { afterEach, describe, expect, it, vi } from 'vitest';
import { Listeners, reportError, setErrorReporter } from '../../../src/shared/events';
import { Logger } from '../../../src/platform/logger';
import { FakeClock } from '../../fakes/fake-clock';

let restore: (() => void) | null = null;
afterEach(() => {
  restore?.();
  restore = null;
  vi.restoreAllMocks();
});

describe('Listeners', () => {
  it('reports a listener that throws to the error reporter, and still calls the others', () => {
    const reports: Array<{ error: unknown; context: string }> = [];
    restore = setErrorReporter((error, context) => reports.push({ error, context }));
    const events = new Listeners<number>('contact updates');
    const seen: string[] = [];
    events.on((n) => seen.push(`first ${n}`));
    events.on(() => {
      throw new Error('listener bug');
    });
    events.on((n) => seen.push(`third ${n}`));

    events.emit(7);

    expect(seen).toEqual(['first 7', 'third 7']);
    expect(reports).toHaveLength(1);
    expect(reports[0]!.context).toBe('A listener of contact updates failed');
    expect((reports[0]!.error as Error).message).toBe('listener bug');
  });

  it('uses its own reporter when given one; a reporter that throws stops nothing and reaches the console', () => {
    const console = vi.spyOn(globalThis.console, 'error').mockImplementation(() => undefined);
    const events = new Listeners<number>('progress', () => {
      throw new Error('reporter bug');
    });
    const seen: number[] = [];
    events.on(() => {
      throw new Error('listener bug');
    });
    events.on((n) => seen.push(n));

    events.emit(1);

    expect(seen).toEqual([1]);
    const printed = console.mock.calls.map((call) => call.map(String).join(' '));
    expect(printed.some((line) => line.includes('A listener of progress failed') && line.includes('listener bug'))).toBe(true);
    expect(printed.some((line) => line.includes('reporter bug'))).toBe(true);
  });

  it('goes to console.error until the composition root connects a reporter', () => {
    const console = vi.spyOn(globalThis.console, 'error').mockImplementation(() => undefined);
    reportError(new Error('lost write'), 'Saving failed');
    expect(console).toHaveBeenCalledWith('Saving failed:', expect.objectContaining({ message: 'lost write' }));
  });

  it('a reporter wired to the logger survives a throwing log listener: no loop, the logger keeps its line', () => {
    const console = vi.spyOn(globalThis.console, 'error').mockImplementation(() => undefined);
    const logger = new Logger(new FakeClock());
    restore = setErrorReporter((err, context) => logger.error('app', `${context}: ${String(err)}`));
    let calls = 0;
    logger.onLine(() => {
      calls += 1;
      throw new Error('log pane gone');
    });

    logger.info('app', 'hello');

    // The first failure is logged (whose own listener fails again, and that one goes to the console).
    expect(logger.recent().map((l) => l.message)).toEqual(['hello', 'A listener of an event failed: Error: log pane gone']);
    expect(calls).toBe(2);
    expect(console).toHaveBeenCalledTimes(1);
  });
});
