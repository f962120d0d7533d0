import type { Result } from '../result';
import { NoArgs } from './connection';
import { event, invoke } from './define';

/**
 * Where the app's own update stands. Updates come from the publish feed the installer was built with
 * (electron-builder.yml `publish`); only the installed desktop app has one.
 */
export type UpdateStatus =
  /** No updates here (demo mode, the browser host, a copy run from the source folder); `reason` says why. */
  | { kind: 'off'; reason: string }
  /** Up to date as of `checkedAt` (epoch ms), or not checked yet (null). */
  | { kind: 'idle'; checkedAt: number | null }
  | { kind: 'checking' }
  /** Version `version` found and downloading in the background; `percent` 0-100. */
  | { kind: 'downloading'; version: string; percent: number }
  /**
   * Downloaded and verified (sha512): "Restart to update". `waitingForCampaign`: the operator asked to restart while
   * a campaign was sending; the app restarts by itself once it pauses or finishes.
   */
  | { kind: 'ready'; version: string; waitingForCampaign: boolean }
  /** Installing: the app is about to quit and start the new version. */
  | { kind: 'restarting'; version: string }
  /** The last check or download failed (no network, a bad feed); the next periodic check tries again. */
  | { kind: 'error'; message: string; checkedAt: number };

export const updatesInvokes = {
  'updates:getStatus': invoke<UpdateStatus>()(NoArgs, 'Where the app update stands (pushes follow on updates:status).'),
  'updates:check': invoke<UpdateStatus>()(
    NoArgs,
    'Check the update feed now (the app also checks on start and every few hours); a newer version downloads in the background.',
  ),
  'updates:restart': invoke<UpdateStatus>()(
    NoArgs,
    'Restart to install the downloaded update. While a campaign is sending it only records the wish ' +
      '(waitingForCampaign) and restarts once the campaign pauses or finishes.',
  ),
  'updates:cancelRestart': invoke<UpdateStatus>()(
    NoArgs,
    'Forget a restart that waits for the campaign; the update stays downloaded (and installs when the app quits).',
  ),
} as const;

export const updatesEvents = {
  'updates:status': event<UpdateStatus>()('latest', 'The update status changed (download progress is coalesced).'),
} as const;

export interface UpdatesApi {
  getUpdateStatus(): Promise<Result<UpdateStatus>>;
  checkForUpdates(): Promise<Result<UpdateStatus>>;
  restartToUpdate(): Promise<Result<UpdateStatus>>;
  cancelUpdateRestart(): Promise<Result<UpdateStatus>>;
  onUpdateStatus(listener: (status: UpdateStatus) => void): () => void;
}
