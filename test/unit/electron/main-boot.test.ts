import { EventEmitter } from 'node:events';
import { mkdtempSync } from 'node:fs';
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
const ready = new Promise<void>((r) => (readyResolve = r));
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
    session: { setPermissionRequestHandler: vi.fn() },
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
  dialog: { showErrorBox: vi.fn(), showOpenDialog: vi.fn(), showSaveDialog: vi.fn() },
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
    readyResolve();
    await vi.waitFor(() => expect(windows).toHaveLength(1), { timeout: 10_000 });
    const win = windows[0]!;
    expect(win.options.webPreferences).toMatchObject({ contextIsolation: true, sandbox: true, nodeIntegration: false });
    expect(String(win.options.webPreferences.preload)).toMatch(/preload[\\/]preload\.js$/);
    expect(win.webContents.setWindowOpenHandler).toHaveBeenCalled();
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
