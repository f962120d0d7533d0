/**
 * The account limits for the app: the settings file (warm-up, the first-contact guard's threshold, the meter's
 * warning), the IPC handlers, and a `limits:changed` push whenever they move (a refusal, a pause, a send, a setting).
 */
import path from 'node:path';
import type { CampaignService } from '../campaign/campaign-service';
import { LimitsStore } from '../campaign/limits-store';
import { jsonFile } from '../contacts/json-file';
import { createLimitsHandlers } from '../ipc/handlers/limits';
import type { AppPaths } from '../platform/app-paths';
import type { LimitsStatus } from '../shared/contract/limits';
import { reportError } from '../shared/events';
import { AppFailure, errorMessage } from '../shared/result';
import type { WaStatus } from '../shared/status';

export interface LimitsModuleDeps {
  paths: Pick<AppPaths, 'stateDir'>;
  service: Pick<CampaignService, 'limits' | 'progress'>;
  whatsapp: { getStatus(): WaStatus; onStatus(listener: (status: WaStatus) => void): unknown };
  notifier: { emit(channel: 'limits:changed', value: LimitsStatus): void };
  logger: { warn(source: string, message: string): void };
}

export function createLimitsModule(deps: LimitsModuleDeps) {
  const store = new LimitsStore(jsonFile(path.join(deps.paths.stateDir, 'limits.json')), (err, context) =>
    deps.logger.warn('limits', `${context}: ${errorMessage(err)}`),
  );
  const loaded = store.load();
  const limits = deps.service.limits;
  limits.settingsSource = () => store.get();
  // The account these figures are about: the connected one, or the last one seen (the meter stays readable offline).
  let account: string | null = null;
  const current = (): string | null => {
    const status = deps.whatsapp.getStatus();
    if (status.kind === 'ready') account = status.account.number;
    return account;
  };
  const status = async () => {
    await loaded;
    return limits.status(current());
  };
  const push = () =>
    void status().then(
      (s) => deps.notifier.emit('limits:changed', s),
      (err: unknown) => reportError(err, 'The account limits could not be read'),
    );
  limits.changes.on(push);
  deps.service.progress.on(push);
  deps.whatsapp.onStatus((s) => s.kind === 'ready' && push());
  return {
    handlers: createLimitsHandlers({
      status,
      save: async (settings) => {
        await loaded;
        await store.save(settings);
        push();
      },
      resumeNewContacts: async () => {
        const who = current();
        if (!who)
          throw new AppFailure('not_ready', 'Connect WhatsApp first: the pause of new contacts belongs to the account.', {
            key: 'errors.connectForLimits',
          });
        await limits.resumeNewContacts(who);
      },
    }),
  };
}
