/**
 * The composition root: builds every main-process service once and wires them to the IPC router and the notifier.
 * The Electron shell (src/main.ts) and the browser host (src/devhost/server.ts) both call this, so they run the
 * same app; only the transport and the native dialogs differ.
 */
import fs from 'node:fs/promises';
import { createConnectionHandlers } from '../ipc/handlers/connection';
import { createDiagnosticsHandlers } from '../ipc/handlers/diagnostics';
import { createFilesHandlers, type Dialogs } from '../ipc/handlers/files';
import { Notifier } from '../ipc/notifier';
import { IpcRouter, type HandlerMap } from '../ipc/router';
import { appPathsFor, type AppPaths } from '../platform/app-paths';
import { systemClock, type Clock } from '../platform/clock';
import { checkBrowser } from '../platform/browser-check';
import { currentOs, DIAGNOSTIC_LOG_LINES, diagnosticsText, installedVersion } from '../platform/diagnostics';
import { FileRegistry } from '../platform/file-registry';
import { lockFolder, type FolderLock } from '../platform/folder-lock';
import { assertNoRealSession } from '../platform/real-session-guard';
import { LogFile } from '../platform/log-file';
import { Logger } from '../platform/logger';
import { SettingsStore } from '../platform/settings-store';
import { setErrorReporter } from '../shared/events';
import { errorMessage } from '../shared/result';
import { SessionFiles } from '../whatsapp/session-files';
import { WhatsAppSession } from '../whatsapp/session';
import { createCampaignModule } from './campaign';
import { followImportedContacts } from '../campaign/contacts-source';
import { campaignActivity, type CampaignActivity } from './campaign-activity';
import { createContactsModule } from './contacts';
import { logoutWith } from './logout';
import { createDraftModule } from './draft';
import { createLimitsModule } from './limits';
import { createUpdatesModule, type UpdaterChoice } from './updates';
import type { DemoOptions } from './demo-options';
import { createWhatsAppPort } from './whatsapp';

export interface AppServicesOptions {
  userData: string;
  demo: boolean;
  host: 'electron' | 'browser-host';
  version: string;
  /** The system's preferred languages (the desktop app); absent in the browser host, whose page asks the browser. */
  systemLanguages?: readonly string[];
  /** Native dialogs (Electron); null in the browser host, which uploads and downloads instead. */
  dialogs: Dialogs | null;
  /** Origins of the app's own pages; the array may be filled in later (the browser host learns its port). */
  trustedOrigins: readonly string[];
  clock?: Clock;
  demoOptions?: DemoOptions;
  /**
   * The log file every line is also written to (redacted, rotated). The desktop app opens it before anything can
   * fail, to log a failed start; otherwise it is opened in `<data folder>/logs`.
   */
  logFile?: LogFile;
  /** Desktop app: opens a folder in the file manager (Electron's shell.openPath); absent in the browser host. */
  openFolder?: (folder: string) => Promise<void>;
  /** The desktop app's updater (src/electron/updater.ts) or why there is none; absent: no updates. */
  updater?: UpdaterChoice;
}

export interface AppServices {
  paths: AppPaths;
  logger: Logger;
  notifier: Notifier;
  files: FileRegistry;
  router: IpcRouter;
  whatsapp: WhatsAppSession;
  /**
   * The settings, for the host itself: the browser host sets the browser from its command line here
   * (settings.setBrowserPath), since no page may (settings:update refuses browserPath).
   */
  settings: SettingsStore;
  /** Which campaign is sending now, and each change (the desktop shell's close prompt, tray and notifications). */
  campaigns: CampaignActivity;
  /** Connects (restoring a saved session, or showing a QR). */
  start(): Promise<void>;
  /** Quit: keep the session (or log out when the operator chose so), stop work cleanly. */
  shutdown(): Promise<void>;
}

export async function createAppServices(options: AppServicesOptions): Promise<AppServices> {
  const clock = options.clock ?? systemClock;
  const paths = appPathsFor(options.userData);
  await fs.mkdir(paths.userData, { recursive: true, mode: 0o700 });
  // The demo's Log out deletes the session: never let it run where a real one lives.
  if (options.demo) await assertNoRealSession(paths, 'Start the demo without --data-dir, or with a folder of its own.');
  // One copy per data folder (a second app, browser host or `wa-bulk` on it would send twice): held until
  // shutdown; a second copy stops here with FolderLockedError naming the holder.
  const lock = await lockFolder(paths.userData, {
    command: `WA Bulk Sender (${options.host === 'electron' ? 'desktop app' : 'browser host'})`,
  });
  try {
    return await buildServices(options, clock, paths, lock);
  } catch (err) {
    await lock.release();
    throw err;
  }
}

