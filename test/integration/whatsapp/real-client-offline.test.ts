import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { appPathsFor, type AppPaths } from '../../../src/platform/app-paths';
import { systemClock } from '../../../src/platform/clock';
import type { WaStatus } from '../../../src/shared/status';
import { systemBrowserSearchEnv } from '../../../src/whatsapp/browser-search-env';
import { SessionFiles } from '../../../src/whatsapp/session-files';
import { OFFLINE_MESSAGE } from '../../../src/whatsapp/start-errors';
import { WwebjsWhatsApp } from '../../../src/whatsapp/wwebjs';

/**
 * The real whatsapp-web.js Client driving Debian's Chromium. This machine has no route to WhatsApp Web, so
 * initialize() fails on page.goto with net::ERR_NAME_NOT_RESOLVED (observed: within about a second); that
 * failure path, and where the library writes its files, is what this checks.
 */
const CHROMIUM = '/usr/bin/chromium';
const haveChromium = fs.existsSync(CHROMIUM);
const ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-sync'];

/** Chromium processes whose profile lives under `root`. */
function browsersUnder(root: string): string[] {
  try {
    return execFileSync('ps', ['-eo', 'pid,args'], { encoding: 'utf8' })
      .split('\n')
      .filter((line) => line.includes(`--user-data-dir=${root}`));
  } catch {
    return [];
  }
}

describe.skipIf(!haveChromium)(`real whatsapp-web.js Client offline (${haveChromium ? CHROMIUM : `skipped: ${CHROMIUM} is not installed`})`, () => {
  let root: string;
  let paths: AppPaths;
  let cwdBefore: string[];
  let wa: WwebjsWhatsApp;
  const statuses: WaStatus[] = [];
  const logs: string[] = [];

  beforeAll(() => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'wa-real-offline-'));
    paths = appPathsFor(root);
    cwdBefore = fs.readdirSync(process.cwd()).sort();
    wa = new WwebjsWhatsApp({ paths, clock: systemClock, browserPath: () => CHROMIUM, browserSearch: systemBrowserSearchEnv(), browserArgs: ARGS });
    wa.onStatus((s) => statuses.push(s));
    wa.onLog((l) => logs.push(`${l.level} ${l.message}`));
  });

  afterAll(async () => {
    await wa?.destroy();
    fs.rmSync(root, { recursive: true, force: true });
  });

  it('reaches the plain offline error from the failed page load, closes the browser, and writes only under the app folder', async () => {
    const files = new SessionFiles(fsp, systemClock, paths);
    await files.ensureDirs();
    await wa.start();
    // The guard only turns a hang into a failure; what shows the error came from the page load and not from a
    // timeout is its message and the network error in the log, below.
    await vi.waitFor(() => expect(wa.getStatus().kind).toBe('error'), { timeout: 25_000, interval: 50 });
    expect(wa.getStatus()).toEqual({ kind: 'error', message: OFFLINE_MESSAGE, actions: ['retry'] });
    expect(statuses.map((s) => s.kind)).toEqual(['starting', 'error']);
    expect(logs.some((l) => l.includes('ERR_NAME_NOT_RESOLVED') || l.includes('ERR_INTERNET_DISCONNECTED'))).toBe(true);

    // LocalAuth put the Chromium profile below the configured session folder...
    expect(fs.existsSync(path.join(paths.sessionDir, 'session-main', 'Default'))).toBe(true);
    // ...and nothing landed in the working directory (the library's defaults are ./.wwebjs_auth and ./.wwebjs_cache).
    expect(fs.readdirSync(process.cwd()).sort()).toEqual(cwdBefore);
    expect(fs.existsSync(path.join(process.cwd(), '.wwebjs_auth'))).toBe(false);
    expect(fs.existsSync(path.join(process.cwd(), '.wwebjs_cache'))).toBe(false);

    // A failed initialize() leaves Chromium running; the adapter closes it.
    await vi.waitFor(() => expect(browsersUnder(root)).toEqual([]), { timeout: 10_000, interval: 100 });
  });

  it('retry starts a fresh client that fails the same clear way', async () => {
    statuses.length = 0;
    await wa.start();
    await vi.waitFor(() => expect(wa.getStatus().kind).toBe('error'), { timeout: 10_000, interval: 50 });
    expect(wa.getStatus()).toEqual({ kind: 'error', message: OFFLINE_MESSAGE, actions: ['retry'] });
    expect(statuses.map((s) => s.kind)).toEqual(['starting', 'error']);
    await vi.waitFor(() => expect(browsersUnder(root)).toEqual([]), { timeout: 10_000, interval: 100 });
  });

  it('SessionFiles.wipe removes everything the real client wrote', async () => {
    await wa.destroy();
    const outcome = await new SessionFiles(fsp, systemClock, paths).wipe();
    expect(outcome).toMatchObject({ wiped: true, pendingWipe: false });
    expect(fs.existsSync(paths.sessionDir)).toBe(false);
    expect(fs.existsSync(paths.webCacheDir)).toBe(false);
    expect(fs.existsSync(paths.pendingWipeMarker)).toBe(false);
  });
});
