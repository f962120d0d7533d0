/**
 * The update feature for the composition root: the update service over the updater the host passes in (only the
 * installed desktop app has one), its status pushed to the renderer, and its IPC handlers.
 */
import type { Clock } from '../platform/clock';
import type { Logger } from '../platform/logger';
import { UpdateService, type CampaignWatch, type UpdaterPort } from '../platform/update-service';
import { createUpdatesHandlers } from '../ipc/handlers/updates';
import type { UpdateStatus } from '../shared/contract/updates';

/** What the host says about updates: an updater, or why there is none. */
export type UpdaterChoice = { updater: UpdaterPort } | { off: string };

export interface UpdatesModuleDeps {
  choice: UpdaterChoice | undefined;
  demo: boolean;
  host: 'electron' | 'browser-host';
  clock: Clock;
  campaigns: CampaignWatch;
  logger: Pick<Logger, 'log'>;
  notifier: { emit(channel: 'updates:status', value: UpdateStatus): void };
  intervalMs?: number;
}

export const DEMO_NO_UPDATES = 'Demo mode does not check for updates.';
export const HOST_NO_UPDATES = 'The browser host does not update itself: update this copy from its source folder (git pull, then npm ci).';

export function createUpdatesModule(deps: UpdatesModuleDeps) {
  const choice = deps.choice ?? { off: 'This copy of the app does not update itself.' };
  let off: string | null = 'off' in choice ? choice.off : null;
  if (deps.host === 'browser-host') off = HOST_NO_UPDATES;
  if (deps.demo) off = DEMO_NO_UPDATES;
  const service = new UpdateService({
    updater: off === null && 'updater' in choice ? choice.updater : null,
    offReason: off ?? '',
    clock: deps.clock,
    campaigns: deps.campaigns,
    log: (level, message) => deps.logger.log(level, 'update', message),
    intervalMs: deps.intervalMs,
  });
  service.changes.on((status) => deps.notifier.emit('updates:status', status));
  return {
    service,
    handlers: createUpdatesHandlers(service),
    /** First check now, then every few hours. */
    start: () => service.start(),
    stop: () => service.stop(),
  };
}
