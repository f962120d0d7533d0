/**
 * The sandboxed preload: exposes `window.api` (purpose-named methods, never ipcRenderer itself) built from the
 * shared contract, so the renderer cannot reach a channel the contract does not name.
 */
import { contextBridge, ipcRenderer, webUtils } from 'electron';
import { createAppApi } from '../src/shared/api';
import type { AppApi, Transport } from '../src/shared/contract';
import type { FilesApi } from '../src/shared/contract/files';

const transport: Transport = {
  invoke: (channel, request) => ipcRenderer.invoke(channel, request),
  on: (channel, listener) => {
    const handler = (_event: Electron.IpcRendererEvent, payload: unknown) => listener(payload as never);
    ipcRenderer.on(channel, handler);
    return () => {
      ipcRenderer.removeListener(channel, handler);
    };
  },
};

const files: FilesApi = {
  pickFile: (purpose) => transport.invoke('files:pickOpen', { purpose }),
  fileFromDrop: (file, purpose) => transport.invoke('files:registerDropped', { path: webUtils.getPathForFile(file), purpose }),
  pickSaveTarget: (suggestedName) => transport.invoke('files:pickSave', { suggestedName }),
  // The desktop app wrote the export where the operator chose: nothing more to do.
  deliverSaved: async () => {},
};

const api = createAppApi(transport, files) satisfies AppApi;
contextBridge.exposeInMainWorld('api', api);
