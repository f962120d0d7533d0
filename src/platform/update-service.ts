/**
 * The app's self-update, in plain Node: check the feed on start and every few hours, download a newer version in
 * the background, and restart into it only when the operator asks and no campaign is sending (a restart mid-campaign
 * would cut it off). The updater itself (electron-updater's AppUpdater in the desktop app, src/electron/updater.ts)
 * comes in through the constructor, with the clock and the campaigns, so tests drive all three.
 */
import type { Clock } from './clock';
import type { UpdateStatus } from '../shared/contract/updates';
import { Listeners, type Unsubscribe } from '../shared/events';
import { AppFailure, errorMessage } from '../shared/result';

/** What an update feed says about a version (electron-updater's UpdateInfo, the part used here). */
export interface UpdateVersionInfo {
  version: string;
}

/** A logger in electron-updater's shape ({ info, warn, error }), so its own lines reach the app's log. */
export interface UpdaterLogger {
  info(message?: unknown): void;
  warn(message?: unknown): void;
  error(message?: unknown): void;
}

/** The slice of electron-updater's AppUpdater this service uses; the real one satisfies it as it is. */
export interface UpdaterPort {
  /** Set to false: the service starts the download itself, so its failure is handled, not an unhandled rejection. */
  autoDownload: boolean;
  logger: UpdaterLogger | null;
  /** Resolves null where it does not check at all (an installation it cannot update). */
  checkForUpdates(): Promise<unknown>;
  downloadUpdate(): Promise<unknown>;
  /** Quits the app and runs the downloaded installer; `isForceRunAfter` starts the new version afterwards. */
  quitAndInstall(isSilent?: boolean, isForceRunAfter?: boolean): void;
  on(event: 'update-available', listener: (info: UpdateVersionInfo) => void): unknown;
  on(event: 'update-not-available', listener: (info: UpdateVersionInfo) => void): unknown;
  on(event: 'download-progress', listener: (progress: { percent: number }) => void): unknown;
  on(event: 'update-downloaded', listener: (info: UpdateVersionInfo) => void): unknown;
  on(event: 'error', listener: (error: Error) => void): unknown;
}

/** Whether a campaign is sending: src/app/campaign-activity.ts over the campaign service. */
export interface CampaignWatch {
  /** The campaign sending or waiting to send by itself, or null (none started, paused, stopped, finished). */
  sending(): { name: string } | null;
  /** Every campaign change. */
  onChange(listener: () => void): Unsubscribe;
}

export interface UpdateServiceDeps {
  /** null where there are no updates (demo, browser host, a copy run from source); `offReason` says why. */
  updater: UpdaterPort | null;
  offReason: string;
  clock: Clock;
  campaigns: CampaignWatch;
  log: (level: 'info' | 'warn' | 'error', message: string) => void;
  /** Between two checks; 4 hours unless a test says otherwise. */
  intervalMs?: number;
}

export const UPDATE_CHECK_INTERVAL_MS = 4 * 60 * 60 * 1000;

export const UPDATER_INACTIVE = 'This installation does not update itself: only the Windows installer, the macOS app, the AppImage and the deb do.';

export class UpdateService {
  /** Every status change, for the notifier (updates:status). */
  readonly changes = new Listeners<UpdateStatus>();
  private current: UpdateStatus;
  private readonly intervalMs: number;
  private readonly loop = new AbortController();
  private listening = false;
  private started = false;
  private installing = false;
  private stopWaiting: Unsubscribe | null = null;

  constructor(private readonly deps: UpdateServiceDeps) {
    this.intervalMs = deps.intervalMs ?? UPDATE_CHECK_INTERVAL_MS;
    this.current = deps.updater ? { kind: 'idle', checkedAt: null } : { kind: 'off', reason: deps.offReason };
  }

  status(): UpdateStatus {
    return this.current;
  }

  /** Listens to the updater, checks now and then every `intervalMs` until stop(). Nothing happens when off. */
  start(): void {
    if (!this.deps.updater || this.started) return;
    this.started = true;
    void this.periodic();
  }

  /** Once, before the first check (a "Check now" may come before start). */
  private listen(updater: UpdaterPort): void {
    if (this.listening) return;
    this.listening = true;
    updater.autoDownload = false;
    updater.logger = {
      info: (m) => this.deps.log('info', `updater: ${String(m)}`),
      warn: (m) => this.deps.log('warn', `updater: ${String(m)}`),
      error: (m) => this.deps.log('error', `updater: ${String(m)}`),
    };
    updater.on('update-available', (info) => this.set({ kind: 'downloading', version: info.version, percent: 0 }));
    updater.on('update-not-available', () => this.set({ kind: 'idle', checkedAt: this.deps.clock.now() }));
    updater.on('download-progress', (p) => this.onProgress(p.percent));
    updater.on('update-downloaded', (info) => this.onDownloaded(info.version));
    updater.on('error', (err) => this.fail(err));
  }

