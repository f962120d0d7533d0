import type { Transport } from '../contract';
import type { LimitsApi } from '../contract/limits';

export const createLimitsApi = (t: Transport) =>
  ({
    getLimits: () => t.invoke('limits:get', undefined),
    saveLimits: (settings) => t.invoke('limits:save', settings),
    resumeNewContacts: () => t.invoke('limits:resumeNewContacts', undefined),
    onLimitsChanged: (listener) => t.on('limits:changed', listener),
  }) satisfies LimitsApi;
