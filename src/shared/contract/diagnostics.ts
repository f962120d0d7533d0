import type { Result } from '../result';
import { invoke } from './define';
import { NoArgs } from './connection';

/** Where the log files are (shown in Settings; the browser host cannot open a folder, so it shows this path). */
export interface LogsInfo {
  /** The folder with app.log and its rotated copies. */
  folder: string;
  /** The current log file. */
  file: string;
  /** True in the desktop app, which opens the folder in the file manager. */
  canOpenFolder: boolean;
}

export const diagnosticsInvokes = {
  'logs:getInfo': invoke<LogsInfo>()(NoArgs, 'Where the log files are, and whether the app can open that folder.'),
  'logs:openFolder': invoke<void>()(
    NoArgs,
    'Desktop app: open the logs folder in the file manager. The browser host refuses (a web page cannot open folders; Settings shows the path).',
  ),
  'diagnostics:get': invoke<string>()(
    NoArgs,
    'A text for a support request, built in main: app, OS, Electron, Chromium, Node and whatsapp-web.js versions, the ' +
      'connection status and the last log lines, redacted (no message texts, QR codes or whole phone numbers).',
  ),
} as const;

export const diagnosticsEvents = {} as const;

export interface DiagnosticsApi {
  getLogsInfo(): Promise<Result<LogsInfo>>;
  openLogsFolder(): Promise<Result<void>>;
  /** The diagnostics text; the renderer copies it to the clipboard. */
  getDiagnostics(): Promise<Result<string>>;
}
