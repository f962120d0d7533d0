import { EventEmitter } from 'node:events';
import { describe, expect, it, vi } from 'vitest';
import { handleCrashes } from '../../../src/electron/crash';
import { STOP_LIMIT_MS } from '../../../src/electron/start-failure';
import { FakeClock } from '../../fakes/fake-clock';
import { FakeContents } from './fake-electron';

/** The crash handler against fake Electron events: emit the event, watch for reload, log lines and dialogs. */
function rig(options: { answer?: number; shutdown?: () => Promise<void> } = {}) {
  const app = Object.assign(new EventEmitter(), { quit: vi.fn(), exit: vi.fn(), releaseSingleInstanceLock: vi.fn() });
  const proc = new EventEmitter();
  const lines: Array<[string, string]> = [];
  const dialog = {
    showErrorBox: vi.fn(),
    showMessageBox: vi.fn(async () => ({ response: options.answer ?? 0 })),
  };
  const clock = new FakeClock();
  const shutdown = vi.fn(options.shutdown ?? (async () => {}));
  handleCrashes({
    app,
    dialog,
    process: proc,
    log: (level, message) => lines.push([level, message]),
    logFile: '/data/logs/app.log',
    shutdown,
    clock,
    crashLoopMs: 60_000,
  });
  const contents = new FakeContents();
  const gone = (reason: string) => app.emit('render-process-gone', {}, contents, { reason, exitCode: 139 });
  return { app, proc, lines, dialog, clock, shutdown, contents, gone };
}

describe('render-process-gone', () => {
  it('reloads the window once and logs it', () => {
    const r = rig();
    r.gone('crashed');
    expect(r.contents.reload).toHaveBeenCalledTimes(1);
    expect(r.lines).toEqual([
      ['error', "The window's page stopped (crashed, exit code 139)"],
      ['info', 'Reloading the window'],
    ]);
    expect(r.dialog.showMessageBox).not.toHaveBeenCalled();
    // Long after, a new crash is reloaded again without asking.
    r.clock.advance(60_001);
    r.gone('oom');
    expect(r.contents.reload).toHaveBeenCalledTimes(2);
  });

  it('asks instead of reloading in a loop when the page stops again right after a reload', async () => {
    const r = rig({ answer: 0 });
    r.gone('crashed');
    r.clock.advance(5_000);
    r.gone('crashed');
    expect(r.contents.reload).toHaveBeenCalledTimes(1);
    expect(r.dialog.showMessageBox).toHaveBeenCalledWith(
      expect.objectContaining({
        message: 'The window keeps stopping',
        buttons: ['Reload', 'Quit'],
        detail: expect.stringContaining('/data/logs/app.log'),
      }),
    );
    // While the question is open, more crashes do not stack dialogs or reloads.
    r.gone('crashed');
    expect(r.dialog.showMessageBox).toHaveBeenCalledTimes(1);
    // "Reload": the operator's choice, reloaded once more.
    await vi.waitFor(() => expect(r.contents.reload).toHaveBeenCalledTimes(2));
  });

  it('quits (the normal quit, which pauses campaigns) when the operator chooses Quit', async () => {
    const r = rig({ answer: 1 });
    r.gone('crashed');
    r.gone('killed');
    await vi.waitFor(() => expect(r.app.quit).toHaveBeenCalled());
    expect(r.contents.reload).toHaveBeenCalledTimes(1);
  });

  it('leaves a page that closed normally or a window already gone alone', () => {
    const r = rig();
    r.gone('clean-exit');
    r.contents.destroyed = true;
    r.gone('crashed');
    expect(r.contents.reload).not.toHaveBeenCalled();
    expect(r.dialog.showMessageBox).not.toHaveBeenCalled();
  });
});

describe('child-process-gone', () => {
  it('logs a GPU crash as an error and another helper as a warning', () => {
    const r = rig();
    r.app.emit('child-process-gone', {}, { type: 'GPU', reason: 'crashed', exitCode: 9 });
    r.app.emit('child-process-gone', {}, { type: 'Utility', name: 'Network Service', reason: 'killed', exitCode: 15 });
    r.app.emit('child-process-gone', {}, { type: 'Utility', reason: 'clean-exit', exitCode: 0 });
    expect(r.lines).toEqual([
      ['error', 'The GPU process stopped (crashed, exit code 9)'],
      ['warn', 'The Utility (Network Service) process stopped (killed, exit code 15)'],
    ]);
  });
});

describe('an uncaught error in main', () => {
  it('is logged, the services stop (campaigns pause) before a dialog names it and the log file, then exit 1', async () => {
    const order: string[] = [];
    const r = rig({ shutdown: async () => void order.push('shutdown') });
    r.dialog.showErrorBox.mockImplementation(() => order.push('dialog'));
    r.app.exit.mockImplementation(() => order.push('exit'));
    r.proc.emit('uncaughtException', new Error('boom'));
    r.proc.emit('uncaughtException', new Error('second'));
    await vi.waitFor(() => expect(order).toEqual(['shutdown', 'dialog', 'exit']));
    expect(r.app.exit).toHaveBeenCalledWith(1);
    expect(r.app.releaseSingleInstanceLock).toHaveBeenCalled();
    expect(r.shutdown).toHaveBeenCalledTimes(1);
    expect(r.dialog.showErrorBox).toHaveBeenCalledWith('WA Bulk Sender stopped after an error', expect.stringContaining('boom'));
    expect(r.dialog.showErrorBox.mock.calls[0]![1]).toContain('/data/logs/app.log');
    expect(r.lines.map(([, m]) => m.split('\n')[0])).toEqual([
      'Uncaught error in the main process: Error: boom',
      'Uncaught error in the main process: Error: second',
    ]);
  });

  it('exits even when the services do not stop, after the time limit', async () => {
    const r = rig({ shutdown: () => new Promise<void>(() => {}) });
    r.proc.emit('uncaughtException', new Error('boom'));
    await vi.waitFor(() => expect(r.clock.pendingTimers).toBe(1));
    expect(r.app.exit).not.toHaveBeenCalled();
    r.clock.advance(STOP_LIMIT_MS);
    await vi.waitFor(() => expect(r.app.exit).toHaveBeenCalledWith(1));
  });

  it('logs an unhandled rejection without stopping', () => {
    const r = rig();
    r.proc.emit('unhandledRejection', 'nope');
    expect(r.lines).toEqual([['error', 'Unhandled: nope']]);
    expect(r.app.exit).not.toHaveBeenCalled();
  });
});
