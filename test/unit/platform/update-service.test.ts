import { EventEmitter } from 'node:events';
import { describe, expect, it, vi } from 'vitest';
import { createUpdatesModule, DEMO_NO_UPDATES, HOST_NO_UPDATES } from '../../../src/app/updates';
import { UPDATE_CHECK_INTERVAL_MS, UPDATER_INACTIVE, type UpdaterLogger, type UpdaterPort } from '../../../src/platform/update-service';
import type { UpdateStatus } from '../../../src/shared/contract/updates';
import { FakeCampaignWatch } from '../../fakes/fake-campaign-watch';
import { FakeClock } from '../../fakes/fake-clock';
import { routerOver } from '../ipc/helpers';

/** An updater that answers each check from `feed` (a version, nothing new, or an error), as electron-updater does. */
class FakeUpdater extends EventEmitter implements UpdaterPort {
  autoDownload = true;
  logger: UpdaterLogger | null = null;
  checks = 0;
  downloads = 0;
  readonly quitAndInstall = vi.fn();
  feed: { version: string } | 'none' | 'inactive' | Error = 'none';

  async checkForUpdates(): Promise<unknown> {
    this.checks++;
    const feed = this.feed;
    if (feed === 'inactive') return null;
    if (feed instanceof Error) {
      this.emit('error', feed);
      throw feed;
    }
    this.emit(feed === 'none' ? 'update-not-available' : 'update-available', { version: feed === 'none' ? '1.0.0' : feed.version });
    return {};
  }

  async downloadUpdate(): Promise<unknown> {
    this.downloads++;
    const version = (this.feed as { version: string }).version;
    for (const percent of [10.4, 10.6, 55, 100]) this.emit('download-progress', { percent });
    this.emit('update-downloaded', { version });
    return [];
  }
}

function setup(intervalMs = UPDATE_CHECK_INTERVAL_MS) {
  const clock = new FakeClock();
  const updater = new FakeUpdater();
  const campaigns = new FakeCampaignWatch();
  const pushed: UpdateStatus[] = [];
  const logs: string[] = [];
  const module = createUpdatesModule({
    choice: { updater },
    demo: false,
    host: 'electron',
    clock,
    campaigns,
    logger: { log: (_level, _source, message) => logs.push(message) },
    notifier: { emit: (_channel, status) => pushed.push(status) },
    intervalMs,
  });
  return { clock, updater, campaigns, pushed, logs, module, service: module.service };
}

