import type { Transport } from '../contract';
import type { UpdatesApi } from '../contract/updates';

export const createUpdatesApi = (t: Transport) =>
  ({
    getUpdateStatus: () => t.invoke('updates:getStatus', undefined),
    checkForUpdates: () => t.invoke('updates:check', undefined),
    restartToUpdate: () => t.invoke('updates:restart', undefined),
    cancelUpdateRestart: () => t.invoke('updates:cancelRestart', undefined),
    onUpdateStatus: (listener) => t.on('updates:status', listener),
  }) satisfies UpdatesApi;
