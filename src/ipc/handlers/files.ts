import type { FileRegistry } from '../../platform/file-registry';
import type { FilePurpose, filesInvokes } from '../../shared/contract/files';
import { AppFailure } from '../../shared/result';
import type { HandlerMap } from '../router';

/** Native dialogs; only the Electron host has them (the browser host uploads and downloads instead). */
export interface Dialogs {
  pickOpen(purpose: FilePurpose): Promise<string | null>;
  pickSave(suggestedName: string): Promise<string | null>;
}

export function createFilesHandlers(deps: {
  registry: FileRegistry;
  dialogs: Dialogs | null;
}): Pick<HandlerMap, keyof typeof filesInvokes> {
  const dialogs = () => {
    if (!deps.dialogs) throw new AppFailure('bad_request', 'Native file dialogs exist only in the desktop app.');
    return deps.dialogs;
  };
  return {
    'files:pickOpen': async ({ purpose }) => {
      const chosen = await dialogs().pickOpen(purpose);
      return chosen === null ? null : deps.registry.register(chosen);
    },
    'files:registerDropped': async ({ path }) => {
      dialogs(); // a dropped path is only meaningful from the desktop app's own window
      return deps.registry.register(path);
    },
    'files:pickSave': async ({ suggestedName }) => {
      const chosen = await dialogs().pickSave(suggestedName);
      return chosen === null ? null : deps.registry.registerTarget(chosen);
    },
  };
}
