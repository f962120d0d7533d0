import type { UpdateStatus, updatesInvokes } from '../../shared/contract/updates';
import type { HandlerMap } from '../router';

/** The update service as the renderer drives it (src/platform/update-service.ts). */
export interface UpdatesControl {
  status(): UpdateStatus;
  check(): Promise<UpdateStatus>;
  /** Throws AppFailure('conflict') when nothing is downloaded yet. */
  restart(): UpdateStatus;
  cancelRestart(): UpdateStatus;
}

export function createUpdatesHandlers(updates: UpdatesControl): Pick<HandlerMap, keyof typeof updatesInvokes> {
  return {
    'updates:getStatus': () => updates.status(),
    'updates:check': () => updates.check(),
    'updates:restart': () => updates.restart(),
    'updates:cancelRestart': () => updates.cancelRestart(),
  };
}
