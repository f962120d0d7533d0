/**
 * electron-updater for the desktop app: its `autoUpdater` (NSIS on Windows, the zip on macOS, AppImage or deb on
 * Linux), reading the feed electron-builder wrote into resources/app-update.yml from the `publish` setting. All the
 * policy (when to check, never restarting mid-campaign) is in src/platform/update-service.ts.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { App } from 'electron';
import type { AppUpdater } from 'electron-updater';
import type { UpdaterChoice } from '../app/updates';
import type { UpdaterPort } from '../platform/update-service';
import { errorMessage } from '../shared/result';

export const NOT_INSTALLED = 'Updates come with the installed app; this copy runs from its source folder (update it with git pull, then npm ci).';
export const NO_FEED =
  'This build was made without an update feed (no GitHub repository or update URL was given to electron-builder), ' + 'so it does not update itself.';

/** The real AppUpdater is the port as it is: this only pins that down for the type checker. */
export const asUpdaterPort = (updater: AppUpdater): UpdaterPort => updater;

/**
 * The updater for this process, or why there is none. electron-updater is loaded only when it will be used: its
 * autoUpdater reads Electron's `app` when first touched, and a copy run from source has no feed.
 */
export function electronUpdater(
  app: Pick<App, 'isPackaged'>,
  resourcesPath: string = process.resourcesPath,
  load: () => AppUpdater = () => (require('electron-updater') as typeof import('electron-updater')).autoUpdater,
): UpdaterChoice {
  if (!app.isPackaged) return { off: NOT_INSTALLED };
  if (!hasFeed(path.join(resourcesPath, 'app-update.yml'))) return { off: NO_FEED };
  try {
    return { updater: asUpdaterPort(load()) };
  } catch (err) {
    // An updater that cannot start (a bad version string, a damaged install) must not stop the app from starting.
    return { off: `Updates are not available: ${errorMessage(err)}` };
  }
}

/**
 * electron-builder writes app-update.yml even when it could not resolve the feed (GitHub without a repository):
 * then it holds only `updaterCacheDirName`, and electron-updater would fail every check.
 */
function hasFeed(file: string): boolean {
  try {
    return /^provider:\s*\S/m.test(readFileSync(file, 'utf8'));
  } catch {
    return false;
  }
}