  stop(): void {
    this.loop.abort();
    this.stopWaiting?.();
    this.stopWaiting = null;
  }

  /** Checks the feed now; a newer version starts downloading in the background. Returns the status after the check. */
  async check(): Promise<UpdateStatus> {
    const updater = this.deps.updater;
    // One update at a time: once one is found, later checks wait until it is installed.
    if (!updater || !['idle', 'error'].includes(this.current.kind)) return this.current;
    this.listen(updater);
    this.set({ kind: 'checking' });
    try {
      // null: electron-updater is inactive in this installation (an unpacked folder, a snap).
      if ((await updater.checkForUpdates()) === null) return this.inactive();
    } catch (err) {
      // electron-updater also emits the error as an event: report it once.
      if (this.current.kind !== 'error') this.fail(err);
    }
    if (this.current.kind === 'downloading') void this.download(updater);
    else if (this.current.kind === 'checking') this.set({ kind: 'idle', checkedAt: this.deps.clock.now() });
    return this.current;
  }

  private inactive(): UpdateStatus {
    this.loop.abort();
    this.set({ kind: 'off', reason: UPDATER_INACTIVE });
    return this.current;
  }

  /**
   * "Restart to update": installs now, or, while a campaign is sending, once it pauses or finishes (the status
   * says so meanwhile). Never restarts mid-campaign.
   */
  restart(): UpdateStatus {
    const ready = this.current;
    if (ready.kind === 'restarting') return ready;
    if (ready.kind !== 'ready') throw new AppFailure('conflict', 'No update has been downloaded yet.');
    const campaign = this.deps.campaigns.sending();
    if (!campaign) {
      this.install(ready.version);
      return this.current;
    }
    if (!ready.waitingForCampaign) {
      this.deps.log('info', `Update ${ready.version} will be installed when campaign "${campaign.name}" pauses or finishes.`);
      this.set({ ...ready, waitingForCampaign: true });
      this.stopWaiting = this.deps.campaigns.onChange(() => this.installIfIdle());
    }
    return this.current;
  }

  /** Forgets a restart that waits for a campaign. */
  cancelRestart(): UpdateStatus {
    if (this.current.kind === 'ready' && this.current.waitingForCampaign) {
      this.stopWaiting?.();
      this.stopWaiting = null;
      this.set({ ...this.current, waitingForCampaign: false });
    }
    return this.current;
  }

  private async periodic(): Promise<void> {
    for (;;) {
      await this.check();
      try {
        await this.deps.clock.sleep(this.intervalMs, this.loop.signal);
      } catch {
        return; // stopped
      }
    }
  }

  private async download(updater: UpdaterPort): Promise<void> {
    try {
      await updater.downloadUpdate();
    } catch (err) {
      if (this.current.kind !== 'error') this.fail(err);
    }
  }

  private onProgress(percent: number): void {
    const now = this.current;
    const rounded = Math.floor(Math.min(100, Math.max(0, percent)));
    if (now.kind === 'downloading' && rounded !== now.percent) this.set({ ...now, percent: rounded });
  }

  private onDownloaded(version: string): void {
    this.deps.log('info', `Update ${version} downloaded and verified; it installs on "Restart to update" or when the app quits.`);
    this.set({ kind: 'ready', version, waitingForCampaign: false });
  }

  private installIfIdle(): void {
    const now = this.current;
    if (now.kind !== 'ready' || !now.waitingForCampaign || this.deps.campaigns.sending()) return;
    this.install(now.version);
  }

  private install(version: string): void {
    if (this.installing) return;
    this.installing = true;
    this.stopWaiting?.();
    this.stopWaiting = null;
    this.deps.log('info', `Restarting to install update ${version}.`);
    this.set({ kind: 'restarting', version });
    try {
      // Silent (the per-user installer needs no questions), and the new version starts afterwards.
      this.deps.updater?.quitAndInstall(true, true);
    } catch (err) {
      this.installing = false;
      this.fail(err);
    }
  }

  private fail(err: unknown): void {
    const message = errorMessage(err).split('\n')[0]!.slice(0, 500);
    this.deps.log('warn', `Update: ${message}`);
    // A downloaded update stays offered; any other failure shows until the next check.
    if (this.current.kind === 'ready') return;
    this.installing = false;
    this.set({ kind: 'error', message, checkedAt: this.deps.clock.now() });
  }

  private set(next: UpdateStatus): void {
    this.current = next;
    this.changes.emit(next);
  }
}
