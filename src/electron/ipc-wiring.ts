import type { IpcMain, IpcMainInvokeEvent } from 'electron';
import { invokeContract } from '../shared/contract';
import type { IpcRouter } from '../ipc/router';
import type { SenderInfo } from '../ipc/sender';

/** Who sent an Electron invoke: the frame's URL, and whether it is the window's main frame. */
export function senderOf(event: Pick<IpcMainInvokeEvent, 'senderFrame' | 'sender'>): SenderInfo {
  const frame = event.senderFrame;
  return {
    url: frame?.url ?? '',
    isMainFrame: frame !== null && frame !== undefined && frame === event.sender.mainFrame,
  };
}

/** One ipcMain handler per contract channel, each going through the router (sender check, zod, Result). */
export function wireIpc(ipcMain: Pick<IpcMain, 'handle' | 'removeHandler'>, router: IpcRouter): () => void {
  const channels = Object.keys(invokeContract);
  for (const channel of channels) {
    ipcMain.handle(channel, (event, payload: unknown) => router.invoke(channel, payload, { sender: senderOf(event) }));
  }
  return () => channels.forEach((c) => ipcMain.removeHandler(c));
}
