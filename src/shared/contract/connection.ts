import { z } from 'zod';
import type { Result } from '../result';
import type { LogLine, WaStatus } from '../status';
import { event, invoke } from './define';

export const Settings = z.object({
  /** Chrome/Edge/Chromium executable chosen by the operator; empty means "find one". */
  browserPath: z.string().max(4096),
  /** Log out (unlink and wipe) when the app quits instead of keeping the session. */
  logoutOnExit: z.boolean(),
});
export type Settings = z.infer<typeof Settings>;

export interface AppInfo {
  version: string;
  /** Running against the simulated WhatsApp. */
  demo: boolean;
  /** 'electron' or 'browser-host'. */
  host: 'electron' | 'browser-host';
  platform: string;
  /** Where the session and app data live, shown so the operator knows what log out wipes. */
  dataDir: string;
}

/** What a log out achieved: the files are gone, or a wipe is pending because something still held them. */
export interface LogoutOutcome {
  wiped: boolean;
  pendingWipe: boolean;
  message: string;
}

export const NoArgs = z.undefined();

export const connectionInvokes = {
  'app:getInfo': invoke<AppInfo>()(NoArgs, 'Version, demo flag and data folder.'),
  'wa:getStatus': invoke<WaStatus>()(NoArgs, 'The current connection status (pushes follow on wa:status).'),
  'wa:connect': invoke<void>()(NoArgs, 'Start the client (or restart it after an error); progress arrives as status.'),
  'wa:resetCache': invoke<void>()(NoArgs, "Close the client, delete the browser's cached copy of WhatsApp Web (the login is kept), start again."),
  'wa:logout': invoke<LogoutOutcome>()(
    NoArgs,
    'Unlink this computer from the phone and delete every session file; resolves once the files are gone (or a pending wipe is recorded).',
  ),
  'wa:simulateScan': invoke<void>()(NoArgs, 'Demo mode only: act as if the phone scanned the QR code.'),
  'log:getRecent': invoke<LogLine[]>()(NoArgs, 'The log lines kept in memory, oldest first.'),
  'settings:get': invoke<Settings>()(NoArgs, 'The operator settings.'),
  'settings:update': invoke<Settings>()(Settings.partial().strict(), 'Change some settings; returns all of them.'),
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
  logout(): Promise<Result<LogoutOutcome>>;
  simulateScan(): Promise<Result<void>>;
  getRecentLog(): Promise<Result<LogLine[]>>;
  getSettings(): Promise<Result<Settings>>;
  updateSettings(change: Partial<Settings>): Promise<Result<Settings>>;
  onStatus(listener: (status: WaStatus) => void): () => void;
  onLogLines(listener: (lines: LogLine[]) => void): () => void;
}
