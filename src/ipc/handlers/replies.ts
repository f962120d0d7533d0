import type { repliesInvokes } from '../../shared/contract/replies';
import type { CampaignReplies, ReplySettings, ReplySettingsView } from '../../shared/contract/replies';
import type { HandlerMap } from '../router';

/** Replies as the renderer reads them (src/app/replies.ts). */
export interface RepliesControl {
  list(campaignId: string): Promise<CampaignReplies>;
  settings(): ReplySettingsView;
  updateSettings(change: Partial<ReplySettings>): Promise<ReplySettingsView>;
}

export function createRepliesHandlers(replies: RepliesControl): Pick<HandlerMap, keyof typeof repliesInvokes> {
  return {
    'replies:list': ({ id }) => replies.list(id),
    'replies:getSettings': () => replies.settings(),
    'replies:updateSettings': (change) => replies.updateSettings(change),
  };
}
