/**
 * Replies during a CLI run: the same reply tracker as the app, over the state folder's opt-out list, reply history
 * and reply settings, so a STOP that comes in while `wa-bulk send` runs is journalled and honoured at once.
 */
import path from 'node:path';
import type { CampaignService } from '../campaign/campaign-service';
import { linkLidChats, ReplyTracker, type ReplyOptOut } from '../campaign/replies';
import { ReplySettingsStore } from '../campaign/replies-settings';
import { ReplyStore } from '../campaign/replies-store';
import { jsonFile } from '../contacts/json-file';
import type { Clock } from '../platform/clock';
import type { WhatsAppPort } from '../whatsapp/port';

export async function trackReplies(
  stateDir: string,
  port: Pick<WhatsAppPort, 'onMessage' | 'sendText'>,
  clock: Clock,
  service: CampaignService,
  optOut: ReplyOptOut,
  say: (line: string) => void,
): Promise<ReplyTracker> {
  const store = new ReplyStore(jsonFile(path.join(stateDir, 'replies.json')), (err, context) => say(`warning: ${context}: ${String(err)}`));
  const settings = new ReplySettingsStore(jsonFile(path.join(stateDir, 'reply-settings.json')), (err, context) =>
    say(`warning: ${context}: ${String(err)}`),
  );
  await Promise.all([store.load(), settings.load()]);
  const tracker = new ReplyTracker({
    port,
    clock,
    campaigns: () => service.loadAll(),
    store,
    optOut,
    settings: () => settings.forTracker(),
    log: (level, message) => say(`${level}: ${message}`),
  });
  linkLidChats(service, store);
  service.limits.replies = { hasReplied: (digits) => store.hasReplied(`+${digits}`) };
  tracker.replies.on((r) => say(`reply from ${r.phone ?? 'an unknown number'}: "${r.text}"${r.optOutKeyword ? ' (opted out)' : ''}`));
  return tracker;
}