describe('UpdateService', () => {
  it('checks on start and then every interval (fake clock), and says when it is up to date', async () => {
    const { clock, updater, service, module } = setup();
    module.start();
    // The download is started by the service, so a failed one is handled (not an unhandled rejection).
    expect(updater.autoDownload).toBe(false);
    await vi.waitFor(() => expect(clock.pendingTimers).toBe(1));
    expect(updater.checks).toBe(1);
    expect(service.status()).toEqual({ kind: 'idle', checkedAt: clock.now() });
    expect(clock.sleeps).toEqual([UPDATE_CHECK_INTERVAL_MS]);

    clock.advance(UPDATE_CHECK_INTERVAL_MS - 1);
    expect(updater.checks).toBe(1);
    clock.advance(1);
    await vi.waitFor(() => expect(updater.checks).toBe(2));
    await vi.waitFor(() => expect(clock.pendingTimers).toBe(1));
    clock.advance(UPDATE_CHECK_INTERVAL_MS);
    await vi.waitFor(() => expect(updater.checks).toBe(3));

    module.stop();
    await vi.waitFor(() => expect(clock.pendingTimers).toBe(0));
    clock.advance(10 * UPDATE_CHECK_INTERVAL_MS);
    expect(updater.checks).toBe(3);
  });

  it('downloads a newer version in the background and tells the renderer (progress coalesced to whole percents)', async () => {
    const { updater, module, pushed, service, logs } = setup();
    updater.feed = { version: '1.2.3' };
    module.start();
    await vi.waitFor(() => expect(service.status()).toEqual({ kind: 'ready', version: '1.2.3', waitingForCampaign: false }));
    expect(updater.downloads).toBe(1);
    expect(pushed).toEqual([
      { kind: 'checking' },
      { kind: 'downloading', version: '1.2.3', percent: 0 },
      { kind: 'downloading', version: '1.2.3', percent: 10 },
      { kind: 'downloading', version: '1.2.3', percent: 55 },
      { kind: 'downloading', version: '1.2.3', percent: 100 },
      { kind: 'ready', version: '1.2.3', waitingForCampaign: false },
    ]);
    expect(logs.some((l) => /Update 1\.2\.3 downloaded/.test(l))).toBe(true);
    // A later check leaves the downloaded update alone.
    expect(await service.check()).toMatchObject({ kind: 'ready' });
    expect(updater.checks).toBe(1);
  });

  it('restarts at once when no campaign is sending', async () => {
    const { updater, module, service } = setup();
    updater.feed = { version: '1.2.3' };
    module.start();
    await vi.waitFor(() => expect(service.status().kind).toBe('ready'));
    expect(service.restart()).toEqual({ kind: 'restarting', version: '1.2.3' });
    expect(service.restart()).toEqual({ kind: 'restarting', version: '1.2.3' });
    expect(updater.quitAndInstall).toHaveBeenCalledTimes(1);
    expect(updater.quitAndInstall).toHaveBeenCalledWith(true, true);
  });

  it('never restarts during a running campaign: it waits for the campaign to pause or finish', async () => {
    const { updater, module, service, campaigns, pushed } = setup();
    updater.feed = { version: '1.2.3' };
    campaigns.set({ name: 'May reminders' });
    module.start();
    await vi.waitFor(() => expect(service.status().kind).toBe('ready'));

    expect(service.restart()).toEqual({ kind: 'ready', version: '1.2.3', waitingForCampaign: true });
    expect(pushed.at(-1)).toEqual({ kind: 'ready', version: '1.2.3', waitingForCampaign: true });
    // Asking twice does not subscribe twice; progress of the running campaign does not restart it.
    service.restart();
    expect(campaigns.listeners).toBe(1);
    campaigns.set({ name: 'May reminders' });
    expect(updater.quitAndInstall).not.toHaveBeenCalled();

    campaigns.set(null); // paused (or finished)
    expect(updater.quitAndInstall).toHaveBeenCalledTimes(1);
    expect(service.status()).toEqual({ kind: 'restarting', version: '1.2.3' });
    expect(campaigns.listeners).toBe(0);
    campaigns.set(null);
    expect(updater.quitAndInstall).toHaveBeenCalledTimes(1);
  });

  it('forgets a waiting restart when the operator cancels it', async () => {
    const { updater, module, service, campaigns } = setup();
    updater.feed = { version: '2.0.0' };
    campaigns.set({ name: 'June' });
    module.start();
    await vi.waitFor(() => expect(service.status().kind).toBe('ready'));
    service.restart();
    expect(service.cancelRestart()).toEqual({ kind: 'ready', version: '2.0.0', waitingForCampaign: false });
    campaigns.set(null);
    expect(updater.quitAndInstall).not.toHaveBeenCalled();
  });

  it('shows a failed check once and tries again at the next interval', async () => {
    const { clock, updater, module, service, pushed, logs } = setup();
    updater.feed = new Error('getaddrinfo ENOTFOUND updates.example\n    at stack line');
    module.start();
    await vi.waitFor(() => expect(clock.pendingTimers).toBe(1));
    expect(service.status()).toEqual({ kind: 'error', message: 'getaddrinfo ENOTFOUND updates.example', checkedAt: clock.now() });
    expect(pushed.filter((s) => s.kind === 'error')).toHaveLength(1);
    expect(logs.filter((l) => l.startsWith('Update: getaddrinfo'))).toHaveLength(1);
    expect(() => service.restart()).toThrow(/No update has been downloaded yet/);

    updater.feed = 'none';
    clock.advance(UPDATE_CHECK_INTERVAL_MS);
    await vi.waitFor(() => expect(service.status().kind).toBe('idle'));
  });

  it('turns off, and stops checking, where electron-updater does not check at all (an unpacked folder, a snap)', async () => {
    const { clock, updater, module, service } = setup();
    updater.feed = 'inactive';
    module.start();
    await vi.waitFor(() => expect(service.status()).toEqual({ kind: 'off', reason: UPDATER_INACTIVE }));
    await vi.waitFor(() => expect(clock.pendingTimers).toBe(0));
    expect(updater.checks).toBe(1);
  });

  it('is off in demo mode, in the browser host and without an updater, and says why', async () => {
    const make = (demo: boolean, host: 'electron' | 'browser-host', choice?: { off: string }) =>
      createUpdatesModule({
        choice: choice ?? { updater: new FakeUpdater() },
        demo,
        host,
        clock: new FakeClock(),
        campaigns: new FakeCampaignWatch(),
        logger: { log: () => {} },
        notifier: { emit: () => {} },
      }).service;
    expect(make(true, 'electron').status()).toEqual({ kind: 'off', reason: DEMO_NO_UPDATES });
    expect(make(false, 'browser-host').status()).toEqual({ kind: 'off', reason: HOST_NO_UPDATES });
    expect(make(false, 'electron', { off: 'No feed.' }).status()).toEqual({ kind: 'off', reason: 'No feed.' });
    const off = make(true, 'electron');
    off.start();
    expect(await off.check()).toEqual({ kind: 'off', reason: DEMO_NO_UPDATES });
    expect(() => off.restart()).toThrow(/No update/);
  });
});

describe('updates IPC', () => {
  it('answers with a Result, refuses payloads, and reports "nothing to restart" as a conflict', async () => {
    const { module, updater } = setup();
    const { invoke, internal } = routerOver(module.handlers);
    expect(await invoke('updates:getStatus')).toEqual({ ok: true, value: { kind: 'idle', checkedAt: null } });
    expect(await invoke('updates:check', { url: 'http://evil.example/' })).toMatchObject({ ok: false, error: { code: 'bad_request' } });
    expect(await invoke('updates:restart', 'now')).toMatchObject({ ok: false, error: { code: 'bad_request' } });
    expect(await invoke('updates:restart')).toMatchObject({ ok: false, error: { code: 'conflict', message: 'No update has been downloaded yet.' } });
    expect(await invoke('updates:cancelRestart')).toEqual({ ok: true, value: { kind: 'idle', checkedAt: null } });
    expect(await invoke('updates:check')).toMatchObject({ ok: true, value: { kind: 'idle' } });
    // "Check now" before the periodic checks started still leaves the download to the service.
    expect(updater.autoDownload).toBe(false);
    expect(internal).toEqual([]);
  });
});
