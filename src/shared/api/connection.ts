import type { Transport } from '../contract';
import type { ConnectionApi } from '../contract/connection';

export const createConnectionApi = (t: Transport) =>
  ({
    getAppInfo: () => t.invoke('app:getInfo', undefined),
    getStatus: () => t.invoke('wa:getStatus', undefined),
    connect: () => t.invoke('wa:connect', undefined),
    resetCache: () => t.invoke('wa:resetCache', undefined),
    logout: (request) => t.invoke('wa:logout', request),
    simulateScan: () => t.invoke('wa:simulateScan', undefined),
    getRecentLog: () => t.invoke('log:getRecent', undefined),
    getSettings: () => t.invoke('settings:get', undefined),
    updateSettings: (change) => t.invoke('settings:update', change),
    chooseBrowser: () => t.invoke('settings:chooseBrowser', undefined),
    clearBrowser: () => t.invoke('settings:clearBrowser', undefined),
    onStatus: (listener) => t.on('wa:status', listener),
    onLogLines: (listener) => t.on('log:lines', listener),
  }) satisfies ConnectionApi;
