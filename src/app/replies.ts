/**
 * Replies for the app: the reply tracker over the WhatsApp port and the campaigns, the opt-out list it adds to, its
 * stores in the state folder, the `replies:new` push and the replies:* handlers. Built by the campaign module.
 */
import path from 'node:path';
import { jsonFile } from '../contacts/json-file';
import type { Clock } from '../platform/clock';
import type { EmitValue } from '../ipc/notifier';
import { createRepliesHandlers } from '../ipc/handlers/replies';
import type { CampaignService } from '../campaign/campaign-service';
import { linkLidChats, ReplyTracker, type ReplyOptOut } from '../campaign/replies';
import { campaignReplies } from '../campaign/replies-book';
import { ReplySettingsStore } from '../campaign/replies-settings';
import { ReplyStore } from '../campaign/replies-store';
import type { WhatsAppPort } from '../whatsapp/port';

export interface RepliesModuleDeps {
  stateDir: string;
  port: Pick<WhatsAppPort, 'onMessage' | 'sendText'>;
  clock: Clock;
  service: CampaignService;
  optOut: ReplyOptOut;
  notifier: { emit<K extends 'replies:new'>(channel: K, value: EmitValue<K>): void };
  log: (level: 'info' | 'warn', message: string, campaignId: string | null) => void;
}

export function createRepliesModule(deps: RepliesModuleDeps) {
  const store = new ReplyStore(jsonFile(path.join(deps.stateDir, 'replies.json')));
  const settings = new ReplySettingsStore(jsonFile(path.join(deps.stateDir, 'reply-settings.json')));
  const loaded = Promise.all([store.load(), settings.load()]);
  const tracker = new ReplyTracker({
    port: deps.port,
    clock: deps.clock,
    // A reply that comes while the stores load waits for them.
    campaigns: async () => {
      await loaded;
      return deps.service.loadAll();
    },
    store,
    optOut: deps.optOut,
    settings: () => settings.forTracker(),
    log: deps.log,
  });
  tracker.replies.on((reply) => deps.notifier.emit('replies:new', reply));
  linkLidChats(deps.service, store);
  // The first-contact rules and the no-reply meter ask whether a number ever wrote to the account.
  deps.service.limits.replies = { hasReplied: (digits) => store.hasReplied(`+${digits}`) };
  const handlers = createRepliesHandlers({
    list: async (id) => campaignReplies(tracker.book, await deps.service.get(id)),
    settings: () => settings.view(),
    updateSettings: async (change) => {
      await loaded;
      return settings.update(change);
    },
  });
  return { tracker, store, handlers, start: () => loaded, shutdown: () => tracker.close() };
}
