import type { Transport } from '../contract';
import type { DraftApi } from '../contract/draft';

export const createDraftApi = (t: Transport) =>
  ({
    getDraft: () => t.invoke('draft:get', undefined),
    saveDraft: (draft) => t.invoke('draft:save', draft),
    discardDraft: () => t.invoke('draft:discard', undefined),
    getSentToday: () => t.invoke('draft:sentToday', undefined),
  }) satisfies DraftApi;
