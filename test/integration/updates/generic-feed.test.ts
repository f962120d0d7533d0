import { createHash, randomBytes } from 'node:crypto';
import { EventEmitter } from 'node:events';
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { AppImageUpdater } from 'electron-updater';
import type { AppAdapter } from 'electron-updater/out/AppAdapter';
import { ElectronHttpExecutor } from 'electron-updater/out/electronHttpExecutor';
import { createUpdatesModule } from '../../../src/app/updates';
import { asUpdaterPort } from '../../../src/electron/updater';
import { Notifier } from '../../../src/ipc/notifier';
import { UPDATE_CHECK_INTERVAL_MS } from '../../../src/platform/update-service';
import type { UpdateStatus } from '../../../src/shared/contract/updates';
import { FakeCampaignWatch } from '../../fakes/fake-campaign-watch';
import { FakeClock } from '../../fakes/fake-clock';

/**
 * The update path with the real electron-updater (AppImageUpdater, GenericProvider, its HTTP executor and sha512
 * check) against a generic feed served on 127.0.0.1: only Electron is faked (electron-updater's own AppAdapter hook
 * for `app`, Electron's `net` replaced by Node's http, and `require('electron').autoUpdater` for the quit signal).
 */
const root = mkdtempSync(path.join(os.tmpdir(), 'wa-update-feed-'));
const feedDir = path.join(root, 'feed');
const installed = path.join(root, 'installed', 'wa-bulk-sender.AppImage');
const started = path.join(root, 'new-version-started');
const requests: string[] = [];
let feedUrl = '';
let server: http.Server;

/** The "new version": an executable that says it started, padded so the download takes more than one chunk. */
const NEW_FILE = 'wa-bulk-sender-1.2.3-x86_64.AppImage';
const newVersion = Buffer.concat([
  Buffer.from(`#!/bin/sh\necho "1.2.3 started" > '${started}'\nexit 0\n# `),
  Buffer.from(randomBytes(1_500_000).toString('hex')),
  Buffer.from('\n'),
]);
const sha512 = (data: Buffer) => createHash('sha512').update(data).digest('base64');

/** The channel file electron-updater asks for on Linux (with the CPU type on anything but x64). */
const CHANNEL_FILE = process.arch === 'x64' ? 'latest-linux.yml' : `latest-linux-${process.arch}.yml`;

/** Publishes a version on the feed, as electron-builder writes latest-linux.yml. */
function publish(version: string, file: string, fileSha512: string, size: number): void {
  writeFileSync(
    path.join(feedDir, CHANNEL_FILE),
    [
      `version: ${version}`,
      'files:',
      `  - url: ${file}`,
      `    sha512: ${fileSha512}`,
      `    size: ${size}`,
      `path: ${file}`,
      `sha512: ${fileSha512}`,
      "releaseDate: '2026-11-30T06:00:00.000Z'",
      '',
    ].join('\n'),
  );
}

/** Electron's `net` is not here: the same executor, requesting through Node's http. */
class LoopbackExecutor extends ElectronHttpExecutor {
  override createRequest(options: http.RequestOptions, callback: (response: http.IncomingMessage) => void) {
    return http.request(options, callback) as unknown as Electron.ClientRequest;
  }
}

/** electron-updater requires 'electron' only to emit before-quit-for-update: give it a stand-in for that. */
const electronPath = createRequire(require.resolve('electron-updater')).resolve('electron');
const electronAutoUpdater = new EventEmitter();
const savedAppImage = process.env.APPIMAGE;

