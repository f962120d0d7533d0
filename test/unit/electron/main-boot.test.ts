import { EventEmitter } from 'node:events';
import { existsSync, mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';

/**
 * Boots src/main.ts against a fake `electron` module: the real services, IPC wiring and window options, with
 * Electron's objects replaced by recorders. (No Electron binary can run on this machine.)
 */
const userData = mkdtempSync(path.join(os.tmpdir(), 'wa-main-boot-'));
const handlers = new Map<string, (event: unknown, payload: unknown) => Promise<unknown>>();
const windows: FakeWindow[] = [];
const appEvents = new EventEmitter();
let exitCode: number | null = null;
let readyResolve: () => void = () => {};
let isReady = false;
const ready = new Promise<void>((r) => (readyResolve = r)).then(() => {
  isReady = true;
});
/** When app.enableSandbox was called: it only works before ready. */
const sandboxCalls: Array<{ beforeReady: boolean }> = [];

/** A session's permission answers as set by the app. */
class FakeSession {
  request?: (wc: unknown, permission: string, callback: (granted: boolean) => void) => void;
  check?: (wc: unknown, permission: string, origin: string) => boolean;
  device?: (details: unknown) => boolean;
  setPermissionRequestHandler = (h: FakeSession['request']) => (this.request = h);
  setPermissionCheckHandler = (h: FakeSession['check']) => (this.check = h);
  setDevicePermissionHandler = (h: FakeSession['device']) => (this.device = h);
  /** True when every kind of permission is refused. */
  deniesAll(): boolean {
    let granted: boolean | undefined;
    this.request?.(null, 'media', (g) => (granted = g));
    return granted === false && this.check?.(null, 'clipboard-read', 'app://renderer') === false && this.device?.({ deviceType: 'hid' }) === false;
  }
}
const defaultSession = new FakeSession();
const showOpenDialog = vi.fn();
const protocolHandlers = new Map<string, (req: { url: string }) => unknown>();

class FakeWindow extends EventEmitter {
  readonly sent: Array<[string, unknown]> = [];
  loadedUrl = '';
  readonly mainFrame = { url: 'app://renderer/index.html' };
  readonly webContents = {
    mainFrame: this.mainFrame,
    send: (channel: string, payload: unknown) => this.sent.push([channel, payload]),
    setWindowOpenHandler: vi.fn(),
    on: vi.fn(),
    session: new FakeSession(),
  };
  constructor(readonly options: { webPreferences: Record<string, unknown> }) {
    super();
    windows.push(this);
  }
  loadURL(url: string) {
    this.loadedUrl = url;
    return Promise.resolve();
  }
  show() {}
  isMinimized() {
    return false;
  }
  static getAllWindows() {
    return windows;
  }
}

vi.mock('electron', () => ({
  app: {
    enableSandbox: () => sandboxCalls.push({ beforeReady: !isReady }),
    requestSingleInstanceLock: () => true,
    whenReady: () => ready,
    getPath: (name: string) => (name === 'userData' ? userData : os.tmpdir()),
    getVersion: () => '9.9.9',
    on: (name: string, fn: (...args: unknown[]) => void) => appEvents.on(name, fn),
    quit: () => appEvents.emit('before-quit', { preventDefault() {} }),
    exit: (code: number) => {
      exitCode = code;
    },
  },
  BrowserWindow: FakeWindow,
  ipcMain: {
    handle: (channel: string, fn: (event: unknown, payload: unknown) => Promise<unknown>) => handlers.set(channel, fn),
    removeHandler: (channel: string) => handlers.delete(channel),
  },
  protocol: {
    registerSchemesAsPrivileged: vi.fn(),
    handle: (scheme: string, fn: (req: { url: string }) => unknown) => protocolHandlers.set(scheme, fn),
  },
  dialog: { showErrorBox: vi.fn(), showOpenDialog, showSaveDialog: vi.fn() },
  session: { defaultSession },
  net: { fetch: (url: string) => Promise.resolve({ url }) },
}));

const argv = process.argv;
afterAll(() => {
  process.argv = argv;
});

describe('Electron main process (booted against a fake electron module)', () => {
  it('builds the services, wires every channel, opens one hardened window, and keeps the session on quit', async () => {
    process.argv = [...argv, '--demo'];
    await import('../../../src/main');
    // Every renderer sandboxed, asked for before ready (Electron ignores it later).
    expect(sandboxCalls).toEqual([{ beforeReady: true }]);
    readyResolve();
    await vi.waitFor(() => expect(windows).toHaveLength(1), { timeout: 10_000 });
    const win = windows[0]!;
    expect(win.options.webPreferences).toMatchObject({ contextIsolation: true, sandbox: true, nodeIntegration: false });
    expect(String(win.options.webPreferences.preload)).toMatch(/preload[\\/]preload\.js$/);
    expect(win.webContents.setWindowOpenHandler).toHaveBeenCalled();
    // No permission, check or device is granted, in the default session and the window's.
    expect(defaultSession.deniesAll()).toBe(true);
    expect(win.webContents.session.deniesAll()).toBe(true);
    await vi.waitFor(() => expect(win.loadedUrl).toBe('app://renderer/index.html'));

    // Every contract channel has a handler; a call from the window's main frame is answered...
    const getInfo = handlers.get('app:getInfo')!;
    const own = { senderFrame: win.mainFrame, sender: win.webContents };
    expect(await getInfo(own, undefined)).toEqual({
      ok: true,
      value: expect.objectContaining({ demo: true, host: 'electron', version: '9.9.9', dataDir: userData }),
    });
    // ...and one from anywhere else is refused.
    const foreign = { senderFrame: { url: 'https://evil.example/' }, sender: win.webContents };
    expect(await getInfo(foreign, undefined)).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    // The app scheme serves only files inside the renderer folder.
    const serve = protocolHandlers.get('app')!;
    expect(((await serve({ url: 'app://renderer/..%2f..%2fpackage.json' })) as Response).status).toBe(403);

    // The browser is chosen in main's own dialog and checked: a shell is refused, nothing from the page is taken.
    showOpenDialog.mockResolvedValueOnce({ canceled: false, filePaths: ['/bin/sh'] });
    const refused = await handlers.get('settings:chooseBrowser')!(own, undefined);
    expect(refused).toMatchObject({ ok: false, error: { code: 'bad_request', message: expect.stringMatching(/^\/bin\/sh is not Chrome, Edge or Chromium/) } });
    expect(showOpenDialog).toHaveBeenLastCalledWith(win, expect.objectContaining({ title: 'Choose Chrome, Edge or Chromium', properties: ['openFile'] }));
    expect(await handlers.get('settings:update')!(own, { browserPath: '/bin/sh' })).toMatchObject({ ok: false, error: { code: 'bad_request' } });
    if (existsSync('/usr/bin/chromium')) {
      showOpenDialog.mockResolvedValueOnce({ canceled: false, filePaths: ['/usr/bin/chromium'] });
      expect(await handlers.get('settings:chooseBrowser')!(own, undefined)).toMatchObject({
        ok: true,
        value: { settings: { browserPath: '/usr/bin/chromium' }, version: expect.stringMatching(/^Chromium \d+/) },
      });
    }
    showOpenDialog.mockResolvedValueOnce({ canceled: true, filePaths: [] });
    expect(await handlers.get('settings:chooseBrowser')!(own, undefined)).toEqual({ ok: true, value: null });

    // Demo: the QR shows and reaches the window as a push; a simulated scan links it.
    await vi.waitFor(() => expect(win.sent.some(([c, s]) => c === 'wa:status' && (s as { kind: string }).kind === 'qr')).toBe(true), {
      timeout: 10_000,
    });
    expect(await handlers.get('wa:simulateScan')!(own, undefined)).toEqual({ ok: true, value: undefined });
    await vi.waitFor(() => expect(win.sent.some(([c, s]) => c === 'wa:status' && (s as { kind: string }).kind === 'ready')).toBe(true), {
      timeout: 10_000,
    });

    // Quit: shutdown runs, then the app exits; the session stays on disk for next time.
    appEvents.emit('before-quit', { preventDefault: vi.fn() });
    await vi.waitFor(() => expect(exitCode).toBe(0), { timeout: 10_000 });
    const { readdirSync } = await import('node:fs');
    expect(readdirSync(path.join(userData, 'whatsapp', 'session')).length).toBeGreaterThan(0);
  });
});