async function buildServices(options: AppServicesOptions, clock: Clock, paths: AppPaths, lock: FolderLock): Promise<AppServices> {
  const logger = new Logger(clock);
  const notifier = new Notifier();
  logger.onLine((line) => notifier.emit('log:lines', line));
  const logFile = options.logFile ?? new LogFile(paths.logsDir);
  logger.onLine((line) => logFile.write(line));
  // Errors nobody else can handle (a listener that threw, a stored file found damaged) go to the log and its file.
  const restoreErrorReporter = setErrorReporter((err, context) => logger.error('app', `${context}: ${errorMessage(err)}`));

  const settings = new SettingsStore(paths.settingsFile, () => clock.now());
  const loaded = await settings.load();
  if (loaded.problem) logger.warn('settings', loaded.problem);

  const files = new FileRegistry();
  const sessionFiles = new SessionFiles(fs, clock, paths);
  const whatsapp = new WhatsAppSession({
    port: () => createWhatsAppPort({ demo: options.demo, paths, clock, settings, demoOptions: options.demoOptions }),
    sessionFiles,
    log: (level, source, message) => logger.log(level, source, message),
  });
  whatsapp.onStatus((status) => notifier.emit('wa:status', status));

  const contacts = await createContactsModule({ paths, logger, notifier, files, status: () => whatsapp.getStatus() });
  const campaigns = createCampaignModule({
    paths,
    // The port object is made here but starts no browser until connect().
    port: whatsapp.port,
    clock,
    optOut: contacts.optOut,
    files,
    currentContacts: followImportedContacts(contacts.contacts),
    notifier,
  });
  // Checks on start and every few hours; restarts into a downloaded update only when no campaign is sending.
  // One view of "which campaign is sending", for the updater (no restart mid-campaign) and the desktop shell.
  const activity = campaignActivity(campaigns.service);
  const updates = createUpdatesModule({
    choice: options.updater,
    demo: options.demo,
    host: options.host,
    clock,
    campaigns: activity,
    logger,
    notifier,
  });

  const handlers: HandlerMap = {
    ...createConnectionHandlers({
      info: {
        version: options.version,
        demo: options.demo,
        host: options.host,
        platform: process.platform,
        dataDir: paths.userData,
        systemLanguages: [...(options.systemLanguages ?? [])],
      },
      connection: {
        getStatus: () => whatsapp.getStatus(),
        connect: () => whatsapp.connect(),
        resetCache: () => whatsapp.resetCache(),
        logout: logoutWith({ whatsapp, campaigns: campaigns.forLogout, contacts: contacts.contacts, paths, clock, logger }),
        simulateScan: options.demo ? () => void simulateScan(whatsapp) : undefined,
      },
      logger,
      settings,
      pickBrowser: pickBrowserWith(options.dialogs),
      checkBrowser: (chosen) => checkBrowser(chosen),
    }),
    ...createFilesHandlers({ registry: files, dialogs: options.dialogs }),
    ...contacts.handlers,
    ...campaigns.handlers,
    ...createLimitsModule({ paths, service: campaigns.service, whatsapp, notifier, logger }).handlers,
    ...updates.handlers,
    ...createDraftModule({ paths, clock, files, status: () => whatsapp.getStatus(), warn: (m) => logger.warn('draft', m) }).handlers,
    ...createDiagnosticsHandlers({
      logs: { folder: logFile.dir, file: logFile.file },
      openFolder: options.openFolder ?? null,
      diagnostics: () =>
        diagnosticsText({
          appVersion: options.version,
          host: options.host,
          demo: options.demo,
          versions: process.versions,
          os: currentOs(),
          libraryVersion: installedVersion('whatsapp-web.js'),
          status: whatsapp.getStatus(),
          logProblem: logFile.problem,
          logLines: logFile.tail(DIAGNOSTIC_LOG_LINES),
        }),
      warn: (message) => logger.warn('app', message),
    }),
  };
  const router = new IpcRouter(handlers, {
    trustedOrigins: options.trustedOrigins,
    onInternalError: (channel, err) => logger.error('ipc', `${channel}: ${errorMessage(err)}`),
  });

  logger.info('app', `Started${options.demo ? ' in demo mode (simulated WhatsApp)' : ''}; data in ${paths.userData}`);
  return {
    paths,
    logger,
    notifier,
    files,
    router,
    settings,
    whatsapp,
    campaigns: activity,
    async start() {
      updates.start();
      // Earlier campaigns first, so History shows them and receipts for their messages find their rows.
      await campaigns.start().catch((err) => logger.error('campaign', `Could not load earlier campaigns: ${errorMessage(err)}`));
      await whatsapp.connect();
    },
    async shutdown() {
      updates.stop();
      // Pause what is sending (journalled) and let the message in flight finish before the browser closes.
      await campaigns.shutdown().catch((err) => logger.error('campaign', errorMessage(err)));
      try {
        await whatsapp.quit({ logoutOnExit: settings.get().logoutOnExit });
      } finally {
        // Only once nothing can send and the browser has let go of the session.
        await lock.release();
      }
      notifier.flush();
      restoreErrorReporter();
    },
  };
}

/** The browser dialog in main; none in the browser host, where the browser comes from its command line. */
function pickBrowserWith(dialogs: Dialogs | null): (() => Promise<string | null>) | null {
  return dialogs ? () => dialogs.pickBrowser() : null;
}

async function simulateScan(whatsapp: WhatsAppSession): Promise<void> {
  const port = whatsapp.port as { simulateScan?: () => Promise<void> };
  await port.simulateScan?.();
}
