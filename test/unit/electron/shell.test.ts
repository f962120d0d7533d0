import { describe, expect, it } from 'vitest';
import { browserDialogOptions, electronDialogs } from '../../../src/electron/dialogs';
import { senderOf, wireIpc } from '../../../src/electron/ipc-wiring';
import { APP_ORIGIN, hardenWebContents, secureWindowOptions } from '../../../src/electron/window';
import { IpcRouter, type HandlerMap } from '../../../src/ipc/router';
import { invokeContract } from '../../../src/shared/contract';

describe('Electron window', () => {
  it('is created isolated, sandboxed and without Node', () => {
    const prefs = secureWindowOptions('/app/preload.js').webPreferences!;
    expect(prefs).toMatchObject({ contextIsolation: true, sandbox: true, nodeIntegration: false, webSecurity: true });
    expect(prefs.preload).toBe('/app/preload.js');
  });

  it('denies new windows, outside navigation, webviews and permission prompts', () => {
    const handlers: Record<string, (event: { preventDefault(): void }, url: string) => void> = {};
    let openHandler: ((d: { url: string }) => { action: string }) | undefined;
    let permission: ((wc: unknown, p: string, cb: (granted: boolean) => void) => void) | undefined;
    let check: ((wc: unknown, p: string, origin: string) => boolean) | undefined;
    let device: ((details: unknown) => boolean) | undefined;
    const contents = {
      setWindowOpenHandler: (h: typeof openHandler) => (openHandler = h),
      on: (name: string, h: (typeof handlers)[string]) => (handlers[name] = h),
      session: {
        setPermissionRequestHandler: (h: typeof permission) => (permission = h),
        setPermissionCheckHandler: (h: typeof check) => (check = h),
        setDevicePermissionHandler: (h: typeof device) => (device = h),
      },
    };
    hardenWebContents(contents as never);

    expect(openHandler!({ url: 'https://example.com' })).toEqual({ action: 'deny' });
    const navigate = (url: string) => {
      let prevented = false;
      handlers['will-navigate']!({ preventDefault: () => (prevented = true) }, url);
      return prevented;
    };
    expect(navigate('https://web.whatsapp.com/')).toBe(true);
    expect(navigate('file:///etc/passwd')).toBe(true);
    expect(navigate(`${APP_ORIGIN}/index.html`)).toBe(false);
    let webviewPrevented = false;
    handlers['will-attach-webview']!({ preventDefault: () => (webviewPrevented = true) }, '');
    expect(webviewPrevented).toBe(true);
    let granted: boolean | undefined;
    permission!(null, 'media', (g) => (granted = g));
    expect(granted).toBe(false);
    // Permission checks (navigator.permissions, clipboard...) and devices (USB, HID, serial) answer no as well.
    for (const p of ['media', 'clipboard-read', 'notifications', 'hid', 'serial', 'usb']) expect(check!(null, p, APP_ORIGIN)).toBe(false);
    expect(device!({ deviceType: 'usb', origin: APP_ORIGIN, device: {} })).toBe(false);
  });
});

describe('Electron browser dialog', () => {
  it('opens where browsers are installed, for one file, and gives the chosen path or null', async () => {
    expect(browserDialogOptions('win32')).toMatchObject({ defaultPath: 'C:\\Program Files', filters: [{ extensions: ['exe'] }] });
    expect(browserDialogOptions('darwin')).toMatchObject({ defaultPath: '/Applications', properties: ['openFile'] });
    expect(browserDialogOptions('linux')).toMatchObject({ defaultPath: '/usr/bin', properties: ['openFile'] });
    const answers = [
      { canceled: false, filePaths: ['/usr/bin/chromium'] },
      { canceled: true, filePaths: [] },
    ];
    const asked: unknown[] = [];
    const dialog = {
      showOpenDialog: async (...args: unknown[]) => {
        asked.push(args);
        return answers.shift()!;
      },
      showSaveDialog: async () => ({ canceled: true }),
    };
    const dialogs = electronDialogs(dialog as never, () => null, 'linux');
    expect(await dialogs.pickBrowser()).toBe('/usr/bin/chromium');
    expect(await dialogs.pickBrowser()).toBeNull();
    expect(asked).toEqual([[browserDialogOptions('linux')], [browserDialogOptions('linux')]]);
  });
});

describe('Electron IPC wiring', () => {
  const mainFrame = { url: `${APP_ORIGIN}/index.html` };
  const handlers = Object.fromEntries(Object.keys(invokeContract).map((c) => [c, () => `ran ${c}`])) as unknown as HandlerMap;

  function wired() {
    const registered = new Map<string, (event: unknown, payload: unknown) => Promise<unknown>>();
    const ipcMain = {
      handle: (c: string, h: (event: unknown, payload: unknown) => Promise<unknown>) => registered.set(c, h),
      removeHandler: (c: string) => registered.delete(c),
    };
    const unwire = wireIpc(ipcMain as never, new IpcRouter(handlers, { trustedOrigins: [APP_ORIGIN] }));
    return { registered, unwire };
  }

  it('registers exactly the contract channels and removes them again', () => {
    const { registered, unwire } = wired();
    expect([...registered.keys()].sort()).toEqual(Object.keys(invokeContract).sort());
    unwire();
    expect(registered.size).toBe(0);
  });

  it('runs a call from the main frame and refuses one from a subframe or another page', async () => {
    const { registered } = wired();
    const handle = registered.get('wa:getStatus')!;
    expect(await handle({ senderFrame: mainFrame, sender: { mainFrame } }, undefined)).toEqual({
      ok: true,
      value: 'ran wa:getStatus',
    });
    const iframe = { url: `${APP_ORIGIN}/index.html` };
    expect(await handle({ senderFrame: iframe, sender: { mainFrame } }, undefined)).toMatchObject({
      ok: false,
      error: { code: 'forbidden' },
    });
    const foreign = { url: 'https://evil.example/' };
    expect(await handle({ senderFrame: foreign, sender: { mainFrame: foreign } }, undefined)).toMatchObject({
      ok: false,
      error: { code: 'forbidden' },
    });
    // A frame that has gone away (senderFrame null) is not trusted either.
    expect(senderOf({ senderFrame: null, sender: { mainFrame } } as never)).toEqual({ url: '', isMainFrame: false });
  });
});
