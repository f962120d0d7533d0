import path from 'node:path';
import type { FileRegistry } from '../../platform/file-registry';
import type { FilePurpose, filesInvokes } from '../../shared/contract/files';
import { AppFailure } from '../../shared/result';
import type { HandlerMap } from '../router';

/** Native dialogs; only the Electron host has them (the browser host uploads and downloads instead). */
export interface Dialogs {
  pickOpen(purpose: FilePurpose): Promise<string | null>;
  pickSave(suggestedName: string): Promise<string | null>;
  /** The browser that runs WhatsApp Web (settings:chooseBrowser). */
  pickBrowser(): Promise<string | null>;
}

export function createFilesHandlers(deps: { registry: FileRegistry; dialogs: Dialogs | null }): Pick<HandlerMap, keyof typeof filesInvokes> {
  const dialogs = () => {
    if (!deps.dialogs) throw new AppFailure('bad_request', 'Native file dialogs exist only in the desktop app.');
    return deps.dialogs;
  };
  return {
    'files:pickOpen': async ({ purpose }) => {
      const chosen = await dialogs().pickOpen(purpose);
      return chosen === null ? null : deps.registry.register(chosen);
    },
    'files:registerDropped': async ({ path: dropped }) => {
      dialogs(); // a dropped path is only meaningful from the desktop app's own window
      if (!path.isAbsolute(dropped)) throw new AppFailure('bad_request', 'A dropped file comes with its full path.');
      // For reading only, and only a regular file: an export target comes from the save dialog alone.
      return deps.registry.register(dropped);
    },
    'files:pickSave': async ({ suggestedName }) => {
      const chosen = await dialogs().pickSave(suggestedName);
      // The only way the page gets a reference it may write to (besides the browser host's save target).
      return chosen === null ? null : deps.registry.registerTarget(chosen);
    },
  };
}
