import type { BrowserWindow, BrowserWindowConstructorOptions, Session, WebContents } from 'electron';

/** The app's pages are served from this origin (a privileged custom scheme), never from file://. */
export const APP_SCHEME = 'app';
export const APP_ORIGIN = `${APP_SCHEME}://renderer`;

export function secureWindowOptions(preloadPath: string): BrowserWindowConstructorOptions {
  return {
    width: 1200,
    height: 820,
    minWidth: 900,
    minHeight: 600,
    show: false,
    title: 'WA Bulk Sender',
    webPreferences: {
      preload: preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      spellcheck: true,
    },
  };
}

/** The parts of a session whose permission answers the app sets. */
export type PermissionSession = Pick<Session, 'setPermissionRequestHandler' | 'setPermissionCheckHandler' | 'setDevicePermissionHandler'>;

/**
 * The one exception below: the app's own page (its main frame) may write text to the clipboard, which is how
 * Settings → Copy diagnostics copies (navigator.clipboard.writeText asks for this; reading stays refused).
 */
export const CLIPBOARD_WRITE = 'clipboard-sanitized-write';

function fromOwnMainFrame(url: string | undefined, isMainFrame: boolean | undefined): boolean {
  return isMainFrame === true && !!url && (url === APP_ORIGIN || url.startsWith(`${APP_ORIGIN}/`));
}

/**
 * Apart from writing to the clipboard (above), the app needs no permission: prompts (camera, notifications...) are
 * refused, checks (what a page reads through navigator.permissions, reading the clipboard, ...) answer no, and no
 * USB, HID or serial device is ever granted.
 * Electron's checklist: https://www.electronjs.org/docs/latest/tutorial/security#5-handle-session-permission-requests-from-remote-content
 */
export function denyPermissions(session: PermissionSession): void {
  session.setPermissionRequestHandler((_wc, permission, callback, details) =>
    callback(permission === CLIPBOARD_WRITE && fromOwnMainFrame(details?.requestingUrl, details?.isMainFrame)),
  );
  session.setPermissionCheckHandler(
    (_wc, permission, origin, details) => permission === CLIPBOARD_WRITE && fromOwnMainFrame(details?.requestingUrl ?? origin, details?.isMainFrame),
  );
  session.setDevicePermissionHandler(() => false);
}

/** No new windows, no navigation away from the app, no permissions. */
export function hardenWebContents(contents: Pick<WebContents, 'setWindowOpenHandler' | 'on'> & { session: PermissionSession }): void {
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
  contents.on('will-navigate', (event, url) => {
    if (!url.startsWith(`${APP_ORIGIN}/`)) event.preventDefault();
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
  denyPermissions(contents.session);
}

export type AppWindow = Pick<BrowserWindow, 'webContents' | 'on' | 'once' | 'show' | 'loadURL' | 'isDestroyed'>;
