import type { AppInfo, LogoutOutcome } from '../../shared/contract/connection';
import { AppFailure } from '../../shared/result';
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
  logout(): Promise<LogoutOutcome>;
  /** Present only with the simulated WhatsApp (demo mode). */
  simulateScan?: () => void;
}

export interface ConnectionHandlerDeps {
  info: AppInfo;
  connection: ConnectionControl;
  logger: Logger;
  settings: SettingsStore;
  /** Called after settings change (e.g. a new browser path applies on the next connect). */
  onSettingsChanged?: () => void;
}

export function createConnectionHandlers(
  deps: ConnectionHandlerDeps,
): Pick<HandlerMap, keyof typeof connectionInvokes> {
  return {
    'app:getInfo': () => deps.info,
    'wa:getStatus': () => deps.connection.getStatus(),
    'wa:connect': () => deps.connection.connect(),
    'wa:resetCache': () => deps.connection.resetCache(),
    'wa:logout': () => deps.connection.logout(),
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
  };
}
