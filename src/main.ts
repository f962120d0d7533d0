/**
 * Electron entry: single-instance lock, the hardened window, IPC wiring and lifecycle. Everything else lives in
 * plain-Node services (src/app/services.ts) that the browser host and the CLI share.
 */
import { app, BrowserWindow, dialog, ipcMain, protocol, net, session } from 'electron';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseDemoOptions } from './app/demo-options';
import { createAppServices, type AppServices } from './app/services';
import { electronDialogs } from './electron/dialogs';
import { wireIpc } from './electron/ipc-wiring';
import { APP_ORIGIN, APP_SCHEME, denyPermissions, hardenWebContents, secureWindowOptions } from './electron/window';
import { errorMessage } from './shared/result';

// Every renderer sandboxed, whatever a window's options say; it must happen before ready.
app.enableSandbox();

const demo = process.argv.includes('--demo');
let services: AppServices | null = null;
let mainWindow: BrowserWindow | null = null;

// A second copy would fight over the same browser profile (the WhatsApp session): focus the first instead.
if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  protocol.registerSchemesAsPrivileged([
    { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } },
  ]);
  app.on('second-instance', () => {
    if (mainWindow) {
      if (mainWindow.isMinimized()) mainWindow.restore();
      mainWindow.focus();
    }
  });
  process.on('unhandledRejection', (reason) => services?.logger.error('app', `Unhandled: ${errorMessage(reason)}`));
  // A failed start (the data folder in use by another copy, say) is shown, not left as an unhandled rejection.
  app
    .whenReady()
    .then(boot)
    .catch((err) => {
      dialog.showErrorBox('WA Bulk Sender could not start', errorMessage(err));
      app.exit(1);
    });
}

async function boot(): Promise<void> {
  // Before any page loads: the default session (the window's) grants nothing.
  denyPermissions(session.defaultSession);
  const rendererDir = path.join(__dirname, '..', 'renderer');
  protocol.handle(APP_SCHEME, (request) => {
    const url = new URL(request.url);
    const file = path.resolve(rendererDir, decodeURIComponent(url.pathname).replace(/^\/+/, '') || 'index.html');
    if (!file.startsWith(rendererDir + path.sep)) return new Response('Forbidden', { status: 403 });
    return net.fetch(pathToFileURL(file).toString());
  });

  services = await createAppServices({
    userData: app.getPath('userData'),
    demo,
    host: 'electron',
    version: app.getVersion(),
    dialogs: electronDialogs(dialog, () => mainWindow),
    trustedOrigins: [APP_ORIGIN],
    demoOptions: demo ? parseDemoOptions(process.argv) : undefined,
  });
  wireIpc(ipcMain, services.router);
  createWindow(services);
  void services.start();

  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0 && services) createWindow(services);
  });
}

function createWindow(s: AppServices): void {
  const win = new BrowserWindow(secureWindowOptions(path.join(__dirname, '..', 'preload', 'preload.js')));
  mainWindow = win;
  hardenWebContents(win.webContents);
  const removeSink = s.notifier.addSink({ send: (channel, payload) => win.webContents.send(channel, payload) });
  win.on('closed', () => {
    removeSink();
    if (mainWindow === win) mainWindow = null;
  });
  win.once('ready-to-show', () => win.show());
  void win.loadURL(`${APP_ORIGIN}/index.html`);
}

app.on('window-all-closed', () => {
  if (process.platform !== 'darwin') app.quit();
});

// Quit keeps the session (destroy) unless the operator chose "log out on exit"; wait for it before exiting so
// pending sends and the browser close cleanly (whatsapp-web.js #1529).
let quitting = false;
app.on('before-quit', (event) => {
  if (quitting || !services) return;
  quitting = true;
  event.preventDefault();
  services
    .shutdown()
    .catch((err) => console.error('shutdown failed', err))
    .finally(() => app.exit(0));
});
