import type { AppInfo, LogoutOutcome, LogoutRequest } from '../../shared/contract/connection';
import type { CheckedBrowser } from '../../platform/browser-check';
import { AppFailure, errorMessage } from '../../shared/result';
import type { WaStatus } from '../../shared/status';
import type { Logger } from '../../platform/logger';
import type { SettingsStore } from '../../platform/settings-store';
import type { HandlerMap } from '../router';
import type { connectionInvokes } from '../../shared/contract/connection';

/** The slice of the WhatsApp session the connection screen drives. */
export interface ConnectionControl {
  getStatus(): WaStatus;
  connect(): Promise<void>;
  resetCache(): Promise<void>;
  /** Pauses a sending campaign first; with deleteData, also deletes the contacts and every campaign. */
  logout(request?: LogoutRequest): Promise<LogoutOutcome>;
  /** Present only with the simulated WhatsApp (demo mode). */
  simulateScan?: () => void;
}

export interface ConnectionHandlerDeps {
  info: AppInfo;
  connection: ConnectionControl;
  logger: Logger;
  settings: SettingsStore;
  /** Desktop app: the file dialog main opens to choose the browser (null when cancelled). Absent in the browser host. */
  pickBrowser: (() => Promise<string | null>) | null;
  /** Refuses (AppFailure) a program that is not Chrome, Edge or Chromium. */
  checkBrowser: (chosen: string) => Promise<CheckedBrowser>;
  /** Called after settings change (e.g. a new browser path applies on the next connect). */
  onSettingsChanged?: () => void;
}

/** The browser host has no dialog in main, and a path from the page is what this channel exists to avoid. */
export const BROWSER_HOST_BROWSER =
  'The browser host does not choose the browser from the page: start it with --browser <path> or set WA_BROWSER_PATH ' +
  '(without either it finds an installed Chrome, Edge or Chromium).';

export function createConnectionHandlers(deps: ConnectionHandlerDeps): Pick<HandlerMap, keyof typeof connectionInvokes> {
  return {
    'app:getInfo': () => deps.info,
    'wa:getStatus': () => deps.connection.getStatus(),
    'wa:connect': () => deps.connection.connect(),
    'wa:resetCache': () => deps.connection.resetCache(),
    'wa:logout': (request) => deps.connection.logout(request),
    'wa:simulateScan': () => {
      if (!deps.connection.simulateScan) {
        throw new AppFailure('bad_request', 'Simulate scan exists only in demo mode.');
      }
      deps.connection.simulateScan();
    },
    'log:getRecent': () => deps.logger.recent(),
    'settings:get': () => deps.settings.get(),
    'settings:update': async (change) => {
      const next = await deps.settings.update(change);
      deps.onSettingsChanged?.();
      return next;
    },
    'settings:chooseBrowser': async () => {
      if (!deps.pickBrowser) {
        deps.logger.warn('settings', `Refused settings:chooseBrowser: ${BROWSER_HOST_BROWSER}`);
        throw new AppFailure('forbidden', BROWSER_HOST_BROWSER);
      }
      const chosen = await deps.pickBrowser();
      if (chosen === null) return null;
      const checked = await deps.checkBrowser(chosen).catch((err: unknown) => {
        deps.logger.warn('settings', `Browser not changed: ${errorMessage(err)}`);
        throw err;
      });
      const settings = await deps.settings.setBrowserPath(checked.executablePath);
      deps.logger.info('settings', `Browser chosen: ${checked.executablePath} (${checked.version})`);
      deps.onSettingsChanged?.();
      return { settings, version: checked.version };
    },
    'settings:clearBrowser': async () => {
      const next = await deps.settings.setBrowserPath('');
      deps.onSettingsChanged?.();
      return next;
    },
  };
}