beforeAll(async () => {
  require.cache[electronPath] = {
    id: electronPath,
    filename: electronPath,
    loaded: true,
    exports: { autoUpdater: electronAutoUpdater },
  } as NodeJS.Module;
  mkdirSync(feedDir, { recursive: true });
  mkdirSync(path.dirname(installed), { recursive: true });
  writeFileSync(path.join(feedDir, NEW_FILE), newVersion);
  // The running AppImage (electron-updater replaces the file APPIMAGE names).
  writeFileSync(installed, '#!/bin/sh\necho 1.0.0\n');
  chmodSync(installed, 0o755);
  process.env.APPIMAGE = installed;
  server = http.createServer((req, res) => {
    const name = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname.slice(1));
    requests.push(name);
    const file = path.join(feedDir, path.basename(name));
    if (!existsSync(file)) {
      res.writeHead(404).end();
      return;
    }
    const body = readFileSync(file);
    res.writeHead(200, { 'content-length': body.length, 'content-type': 'application/octet-stream' }).end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  feedUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
});

afterAll(async () => {
  delete require.cache[electronPath];
  if (savedAppImage === undefined) delete process.env.APPIMAGE;
  else process.env.APPIMAGE = savedAppImage;
  await new Promise((resolve) => server?.close(resolve));
  rmSync(root, { recursive: true, force: true });
});

/** The app as electron-updater sees it (its AppAdapter hook): version 1.0.0, installed, reading our app-update.yml. */
function appAdapter(name: string) {
  const config = path.join(root, `${name}-app-update.yml`);
  writeFileSync(config, `provider: generic\nurl: ${feedUrl}\nupdaterCacheDirName: ${name}-updater\n`);
  const adapter: AppAdapter = {
    version: '1.0.0',
    name: 'WA Bulk Sender',
    isPackaged: true,
    appUpdateConfigPath: config,
    userDataPath: path.join(root, name, 'user-data'),
    baseCachePath: path.join(root, name, 'cache'),
    whenReady: () => Promise.resolve(),
    relaunch: vi.fn(),
    quit: vi.fn(),
    onQuit: vi.fn(),
  };
  return adapter;
}

function realUpdater(name: string) {
  const app = appAdapter(name);
  const updater = new AppImageUpdater(null, app);
  // Given an app, electron-updater leaves the HTTP executor to the caller (its Electron one needs `net`).
  (updater as unknown as { httpExecutor: ElectronHttpExecutor }).httpExecutor = new LoopbackExecutor();
  const clock = new FakeClock();
  const campaigns = new FakeCampaignWatch();
  const notifier = new Notifier({ flushIntervalMs: 1 });
  const pushed: UpdateStatus[] = [];
  notifier.addSink({ send: (channel, payload) => channel === 'updates:status' && pushed.push(payload as UpdateStatus) });
  const logs: string[] = [];
  const module = createUpdatesModule({
    choice: { updater: asUpdaterPort(updater) },
    demo: false,
    host: 'electron',
    clock,
    campaigns,
    logger: { log: (level, _source, message) => logs.push(`${level} ${message}`) },
    notifier,
  });
  return { app, updater, clock, campaigns, pushed, logs, module, service: module.service };
}

describe('updates from a generic feed on 127.0.0.1 (real electron-updater)', () => {
  it('finds a new version at the periodic check, downloads and verifies it, tells the renderer, and restarts only after the campaign pauses', async () => {
    publish('1.0.0', NEW_FILE, sha512(newVersion), newVersion.length);
    const { app, updater, clock, campaigns, pushed, module, service } = realUpdater('ok');
    const quitAndInstall = vi.spyOn(updater, 'quitAndInstall');
    campaigns.set({ name: 'May reminders' });

    // On start: the feed has nothing newer.
    module.start();
    await vi.waitFor(() => expect(clock.pendingTimers).toBe(1));
    expect(service.status()).toEqual({ kind: 'idle', checkedAt: clock.now() });
    expect(requests.filter((r) => r === CHANNEL_FILE)).toHaveLength(1);

    // 1.2.3 is published; the next check, a few (fake) hours later, finds and downloads it.
    publish('1.2.3', NEW_FILE, sha512(newVersion), newVersion.length);
    clock.advance(UPDATE_CHECK_INTERVAL_MS);
    await vi.waitFor(() => expect(service.status()).toEqual({ kind: 'ready', version: '1.2.3', waitingForCampaign: false }), {
      timeout: 20_000,
    });
    expect(requests).toContain(NEW_FILE);
    // The file electron-updater kept is byte for byte the published one (it checked the sha512 itself).
    const downloaded = path.join(app.baseCachePath, 'ok-updater', 'pending', NEW_FILE);
    expect(sha512(readFileSync(downloaded))).toBe(sha512(newVersion));
    // The renderer was told: found, downloading, ready.
    await vi.waitFor(() => expect(pushed.at(-1)).toEqual({ kind: 'ready', version: '1.2.3', waitingForCampaign: false }));
    expect(pushed.some((s) => s.kind === 'downloading' && s.version === '1.2.3')).toBe(true);

    // "Restart to update" while the campaign sends: nothing is installed, the screen says it waits.
    expect(service.restart()).toEqual({ kind: 'ready', version: '1.2.3', waitingForCampaign: true });
    await vi.waitFor(() => expect(pushed.at(-1)).toEqual({ kind: 'ready', version: '1.2.3', waitingForCampaign: true }));
    campaigns.set({ name: 'May reminders' }); // progress, still sending
    expect(quitAndInstall).not.toHaveBeenCalled();
    expect(readFileSync(installed, 'utf8')).toBe('#!/bin/sh\necho 1.0.0\n');

    // The campaign pauses: the real install runs once, the new version starts, the app quits.
    campaigns.set(null);
    expect(quitAndInstall).toHaveBeenCalledTimes(1);
    expect(quitAndInstall).toHaveBeenCalledWith(true, true);
    await vi.waitFor(() => expect(app.quit).toHaveBeenCalledTimes(1));
    expect(sha512(readFileSync(installed))).toBe(sha512(newVersion));
    await vi.waitFor(() => expect(existsSync(started) && readFileSync(started, 'utf8')).toBe('1.2.3 started\n'));
    expect(service.status()).toEqual({ kind: 'restarting', version: '1.2.3' });
    campaigns.set(null);
    expect(quitAndInstall).toHaveBeenCalledTimes(1);
    module.stop();
  });

  it('refuses a download whose sha512 does not match the feed, and offers no restart', async () => {
    const wrong = sha512(Buffer.from('not the file that is served'));
    publish('1.2.4', NEW_FILE, wrong, newVersion.length);
    const { clock, pushed, logs, module, service } = realUpdater('bad');
    module.start();
    await vi.waitFor(() => expect(service.status().kind).toBe('error'), { timeout: 20_000 });
    expect(service.status()).toMatchObject({ kind: 'error', message: expect.stringMatching(/sha512 checksum mismatch/) });
    await vi.waitFor(() => expect(pushed.at(-1)?.kind).toBe('error'));
    expect(pushed.some((s) => s.kind === 'ready')).toBe(false);
    expect(() => service.restart()).toThrow(/No update has been downloaded yet/);
    expect(logs.some((l) => /^warn Update: .*sha512 checksum mismatch/.test(l))).toBe(true);
    await vi.waitFor(() => expect(clock.pendingTimers).toBe(1));
    module.stop();
  });
});
