import type { diagnosticsInvokes } from '../../shared/contract/diagnostics';
import { AppFailure, errorMessage } from '../../shared/result';
import type { HandlerMap } from '../router';

export interface DiagnosticsHandlerDeps {
  /** The log folder and file. */
  logs: { folder: string; file: string };
  /** Desktop app: opens a folder in the file manager (Electron's shell.openPath). Absent in the browser host. */
  openFolder: ((folder: string) => Promise<void>) | null;
  /** The diagnostics text (versions, status, last log lines), redacted. */
  diagnostics: () => string;
  warn: (message: string) => void;
}

export const BROWSER_HOST_FOLDER = 'The browser host cannot open folders from the page: open the logs folder shown in Settings yourself.';

export function createDiagnosticsHandlers(deps: DiagnosticsHandlerDeps): Pick<HandlerMap, keyof typeof diagnosticsInvokes> {
  return {
    'logs:getInfo': () => ({ ...deps.logs, canOpenFolder: deps.openFolder !== null }),
    'logs:openFolder': async () => {
      if (!deps.openFolder) throw new AppFailure('forbidden', BROWSER_HOST_FOLDER);
      await deps.openFolder(deps.logs.folder).catch((err: unknown) => {
        deps.warn(`Could not open the logs folder: ${errorMessage(err)}`);
        throw new AppFailure('io', `Could not open ${deps.logs.folder}: ${errorMessage(err)}`);
      });
    },
    'diagnostics:get': () => deps.diagnostics(),
  };
}
