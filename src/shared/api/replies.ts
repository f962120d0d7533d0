import type { Transport } from '../contract';
import type { RepliesApi } from '../contract/replies';

export const createRepliesApi = (t: Transport) =>
  ({
    listReplies: (id) => t.invoke('replies:list', { id }),
    getReplySettings: () => t.invoke('replies:getSettings', undefined),
    updateReplySettings: (change) => t.invoke('replies:updateSettings', change),
    onReplies: (listener) => t.on('replies:new', listener),
  }) satisfies RepliesApi;
