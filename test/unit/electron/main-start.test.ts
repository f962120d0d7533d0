import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { LOCK_FILE } from '../../../src/platform/folder-lock';
import { fakeElectron, type FakeElectron, type FakeElectronOptions } from './fake-electron';

/**
 * Starts src/main.ts against a fresh fake `electron` module for each case: a start that fails anywhere (before
 * ready, a throw inside boot, a rejection, after the services were built) shows the cause and the log file, lets go
 * of both locks and exits non-zero; the demo keeps its own data folder.
 */
const argv = process.argv;
const crashListeners = () => [...process.listeners('uncaughtException'), ...process.listeners('unhandledRejection')];
let before = crashListeners();

afterEach(() => {
  process.argv = argv;
  // main.ts listens for crashes on the real process; do not leave its handlers to the next case.
  for (const l of process.listeners('uncaughtException')) if (!before.includes(l)) process.off('uncaughtException', l);
  for (const l of process.listeners('unhandledRejection')) if (!before.includes(l)) process.off('unhandledRejection', l);
  vi.doUnmock('electron');
});

async function startMain(options: Omit<FakeElectronOptions, 'userData'> & { userData?: string; args?: string[] } = {}) {
  before = crashListeners();
  const userData = options.userData ?? mkdtempSync(path.join(os.tmpdir(), 'wa-main-start-'));
  const fake = fakeElectron({ ...options, userData });
  vi.resetModules();
  vi.doMock('electron', () => fake.module);
  process.argv = [...argv, ...(options.args ?? [])];
  await import('../../../src/main');
  return { fake, userData, logFile: path.join(userData, 'logs', 'app.log') };
}

function expectFailedStart(fake: FakeElectron, logFile: string, cause: string) {
  expect(fake.recorded.errorBoxes).toEqual([{ title: 'WA Bulk Sender could not start', content: expect.stringContaining(cause) }]);
  expect(fake.recorded.errorBoxes[0]!.content).toContain(logFile);
  expect(fake.recorded.lockReleased).toBe(1);
  expect(readFileSync(logFile, 'utf8')).toContain(`Could not start: Error: ${cause}`);
}

describe('a start that fails', () => {
  it('before ready: dialog with the cause and the log file, lock released, exit 1', async () => {
    const { fake, logFile } = await startMain({
      registerSchemes: () => {
        throw new Error('schemes refused');
      },
    });
    await vi.waitFor(() => expect(fake.recorded.exitCodes).toEqual([1]), { timeout: 10_000 });
    expectFailedStart(fake, logFile, 'schemes refused');
  });

  it('by a throw inside boot', async () => {
    const { fake, logFile } = await startMain({
      protocolHandle: () => {
        throw new Error('protocol handler refused');
      },
    });
    fake.ready();
    await vi.waitFor(() => expect(fake.recorded.exitCodes).toEqual([1]), { timeout: 10_000 });
    expectFailedStart(fake, logFile, 'protocol handler refused');
    expect(fake.windows).toHaveLength(0);
  });

  it('by a rejection (the data folder held by another copy): the holder is named', async () => {
    const userData = mkdtempSync(path.join(os.tmpdir(), 'wa-main-start-'));
    // Held by a copy on another computer (a shared folder): never taken over.
    const holder = { pid: 4242, hostname: 'front-desk-pc', command: 'wa-bulk send', since: Date.now(), token: 'abcd', bootAt: 1 };
    writeFileSync(path.join(userData, LOCK_FILE), JSON.stringify(holder));
    const { fake, logFile } = await startMain({ userData });
    fake.ready();
    await vi.waitFor(() => expect(fake.recorded.exitCodes).toEqual([1]), { timeout: 10_000 });
    expect(fake.recorded.errorBoxes[0]!.content).toMatch(
      /in use by another copy of WA Bulk Sender: process 4242 \(wa-bulk send\) on the computer "front-desk-pc"/,
    );
    expect(fake.recorded.errorBoxes[0]!.content).toContain(logFile);
    expect(fake.recorded.lockReleased).toBe(1);
    expect(readFileSync(logFile, 'utf8')).toMatch(/ERROR \[app\] Could not start: FolderLockedError/);
  });

  it('after the services were built: they are stopped, so the data folder is free for the next launch', async () => {
    const { fake, userData, logFile } = await startMain({
      ipcHandle: () => {
        throw new Error('ipc refused');
      },
    });
    fake.ready();
    await vi.waitFor(() => expect(fake.recorded.exitCodes).toEqual([1]), { timeout: 10_000 });
    expectFailedStart(fake, logFile, 'ipc refused');
    expect(existsSync(path.join(userData, LOCK_FILE))).toBe(false);
    // The next launch starts.
    const next = await startMain({ userData });
    next.fake.ready();
    await vi.waitFor(() => expect(next.fake.windows).toHaveLength(1), { timeout: 10_000 });
    expect(next.fake.recorded.errorBoxes).toEqual([]);
    next.fake.module.app.quit();
    await vi.waitFor(() => expect(next.fake.recorded.quits).toBe(1), { timeout: 10_000 });
    expect(next.fake.recorded.exitCodes).toEqual([]);
  });
});

