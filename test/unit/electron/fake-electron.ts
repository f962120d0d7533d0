import { EventEmitter } from 'node:events';
import os from 'node:os';
import { vi } from 'vitest';

/**
 * A recording stand-in for the `electron` module, made fresh for each start of src/main.ts (vi.doMock), so a test
 * can break one piece (a throwing protocol, a failing ipcMain) and watch what the shell does about it.
 */
export interface FakeElectronOptions {
  userData: string;
  /** Replaces a piece before the app is imported, e.g. { registerSchemes: () => { throw ... } }. */
  registerSchemes?: () => void;
  protocolHandle?: () => void;
  ipcHandle?: (channel: string) => void;
}

export class FakeContents extends EventEmitter {
  readonly sent: Array<[string, unknown]> = [];
  readonly mainFrame = { url: 'app://renderer/index.html' };
  readonly reload = vi.fn();
  destroyed = false;
  readonly session = fakeSession();
  readonly setWindowOpenHandler = vi.fn();
  send(channel: string, payload: unknown) {
    this.sent.push([channel, payload]);
  }
  isDestroyed() {
    return this.destroyed;
  }
}

function fakeSession() {
  return { setPermissionRequestHandler: vi.fn(), setPermissionCheckHandler: vi.fn(), setDevicePermissionHandler: vi.fn() };
}

/**
 * `app.quit()` as Electron does it: a before-quit handler may hold the quit (preventDefault); otherwise the app
 * quits, and its quit event runs (where electron-updater installs a downloaded update).
 */
export function quitLikeElectron(appEvents: EventEmitter, onQuit: () => void): () => void {
  return () => {
    let held = false;
    appEvents.emit('before-quit', { preventDefault: () => (held = true) });
    if (!held) onQuit();
  };
}

export function fakeElectron(options: FakeElectronOptions) {
  const paths = new Map<string, string>([['userData', options.userData]]);
  const appEvents = new EventEmitter();
  const windows: FakeWindow[] = [];
  const handlers = new Map<string, (event: unknown, payload: unknown) => Promise<unknown>>();
  let readyResolve: () => void = () => {};
  const ready = new Promise<void>((r) => (readyResolve = r));
  const recorded = {
    exitCodes: [] as number[],
    /** Quits that no before-quit handler held. */
    quits: 0,
    lockReleased: 0,
    errorBoxes: [] as Array<{ title: string; content: string }>,
    messageBoxes: [] as unknown[],
    setPaths: [] as Array<[string, string]>,
  };

  class FakeWindow extends EventEmitter {
    readonly webContents = new FakeContents();
    constructor(readonly options: unknown) {
      super();
      windows.push(this);
    }
    loadURL() {
      return Promise.resolve();
    }
    show() {}
    hide() {}
    focus() {}
    restore() {}
    maximize() {}
    close() {}
    isMinimized() {
      return false;
    }
    isDestroyed() {
      return false;
    }
    isVisible() {
      return true;
    }
    isFocused() {
      return true;
    }
    getBounds() {
      return { x: 0, y: 0, width: 1200, height: 820 };
    }
    isMaximized() {
      return false;
    }
    static getAllWindows() {
      return windows;
    }
  }

  const module = {
    app: {
      name: 'WA Bulk Sender',
      isPackaged: false,
      getAppPath: () => os.tmpdir(),
      setAppUserModelId: vi.fn(),
      enableSandbox: vi.fn(),
      requestSingleInstanceLock: () => true,
      releaseSingleInstanceLock: () => void recorded.lockReleased++,
      whenReady: () => ready,
      getPath: (name: string) => paths.get(name) ?? os.tmpdir(),
      setPath: (name: string, value: string) => {
        recorded.setPaths.push([name, value]);
        paths.set(name, value);
      },
      getVersion: () => '9.9.9',
      getPreferredSystemLanguages: () => ['en-US'],
      getLocale: () => 'en-US',
      on: (name: string, fn: (...args: unknown[]) => void) => appEvents.on(name, fn),
      quit: quitLikeElectron(appEvents, () => recorded.quits++),
      exit: (code: number) => void recorded.exitCodes.push(code),
    },
    BrowserWindow: FakeWindow,
    ipcMain: {
      handle: (channel: string, fn: (event: unknown, payload: unknown) => Promise<unknown>) => {
        options.ipcHandle?.(channel);
        handlers.set(channel, fn);
      },
      removeHandler: (channel: string) => handlers.delete(channel),
    },
    protocol: {
      registerSchemesAsPrivileged: () => options.registerSchemes?.(),
      handle: () => options.protocolHandle?.(),
    },
    dialog: {
      showErrorBox: (title: string, content: string) => void recorded.errorBoxes.push({ title, content }),
      showMessageBox: vi.fn(async (opts: unknown) => {
        recorded.messageBoxes.push(opts);
        return { response: 0 };
      }),
      showOpenDialog: vi.fn(),
      showSaveDialog: vi.fn(),
    },
    shell: { openPath: vi.fn(async () => '') },
    session: { defaultSession: fakeSession() },
    net: { fetch: (url: string) => Promise.resolve({ url }) },
    Menu: { setApplicationMenu: vi.fn(), buildFromTemplate: vi.fn(() => ({})) },
    Tray: class {
      setToolTip() {}
      setContextMenu() {}
      on() {}
      destroy() {}
      isDestroyed() {
        return false;
      }
    },
    Notification: Object.assign(
      class extends EventEmitter {
        show() {}
      },
      { isSupported: () => false },
    ),
    nativeImage: { createFromPath: () => ({ isEmpty: () => true }), createFromDataURL: () => ({ isEmpty: () => false }) },
    screen: {
      getAllDisplays: () => [{ workArea: { x: 0, y: 0, width: 1920, height: 1080 } }],
      getPrimaryDisplay: () => ({ workArea: { x: 0, y: 0, width: 1920, height: 1080 } }),
    },
  };
  return { module, appEvents, windows, handlers, recorded, ready: () => readyResolve() };
}

export type FakeElectron = ReturnType<typeof fakeElectron>;
