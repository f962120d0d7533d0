/**
 * The draft feature for the composition root: the draft store in the state folder, and its IPC handlers (which
 * also tell the page how many messages the account has sent today, for the estimate before Start).
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import { FileDailySendCounter } from '../campaign/daily-counter';
import { createDraftHandlers } from '../ipc/handlers/draft';
import type { AppPaths } from '../platform/app-paths';
import type { Clock } from '../platform/clock';
import { DraftStore } from '../platform/draft-store';
import type { FileRegistry } from '../platform/file-registry';
import type { WaStatus } from '../shared/status';

export interface DraftModuleDeps {
  paths: Pick<AppPaths, 'stateDir'>;
  clock: Clock;
  files: FileRegistry;
  status: () => WaStatus;
  warn: (message: string) => void;
}

export function createDraftModule(deps: DraftModuleDeps) {
  const store = new DraftStore(fs, path.join(deps.paths.stateDir, 'draft.json'), () => deps.clock.now());
  return {
    store,
    handlers: createDraftHandlers({
      store,
      files: deps.files,
      sentToday: async () => {
        const status = deps.status();
        if (status.kind !== 'ready') return null;
        // The campaign service's counter folder (campaign-service.ts); read afresh, so its cache never goes stale here.
        return new FileDailySendCounter(path.join(deps.paths.stateDir, 'daily-sends'), deps.clock).countToday(status.account.number);
      },
      warn: deps.warn,
    }),
  };
}
