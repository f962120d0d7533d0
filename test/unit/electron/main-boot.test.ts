import { EventEmitter } from 'node:events';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { menuRoles } from '../../../src/electron/menu';
import { quitLikeElectron } from './fake-electron';

/**
 * Boots src/main.ts against a fake `electron` module: the real services, IPC wiring and window options, with
 * Electron's objects replaced by recorders. (No Electron binary can run on this machine.)
 */
const userData = mkdtempSync(path.join(os.tmpdir(), 'wa-main-boot-'));
/** The demo's own data folder (main sets Electron's userData to it before anything else). */
let appUserData = userData;
const handlers = new Map<string, (event: unknown, payload: unknown) => Promise<unknown>>();
const windows: FakeWindow[] = [];
const appEvents = new EventEmitter();
let exitCode: number | null = null;
/** Quits that no before-quit handler prevented. */
let quitsCompleted = 0;
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
/** Every menu template main builds (the first is the application menu), and the one display attached. */
const menus: unknown[] = [];
const laptop = { id: 1, workArea: { x: 0, y: 0, width: 1440, height: 875 } };

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
  visible = false;
  constructor(readonly options: { webPreferences: Record<string, unknown>; x?: number; y?: number; width: number; height: number }) {
    super();
    windows.push(this);
  }
  loadURL(url: string) {
    this.loadedUrl = url;
    return Promise.resolve();
  }
  show() {
    this.visible = true;
  }
  hide() {
    this.visible = false;
  }
  focus() {}
  restore() {}
  maximize() {}
  isVisible() {
    return this.visible;
  }
  isFocused() {
    return this.visible;
  }
  isDestroyed() {
    return false;
  }
  isMaximized() {
    return false;
  }
  getNormalBounds() {
    return { x: this.options.x ?? 0, y: this.options.y ?? 0, width: this.options.width, height: this.options.height };
  }
  /** As Electron: `close` (which a listener may prevent), then `closed`. */
  close() {
    let prevented = false;
    this.emit('close', { preventDefault: () => (prevented = true) });
    if (!prevented) this.emit('closed');
    return !prevented;
  }
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
    getPath: (name: string) => (name === 'userData' ? appUserData : os.tmpdir()),
    setPath: (name: string, value: string) => {
      if (name === 'userData') appUserData = value;
    },
    getVersion: () => '9.9.9',
    getPreferredSystemLanguages: () => ['en-US'],
    getLocale: () => 'en-US',
    // As an installed app: the production menu, no DevTools.
    isPackaged: true,
    name: 'WA Bulk Sender',
    getAppPath: () => path.resolve(__dirname, '../../..'),
    setAppUserModelId: vi.fn(),
    on: (name: string, fn: (...args: unknown[]) => void) => appEvents.on(name, fn),
    quit: quitLikeElectron(appEvents, () => quitsCompleted++),
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
  Menu: {
    buildFromTemplate: (template: unknown) => (menus.push(template), { template }),
    setApplicationMenu: vi.fn(),
  },
  Tray: vi.fn(),
  Notification: Object.assign(vi.fn(), { isSupported: () => false }),
  nativeImage: { createFromPath: vi.fn(), createFromDataURL: vi.fn() },
  screen: { getAllDisplays: () => [laptop], getPrimaryDisplay: () => laptop },
  shell: { openPath: vi.fn(async () => '') },
}));

const argv = process.argv;
afterAll(() => {
  process.argv = argv;
});

describe('Electron main process (booted against a fake electron module)', () => {
  it('builds the services, wires every channel, opens one hardened window, and keeps the session on quit', async () => {
    process.argv = [...argv, '--demo'];
    // The window was last on a monitor that is gone now.
    const windowState = path.join(userData, 'demo', 'window-state.json');
    mkdirSync(path.dirname(windowState), { recursive: true });
    writeFileSync(windowState, JSON.stringify({ version: 1, x: 3000, y: 100, width: 1000, height: 700, maximized: false }));
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
    // The production menu: Edit (copy and paste in text fields), no Reload and no DevTools, nor in the window.
    const roles = menuRoles(menus[0] as never);
    expect(roles).toEqual(expect.arrayContaining(['quit', 'cut', 'copy', 'paste', 'selectAll', 'minimize']));
    expect(roles.filter((r) => /reload|devtools/i.test(r))).toEqual([]);
    expect(win.options.webPreferences.devTools).toBe(false);
    // The remembered size, back on the display there is.
    expect(win.options).toMatchObject({ x: 220, y: 88, width: 1000, height: 700 });

    // Every contract channel has a handler; a call from the window's main frame is answered...
    const getInfo = handlers.get('app:getInfo')!;
    const own = { senderFrame: win.mainFrame, sender: win.webContents };
    expect(await getInfo(own, undefined)).toEqual({
      ok: true,
      value: expect.objectContaining({ demo: true, host: 'electron', version: '9.9.9', dataDir: path.join(userData, 'demo') }),
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
    expect(refused).toMatchObject({
      ok: false,
      error: { code: 'bad_request', message: expect.stringMatching(/^\/bin\/sh is not Chrome, Edge or Chromium/) },
    });
    expect(showOpenDialog).toHaveBeenLastCalledWith(
      win,
      expect.objectContaining({ title: 'Choose Chrome, Edge or Chromium', properties: ['openFile'] }),
    );
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

    // Closing with no campaign sending closes at once (no question), and the window's place is saved.
    expect(win.close()).toBe(true);
    await vi.waitFor(() => expect(JSON.parse(readFileSync(windowState, 'utf8'))).toMatchObject({ x: 220, y: 88, width: 1000, height: 700 }));

    // Quit (menu, tray, Cmd-Q): the first is held for the shutdown, then the app quits for real (not app.exit,
    // which skips the quit event); the session stays on disk for next time.
    const { app } = await import('electron');
    app.quit();
    expect(quitsCompleted).toBe(0);
    await vi.waitFor(() => expect(quitsCompleted).toBe(1), { timeout: 10_000 });
    expect(exitCode).toBeNull();
    const { readdirSync } = await import('node:fs');
    expect(readdirSync(path.join(userData, 'demo', 'whatsapp', 'session')).length).toBeGreaterThan(0);
  });
});
