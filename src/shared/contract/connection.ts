import { z } from 'zod';
import type { Result } from '../result';
import { LANGUAGE_CHOICES } from '../languages';
import type { LogLine, WaStatus } from '../status';
import { event, invoke } from './define';

/** The settings as stored (settings.json) and as the page reads them. */
export const Settings = z.object({
  /**
   * Chrome/Edge/Chromium executable; empty means "find one". Set only by main: from its own file dialog after the
   * program answered `--version` as one of those browsers (settings:chooseBrowser), never from the page.
   */
  browserPath: z.string().max(4096),
  /** Log out (unlink and wipe) when the app quits instead of keeping the session. */
  logoutOnExit: z.boolean(),
  /** The app's language (src/shared/languages.ts); 'system': the system's (the browser's in the browser host). */
  language: z.enum(LANGUAGE_CHOICES),
});
export type Settings = z.infer<typeof Settings>;

/** Why the page may not name the browser: a program path from the renderer would make a renderer bug run programs. */
export const BROWSER_PATH_REFUSED =
  'browserPath cannot be set from the page: choose the browser with "Choose…" in Settings (settings:chooseBrowser), which opens a file dialog in the app and checks the program';

/** What settings:update may change: everything but the browser. */
export const SettingsChange = z.strictObject(
  { logoutOnExit: z.boolean().optional(), language: z.enum(LANGUAGE_CHOICES).optional() },
  {
    error: (issue) => (issue.code === 'unrecognized_keys' && issue.keys.includes('browserPath') ? BROWSER_PATH_REFUSED : undefined),
  },
);
export type SettingsChange = z.infer<typeof SettingsChange>;

/** A browser chosen and checked in main. */
export interface BrowserChoice {
  /** All settings, with the new browserPath. */
  settings: Settings;
  /** What the browser said it is, e.g. "Chromium 156.0.8078.108 built on Debian GNU/Linux 12 (bookworm)". */
  version: string;
}

export interface AppInfo {
  version: string;
  /** Running against the simulated WhatsApp. */
  demo: boolean;
  /** 'electron' or 'browser-host'. */
  host: 'electron' | 'browser-host';
  platform: string;
  /** Where the session and app data live, shown so the operator knows what log out wipes. */
  dataDir: string;
  /**
   * The system's preferred languages, most preferred first (Electron: app.getPreferredSystemLanguages(), else
   * app.getLocale()); empty in the browser host, where the page uses the browser's (navigator.languages).
   */
  systemLanguages: string[];
}

/** What a log out achieved: the files are gone, or a wipe is pending because something still held them. */
export interface LogoutOutcome {
  wiped: boolean;
  pendingWipe: boolean;
  message: string;
  /** Present when the operator asked to delete the contacts and campaign history too. */
  dataDeleted?: { deleted: boolean; pending: boolean; message: string };
}

/** wa:logout's options; absent: log out only. */
export const LogoutRequest = z
  .strictObject({
    /** Also delete the imported contacts, every campaign (journals, contacts snapshots, attachment copies) and the scratch folder (uploads, exports). */
    deleteData: z.boolean(),
  })
  .optional();
export type LogoutRequest = z.infer<typeof LogoutRequest>;

export const NoArgs = z.undefined();

export const connectionInvokes = {
  'app:getInfo': invoke<AppInfo>()(NoArgs, 'Version, demo flag and data folder.'),
  'wa:getStatus': invoke<WaStatus>()(NoArgs, 'The current connection status (pushes follow on wa:status).'),
  'wa:connect': invoke<void>()(NoArgs, 'Start the client (or restart it after an error); progress arrives as status.'),
  'wa:resetCache': invoke<void>()(NoArgs, "Close the client, delete the browser's cached copy of WhatsApp Web (the login is kept), start again."),
  'wa:logout': invoke<LogoutOutcome>()(
    LogoutRequest,
    'Unlink this computer from the phone and delete every session file; resolves once the files are gone (or a pending wipe is recorded). ' +
      'A campaign that is sending is paused first; with deleteData it is stopped, and the contacts and every campaign are deleted too (settings, the opt-out list and saved templates stay).',
  ),
  'wa:simulateScan': invoke<void>()(NoArgs, 'Demo mode only: act as if the phone scanned the QR code.'),
  'log:getRecent': invoke<LogLine[]>()(NoArgs, 'The log lines kept in memory, oldest first.'),
  'settings:get': invoke<Settings>()(NoArgs, 'The operator settings.'),
  'settings:update': invoke<Settings>()(SettingsChange, 'Change some settings (never the browser: see settings:chooseBrowser); returns all of them.'),
  'settings:chooseBrowser': invoke<BrowserChoice | null>()(
    NoArgs,
    'Desktop app: choose Chrome, Edge or Chromium in a file dialog opened by main; the program is checked (it must ' +
      'answer --version as one of them) and saved. null when cancelled. The browser host refuses: there the browser ' +
      'comes from its command line (--browser) or WA_BROWSER_PATH.',
  ),
  'settings:clearBrowser': invoke<Settings>()(NoArgs, 'Forget the chosen browser and find one automatically again.'),
} as const;

export const connectionEvents = {
  'wa:status': event<WaStatus>()('latest', 'Connection status changed.'),
  'log:lines': event<LogLine[]>()('batch', 'New log lines, oldest first.'),
} as const;

export interface ConnectionApi {
  getAppInfo(): Promise<Result<AppInfo>>;
  getStatus(): Promise<Result<WaStatus>>;
  connect(): Promise<Result<void>>;
  resetCache(): Promise<Result<void>>;
  logout(request?: LogoutRequest): Promise<Result<LogoutOutcome>>;
  simulateScan(): Promise<Result<void>>;
  getRecentLog(): Promise<Result<LogLine[]>>;
  getSettings(): Promise<Result<Settings>>;
  updateSettings(change: SettingsChange): Promise<Result<Settings>>;
  /** Opens the browser dialog in main (desktop app); null when cancelled. */
  chooseBrowser(): Promise<Result<BrowserChoice | null>>;
  clearBrowser(): Promise<Result<Settings>>;
  onStatus(listener: (status: WaStatus) => void): () => void;
  onLogLines(listener: (lines: LogLine[]) => void): () => void;
}