describe('--demo', () => {
  it("keeps its own data folder: the operator's session is never written to or deleted by the demo's Log out", async () => {
    const userData = mkdtempSync(path.join(os.tmpdir(), 'wa-main-demo-'));
    // The operator's real session and settings.
    const realProfile = path.join(userData, 'whatsapp', 'session', 'session-main', 'Default');
    mkdirSync(realProfile, { recursive: true });
    writeFileSync(path.join(realProfile, 'Preferences'), '{"real":true}');
    writeFileSync(path.join(userData, 'settings.json'), '{"browserPath":"","logoutOnExit":false}');

    const { fake } = await startMain({ userData, args: ['--demo', '--auto-scan-ms', '0'] });
    const demoDir = path.join(userData, 'demo');
    // Before the single-instance lock and ready: Electron's own storage moves with it.
    expect(fake.recorded.setPaths).toEqual([['userData', demoDir]]);
    fake.ready();
    await vi.waitFor(() => expect(fake.windows).toHaveLength(1), { timeout: 10_000 });
    const own = { senderFrame: fake.windows[0]!.webContents.mainFrame, sender: fake.windows[0]!.webContents };
    expect(await fake.handlers.get('app:getInfo')!(own, undefined)).toMatchObject({ ok: true, value: { demo: true, dataDir: demoDir } });
    await vi.waitFor(() => expect(existsSync(path.join(demoDir, 'whatsapp', 'session', 'session-main'))).toBe(true), { timeout: 10_000 });
    await vi.waitFor(
      () => expect(fake.windows[0]!.webContents.sent.some(([c, s]) => c === 'wa:status' && (s as { kind: string }).kind === 'ready')).toBe(true),
      { timeout: 10_000 },
    );

    expect(await fake.handlers.get('wa:logout')!(own, undefined)).toMatchObject({ ok: true, value: { wiped: true } });
    expect(existsSync(path.join(demoDir, 'whatsapp', 'session', 'session-main'))).toBe(false);
    expect(readFileSync(path.join(realProfile, 'Preferences'), 'utf8')).toBe('{"real":true}');
    expect(readFileSync(path.join(userData, 'settings.json'), 'utf8')).toBe('{"browserPath":"","logoutOnExit":false}');
    // Its log is its own too.
    expect(readFileSync(path.join(demoDir, 'logs', 'app.log'), 'utf8')).toMatch(/Started in demo mode/);
    expect(existsSync(path.join(userData, 'logs'))).toBe(false);

    // The window's page crashes: reloaded, and written down.
    const contents = fake.windows[0]!.webContents;
    fake.appEvents.emit('render-process-gone', {}, contents, { reason: 'crashed', exitCode: 139 });
    expect(contents.reload).toHaveBeenCalledTimes(1);
    expect(readFileSync(path.join(demoDir, 'logs', 'app.log'), 'utf8')).toMatch(/ERROR \[app\] The window's page stopped \(crashed, exit code 139\)/);

    fake.module.app.quit();
    await vi.waitFor(() => expect(fake.recorded.quits).toBe(1), { timeout: 10_000 });
    expect(fake.recorded.exitCodes).toEqual([]);
  });
});
