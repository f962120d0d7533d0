/**
 * Electron entry: single-instance lock, the hardened window, IPC wiring and lifecycle. Everything else lives in
 * plain-Node services (src/app/services.ts) that the browser host and the CLI share.
 */
import { app, BrowserWindow, dialog, ipcMain, Menu, nativeImage, Notification, protocol, net, screen, session, shell, Tray } from 'electron';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { demoDataDir, parseDemoOptions } from './app/demo-options';
import { inEnglish, MainLanguage, type MainTranslate } from './app/i18n/main-messages';
import { createAppServices, type AppServices } from './app/services';
import { DesktopShell } from './electron/desktop-shell';
import { electronDialogs } from './electron/dialogs';
import { handleCrashes } from './electron/crash';
import { wireIpc } from './electron/ipc-wiring';
import { describeError, failStart } from './electron/start-failure';
import { folderOpener } from './electron/open-folder';
import { systemLanguages } from './electron/system-languages';
import { electronUpdater } from './electron/updater';
import { APP_ORIGIN, APP_SCHEME, denyPermissions, hardenWebContents, secureWindowOptions } from './electron/window';
import { appPathsFor } from './platform/app-paths';
import { systemClock } from './platform/clock';
import { LogFile } from './platform/log-file';
import type { LogLine } from './shared/status';

// Every renderer sandboxed, whatever a window's options say; it must happen before ready.
app.enableSandbox();

const demo = process.argv.includes('--demo');
// The demo has a data folder of its own (<userData>/demo: session, campaigns, settings, logs, the window's storage),
// so it never writes into, and its Log out never deletes, the operator's real session. Set before the
// single-instance lock, which Electron keys on this folder.
if (demo) app.setPath('userData', demoDataDir(app.getPath('userData')));
// Open before anything can fail, so a failed start or a crash is written down (<userData>/logs/app.log).
const logFile = new LogFile(appPathsFor(app.getPath('userData')).logsDir);
let services: AppServices | null = null;
let mainWindow: BrowserWindow | null = null;
/** Menu, remembered window size, close question and tray, notifications (src/electron/desktop-shell.ts). */
let desktop: DesktopShell | null = null;
/** The language of main's dialogs, menu, tray and notifications: English until ready, then the system's, then Settings'. */
let language: MainLanguage | null = null;
const t: MainTranslate = (key, values) => (language ? language.t(key, values) : inEnglish(key, values));

try {
  start();
} catch (err) {
  void failStart(err, startFailureDeps());
}

function start(): void {
  // A second copy would fight over the same browser profile (the WhatsApp session): focus the first instead.
  if (!app.requestSingleInstanceLock()) {
    app.quit();
    return;
  }
  protocol.registerSchemesAsPrivileged([{ scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } }]);
  // Also brings the window back from the tray.
  app.on('second-instance', () => desktop?.showWindow());
  handleCrashes({
    app,
    dialog,
    process,
    log: (level, message) => writeLog(level, message),
    logFile: logFile.file,
    shutdown: () => services?.shutdown() ?? Promise.resolve(),
    t,
  });
  // A failed start (the data folder in use by another copy, say) is shown with its cause and the log file, then
  // the app exits and lets go of the single-instance lock.
  app
    .whenReady()
    .then(boot)
    .catch((err) => failStart(err, startFailureDeps()));
}

function startFailureDeps() {
  return {
    app,
    dialog,
    log: (message: string) => writeLog('error', message),
    logFile: logFile.file,
    // Built services hold the data folder's lock: stop them so the next start can take it.
    cleanup: () => services?.shutdown() ?? Promise.resolve(),
    t,
  };
}

/** Through the logger (file and window) once the services run; straight to the file before. */
function writeLog(level: LogLine['level'], message: string): void {
  if (services) services.logger.log(level, 'app', message);
  else logFile.write({ at: Date.now(), level, source: 'app', message });
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

  const system = systemLanguages(app);
  language = new MainLanguage(system);
  services = await createAppServices({
    userData: app.getPath('userData'),
    demo,
    host: 'electron',
    version: app.getVersion(),
    systemLanguages: system,
    dialogs: electronDialogs(dialog, () => mainWindow, process.platform, t),
    trustedOrigins: [APP_ORIGIN],
    demoOptions: demo ? parseDemoOptions(process.argv) : undefined,
    logFile,
    openFolder: folderOpener(shell),
    // The demo never updates itself (and does not load electron-updater).
    updater: demo ? undefined : electronUpdater(app),
  });
  wireIpc(ipcMain, services.router);
  const chosen = language;
  chosen.choose(services.settings.get().language);
  services.settings.onChange((settings) => chosen.choose(settings.language));
  desktop = await DesktopShell.create({ app, Menu, Tray, Notification, nativeImage, screen, dialog }, services, {
    clock: systemClock,
    openWindow: () => services && createWindow(services),
    appId: 'org.wabulk.sender',
    language: chosen,
    openLogsFolder: () =>
      void folderOpener(shell)(logFile.dir).catch((err: unknown) => writeLog('warn', `Could not open the logs folder: ${String(err)}`)),
  });
  createWindow(services);
  void services.start();

  // macOS: the Dock icon shows the window (hidden in the menu bar while sending) or opens a new one.
  app.on('activate', () => desktop?.showWindow());
}

function createWindow(s: AppServices): void {
  const options = secureWindowOptions(path.join(__dirname, '..', 'preload', 'preload.js'));
  const win = new BrowserWindow(desktop?.windowOptions(options) ?? options);
  mainWindow = win;
  desktop?.attach(win);
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
    .catch((err: unknown) => writeLog('error', `Shutdown failed: ${describeError(err)}`))
    // Now quit for real (this handler lets it through): unlike app.exit, quitting runs Electron's quit event, where
    // electron-updater installs an update downloaded meanwhile.
    .finally(() => app.quit());
});
