/**
 * The campaign feature for the app: the service over the app's folders and WhatsApp port, its pushes wired to the
 * notifier (which coalesces them), and the IPC handlers. Called by the composition root (services.ts).
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import { DataDeleter } from '../platform/delete-local-data';
import { reportError } from '../shared/events';
import type { AppPaths } from '../platform/app-paths';
import type { Clock } from '../platform/clock';
import type { EmitValue } from '../ipc/notifier';
import { createCampaignHandlers, type ImportedContacts } from '../ipc/handlers/campaign';
import { createCampaignActionHandlers } from '../ipc/handlers/campaign-actions';
import { CampaignScheduler } from '../campaign/schedule';
import { createCampaignDeleteHandlers } from '../ipc/handlers/campaign-delete';
import type { WhatsAppPort } from '../whatsapp/port';
import { CampaignService } from '../campaign/campaign-service';
import type { OptOutCheck } from '../campaign/contact-record';
import { TemplateStore } from '../campaign/template-store';
import type { ReplyOptOut } from '../campaign/replies';
import { createRepliesModule } from './replies';
import type { LogoutDeps } from './logout';
import type { ReplyStore } from '../campaign/replies-store';

export interface CampaignModuleDeps {
  paths: Pick<AppPaths, 'campaignsDir' | 'stateDir'>;
  port: WhatsAppPort;
  clock: Clock;
  /** The do-not-message list: checked before each send, and added to by opt-out replies. */
  optOut: OptOutCheck & ReplyOptOut;
  files: { resolve(id: string): { path: string; name: string } };
  currentContacts: () => ImportedContacts | null;
  notifier: {
    emit<K extends 'campaign:progress' | 'campaign:contacts' | 'campaign:log' | 'replies:new'>(channel: K, value: EmitValue<K>): void;
  };
}

export function createCampaignModule(deps: CampaignModuleDeps) {
  const service = new CampaignService({
    campaignsDir: deps.paths.campaignsDir,
    stateDir: deps.paths.stateDir,
    port: deps.port,
    clock: deps.clock,
    optOut: deps.optOut,
  });
  service.progress.on((summary) => deps.notifier.emit('campaign:progress', summary));
  service.contactUpdates.on((update) => deps.notifier.emit('campaign:contacts', update));
  service.log.on((line) => deps.notifier.emit('campaign:log', line));
  // Replies to any campaign (running or finished) are journalled on their contacts; a STOP opts the number out.
  const replies = createRepliesModule({
    stateDir: deps.paths.stateDir,
    port: deps.port,
    clock: deps.clock,
    service,
    optOut: deps.optOut,
    notifier: deps.notifier,
    log: (level, message, campaignId) => campaignId && service.log.emit({ campaignId, at: deps.clock.now(), level, message }),
  });
  const templates = new TemplateStore(path.join(deps.paths.stateDir, 'templates.json'), deps.clock);
  // Scheduled starts wait on the injected clock; the times live in the campaign files (campaign/schedule.ts).
  const scheduler = new CampaignScheduler(service, deps.clock);
  const handlers = {
    ...createCampaignHandlers({ service, templates, files: deps.files, currentContacts: deps.currentContacts, scheduler }),
    ...createCampaignDeleteHandlers(service),
    ...replies.handlers,
    ...createCampaignActionHandlers({
      service,
      port: deps.port,
      clock: deps.clock,
      files: deps.files,
      currentContacts: deps.currentContacts,
      scheduler,
    }),
  };
  return {
    service,
    handlers,
    /** The campaigns as log out sees them: with "delete data", who replied (replies.json) is forgotten with them. */
    forLogout: campaignsForLogout(service, replies.store),
    /** Loads earlier campaigns so History shows them and receipts for their messages land. */
    start: async () => {
      await finishPendingDelete(deps);
      await replies.start();
      const campaigns = await service.loadAll();
      await scheduler.start();
      return campaigns;
    },
    /** On quit: stop taking replies, pause what runs (journalled), wait for the message in flight, close the journals. */
    shutdown: async () => {
      await replies.shutdown();
      scheduler.close();
      return service.close();
    },
  };
}

/** A deletion an earlier run could not finish (log out with delete, History's Delete: a file was held) goes first. */
async function finishPendingDelete(deps: Pick<CampaignModuleDeps, 'paths' | 'clock'>): Promise<void> {
  const pending = await new DataDeleter(fs, deps.clock, { root: path.dirname(deps.paths.campaignsDir) }).honourPending();
  if (pending && !pending.deleted) reportError(new Error(pending.message), 'Deleting data left from an earlier run');
}

function campaignsForLogout(service: CampaignService, replies: Pick<ReplyStore, 'clear'>): LogoutDeps['campaigns'] {
  return {
    get activeId() {
      return service.activeId;
    },
    progress: service.progress,
    pause: (id, reason) => service.pause(id, reason),
    forgetAll: async (reason) => {
      await service.forgetAll(reason);
      await replies.clear();
    },
  };
}
