import type { BrowserWindow, BrowserWindowConstructorOptions, WebContents } from 'electron';

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

/** No new windows, no navigation away from the app, no permission prompts (camera, notifications...). */
export function hardenWebContents(contents: Pick<WebContents, 'setWindowOpenHandler' | 'on' | 'session'>): void {
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
  contents.on('will-navigate', (event, url) => {
    if (!url.startsWith(`${APP_ORIGIN}/`)) event.preventDefault();
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.session.setPermissionRequestHandler((_wc, _permission, callback) => callback(false));
}

export type AppWindow = Pick<BrowserWindow, 'webContents' | 'on' | 'once' | 'show' | 'loadURL' | 'isDestroyed'>;
