import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { appPathsFor, type AppPaths } from '../../../src/platform/app-paths';
import { BROWSER_CACHE_DIRS, SessionFiles } from '../../../src/whatsapp/session-files';
import { FaultyFs } from '../../fakes/fake-fs';
import { InstantClock } from './support/clocks';

let root: string;
let paths: AppPaths;

/** A LocalAuth-like layout with a file Chromium would hold open. */
function writeSession(): void {
  const profile = path.join(paths.sessionDir, 'session-main', 'Default');
  fs.mkdirSync(profile, { recursive: true });
  fs.writeFileSync(path.join(profile, 'Cookies'), 'x');
  fs.writeFileSync(path.join(paths.sessionDir, 'session-main', 'chrome_debug.log'), 'log');
  fs.mkdirSync(paths.webCacheDir, { recursive: true });
  fs.writeFileSync(path.join(paths.webCacheDir, '2.3000.0.html'), '<html/>');
}

beforeEach(() => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), 'wa-session-files-'));
  paths = appPathsFor(root);
});
afterEach(() => fs.rmSync(root, { recursive: true, force: true }));

describe('SessionFiles.wipe', () => {
  it('deletes the session and the cache and verifies they are gone', async () => {
    writeSession();
    const outcome = await new SessionFiles(new FaultyFs(), new InstantClock(), paths).wipe();
    expect(outcome).toMatchObject({ wiped: true, pendingWipe: false, remaining: [] });
    expect(fs.existsSync(paths.sessionDir)).toBe(false);
    expect(fs.existsSync(paths.webCacheDir)).toBe(false);
    expect(fs.existsSync(paths.pendingWipeMarker)).toBe(false);
  });

  it('succeeds on the third try when EBUSY clears, with growing delays and no marker', async () => {
    writeSession();
    const fsFake = new FaultyFs().failNext('rm', paths.sessionDir, 'EBUSY', 2);
    const clock = new InstantClock();
    const outcome = await new SessionFiles(fsFake, clock, paths).wipe();
    expect(outcome.wiped).toBe(true);
    expect(outcome.pendingWipe).toBe(false);
    expect(fsFake.attempts('rm', paths.sessionDir)).toBe(3);
    expect(clock.sleeps).toEqual([100, 200]);
    expect(fs.existsSync(paths.sessionDir)).toBe(false);
    expect(fs.existsSync(paths.pendingWipeMarker)).toBe(false);
  });

  it('records a pending wipe when EBUSY never clears, and the next start completes it', async () => {
    writeSession();
    const lockedFs = new FaultyFs().failNext('rm', paths.sessionDir, 'EBUSY', Infinity);
    const clock = new InstantClock();
    const outcome = await new SessionFiles(lockedFs, clock, paths).wipe();

    expect(outcome.wiped).toBe(false);
    expect(outcome.pendingWipe).toBe(true);
    expect(outcome.remaining).toEqual([paths.sessionDir]);
    expect(outcome.message).toContain(paths.sessionDir);
    expect(lockedFs.attempts('rm', paths.sessionDir)).toBe(8);
    expect(clock.sleeps).toEqual([100, 200, 400, 800, 1600, 2000, 2000]);
    // The cache was not locked, so it is gone already; the session is still there.
    expect(fs.existsSync(paths.webCacheDir)).toBe(false);
    expect(fs.existsSync(path.join(paths.sessionDir, 'session-main', 'chrome_debug.log'))).toBe(true);
    const marker = JSON.parse(fs.readFileSync(paths.pendingWipeMarker, 'utf8'));
    expect(marker.what).toEqual([paths.sessionDir]);
    expect(marker.lastError).toContain('EBUSY');
    expect(new Date(marker.when).getTime()).toBe(clock.now());

    // Next start: a fresh SessionFiles over a file system where nothing holds the files any more.
    const nextStart = new SessionFiles(new FaultyFs(), new InstantClock(), paths);
    expect(await nextStart.hasPendingWipe()).toBe(true);
    const honoured = await nextStart.honourPendingWipe();
    expect(honoured).toMatchObject({ wiped: true, pendingWipe: false });
    expect(fs.existsSync(paths.sessionDir)).toBe(false);
    expect(fs.existsSync(paths.pendingWipeMarker)).toBe(false);
    expect(await nextStart.honourPendingWipe()).toBeNull();
  });

  it('keeps the marker when the pending wipe still cannot finish', async () => {
    writeSession();
    await new SessionFiles(new FaultyFs().failNext('rm', paths.sessionDir, 'EPERM', Infinity), new InstantClock(), paths).wipe();
    const stillLocked = new SessionFiles(new FaultyFs().failNext('rm', paths.sessionDir, 'EPERM', Infinity), new InstantClock(), paths, {
      maxAttempts: 2,
    });
    const outcome = await stillLocked.honourPendingWipe();
    expect(outcome).toMatchObject({ wiped: false, pendingWipe: true });
    expect(fs.existsSync(paths.pendingWipeMarker)).toBe(true);
  });

  it('does not claim a wipe when rm reports success but the folder is still there', async () => {
    writeSession();
    const fsFake = new FaultyFs().keepOnRm(paths.sessionDir, Infinity);
    const outcome = await new SessionFiles(fsFake, new InstantClock(), paths, { maxAttempts: 3 }).wipe();
    expect(outcome).toMatchObject({ wiped: false, pendingWipe: true, remaining: [paths.sessionDir] });
    expect(outcome.message).toContain(`${paths.sessionDir} still exists after deleting it`);
    expect(fsFake.attempts('rm', paths.sessionDir)).toBe(3);
    expect(fs.existsSync(path.join(paths.sessionDir, 'session-main', 'chrome_debug.log'))).toBe(true);
    expect(JSON.parse(fs.readFileSync(paths.pendingWipeMarker, 'utf8')).what).toEqual([paths.sessionDir]);
  });

  it('tries again when rm reports success but left the folder, until it is really gone', async () => {
    writeSession();
    const fsFake = new FaultyFs().keepOnRm(paths.sessionDir, 1);
    const clock = new InstantClock();
    const outcome = await new SessionFiles(fsFake, clock, paths).wipe();
    expect(outcome).toMatchObject({ wiped: true, pendingWipe: false, remaining: [] });
    expect(fsFake.attempts('rm', paths.sessionDir)).toBe(2);
    expect(clock.sleeps).toEqual([100]);
    expect(fs.existsSync(paths.sessionDir)).toBe(false);
  });

  it('counts a folder it cannot stat (EACCES, not ENOENT) as still there', async () => {
    writeSession();
    const fsFake = new FaultyFs().keepOnRm(paths.sessionDir, Infinity).failNext('stat', paths.sessionDir, 'EACCES', Infinity);
    const outcome = await new SessionFiles(fsFake, new InstantClock(), paths, { maxAttempts: 2 }).wipe();
    expect(outcome).toMatchObject({ wiped: false, pendingWipe: true, remaining: [paths.sessionDir] });
    expect(fs.existsSync(paths.sessionDir)).toBe(true);
    expect(fs.existsSync(paths.pendingWipeMarker)).toBe(true);
  });

  it('still sees a pending wipe when the marker cannot be stat-ed (EACCES), and none when it is absent', async () => {
    fs.mkdirSync(path.dirname(paths.pendingWipeMarker), { recursive: true });
    fs.writeFileSync(paths.pendingWipeMarker, JSON.stringify({ when: '', what: [paths.sessionDir], lastError: 'EBUSY' }));
    const denied = new FaultyFs().failNext('stat', paths.pendingWipeMarker, 'EACCES', Infinity);
    expect(await new SessionFiles(denied, new InstantClock(), paths).hasPendingWipe()).toBe(true);
    fs.rmSync(paths.pendingWipeMarker);
    expect(await new SessionFiles(new FaultyFs(), new InstantClock(), paths).hasPendingWipe()).toBe(false);
  });

  it('does not retry an error that waiting cannot fix', async () => {
    writeSession();
    const fsFake = new FaultyFs().failNext('rm', paths.webCacheDir, 'EIO', Infinity);
    const outcome = await new SessionFiles(fsFake, new InstantClock(), paths).wipe();
    expect(fsFake.attempts('rm', paths.webCacheDir)).toBe(1);
    expect(outcome).toMatchObject({ wiped: false, pendingWipe: true, remaining: [paths.webCacheDir] });
  });

  it('says so, without throwing, when even the marker cannot be written', async () => {
    writeSession();
    const fsFake = new FaultyFs()
      .failNext('rm', paths.sessionDir, 'EBUSY', Infinity)
      .failNext('writeFile', path.dirname(paths.pendingWipeMarker), 'EROFS', Infinity);
    const outcome = await new SessionFiles(fsFake, new InstantClock(), paths, { maxAttempts: 2 }).wipe();
    expect(outcome).toMatchObject({ wiped: false, pendingWipe: false });
    expect(outcome.message).toMatch(/by hand/);
  });

  it('treats an unreadable marker as a pending wipe', async () => {
    writeSession();
    fs.writeFileSync(paths.pendingWipeMarker, '{not json');
    const files = new SessionFiles(new FaultyFs(), new InstantClock(), paths);
    expect((await files.readPendingWipe())?.lastError).toMatch(/unreadable marker/);
    fs.writeFileSync(paths.pendingWipeMarker, JSON.stringify({ when: '', what: '/', lastError: '' }));
    // A marker of the wrong shape is unreadable too, and says which field: its folders are never taken from it.
    expect(await files.readPendingWipe()).toEqual({
      when: '',
      what: [paths.sessionDir, paths.webCacheDir],
      lastError: `unreadable marker: ${paths.pendingWipeMarker}: field what: expected array, received string`,
    });
    expect(await files.honourPendingWipe()).toMatchObject({ wiped: true });
    expect(fs.existsSync(paths.sessionDir)).toBe(false);
  });

  it("wipeBrowserCaches deletes the profile's HTTP and script caches and the old version cache, keeping the login", async () => {
    writeSession();
    const profile = path.join(paths.sessionDir, 'session-main');
    for (const dir of BROWSER_CACHE_DIRS) {
      fs.mkdirSync(path.join(profile, dir), { recursive: true });
      fs.writeFileSync(path.join(profile, dir, 'data_0'), 'cached');
    }
    const login = path.join(profile, 'Default', 'IndexedDB', 'https_web.whatsapp.com_0.indexeddb.leveldb');
    fs.mkdirSync(login, { recursive: true });
    fs.writeFileSync(path.join(login, 'CURRENT'), 'MANIFEST-000001\n');

    const outcome = await new SessionFiles(new FaultyFs(), new InstantClock(), paths).wipeBrowserCaches();
    expect(outcome).toMatchObject({ wiped: true, remaining: [] });
    for (const dir of BROWSER_CACHE_DIRS) expect(fs.existsSync(path.join(profile, dir))).toBe(false);
    expect(fs.existsSync(paths.webCacheDir)).toBe(false);
    expect(fs.existsSync(path.join(login, 'CURRENT'))).toBe(true);
    expect(fs.existsSync(path.join(profile, 'Default', 'Cookies'))).toBe(true);
    expect(fs.existsSync(path.join(profile, 'Default', 'Service Worker'))).toBe(true);
  });

  it('wipeBrowserCaches reports a cache folder it cannot delete, without recording a pending wipe', async () => {
    writeSession();
    const cache = path.join(paths.sessionDir, 'session-main', BROWSER_CACHE_DIRS[0]!);
    fs.mkdirSync(cache, { recursive: true });
    const fsFake = new FaultyFs().failNext('rm', cache, 'EIO', Infinity);
    const outcome = await new SessionFiles(fsFake, new InstantClock(), paths).wipeBrowserCaches();
    expect(outcome).toMatchObject({ wiped: false, pendingWipe: false, remaining: [cache] });
    expect(fs.existsSync(paths.pendingWipeMarker)).toBe(false);
  });
});

describe('SessionFiles.ensureDirs', () => {
  it('creates the session folder private to this user even under a permissive umask, and no cache folder', async () => {
    const previous = process.umask(0o000);
    try {
      await new SessionFiles(new FaultyFs(), new InstantClock(), paths).ensureDirs();
    } finally {
      process.umask(previous);
    }
    expect(fs.statSync(paths.sessionDir).isDirectory()).toBe(true);
    if (process.platform !== 'win32') expect(fs.statSync(paths.sessionDir).mode & 0o777).toBe(0o700);
    // webVersionCache is 'none': nothing would ever be written there.
    expect(fs.existsSync(paths.webCacheDir)).toBe(false);
  });

  it('tightens folders that already exist with looser modes', async () => {
    fs.mkdirSync(paths.sessionDir, { recursive: true, mode: 0o755 });
    fs.chmodSync(paths.sessionDir, 0o755);
    await new SessionFiles(new FaultyFs(), new InstantClock(), paths).ensureDirs();
    if (process.platform !== 'win32') expect(fs.statSync(paths.sessionDir).mode & 0o777).toBe(0o700);
  });
});
