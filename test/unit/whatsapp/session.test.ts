import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { appPathsFor, type AppPaths } from '../../../src/platform/app-paths';
import type { WaStatus } from '../../../src/shared/status';
import { SessionFiles } from '../../../src/whatsapp/session-files';
import { WhatsAppSession } from '../../../src/whatsapp/session';
import { SimulatedWhatsApp } from '../../../src/whatsapp/simulated';
import { WwebjsWhatsApp } from '../../../src/whatsapp/wwebjs';
import { FaultyFs } from '../../fakes/fake-fs';
import { fakeClientFactory, type FakeWwebjsClient } from '../../fakes/fake-wwebjs-client';
import { InstantClock, ManualClock } from './support/clocks';

let root: string;
let paths: AppPaths;

beforeEach(() => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), 'wa-session-'));
  paths = appPathsFor(root);
});
afterEach(() => fs.rmSync(root, { recursive: true, force: true }));

const profile = () => path.join(paths.sessionDir, 'session-main');

function simulatedSession(fsImpl = new FaultyFs()) {
  const clock = new ManualClock();
  const sim = new SimulatedWhatsApp({ sessionDir: paths.sessionDir, clock, autoScanAfterMs: null });
  const lines: string[] = [];
  const session = new WhatsAppSession({
    port: sim,
    sessionFiles: new SessionFiles(fsImpl, new InstantClock(), paths),
    log: (level, source, message) => lines.push(`${level} ${source} ${message}`),
  });
  return { session, sim, lines, fsImpl };
}

async function connectAndScan(made: ReturnType<typeof simulatedSession>) {
  await made.session.connect();
  await made.sim.simulateScan();
  fs.mkdirSync(paths.webCacheDir, { recursive: true });
  fs.writeFileSync(path.join(paths.webCacheDir, '2.3000.1.html'), '<html/>');
  expect(made.session.getStatus().kind).toBe('ready');
}

describe('WhatsAppSession', () => {
  it('connect creates private folders and starts the port; status is passed through', async () => {
    const made = simulatedSession();
    const seen: WaStatus['kind'][] = [];
    made.session.onStatus((s) => seen.push(s.kind));
    expect(made.session.getStatus()).toEqual({ kind: 'idle' });
    await made.session.connect();
    expect(seen).toEqual(['starting', 'qr']);
    expect(fs.statSync(paths.sessionDir).isDirectory()).toBe(true);
  });

  it('logout unlinks, deletes the session and the cache, and verifies', async () => {
    const made = simulatedSession();
    await connectAndScan(made);
    const outcome = await made.session.logout();
    expect(outcome).toEqual({ wiped: true, pendingWipe: false, message: expect.any(String) });
    expect(fs.existsSync(paths.sessionDir)).toBe(false);
    expect(fs.existsSync(paths.webCacheDir)).toBe(false);
    expect(made.session.getStatus()).toEqual({ kind: 'idle' });
    expect(made.lines.some((l) => l.includes('Logged out of WhatsApp'))).toBe(true);
  });

  it('a wipe that cannot finish is recorded, and the next connect completes it before starting', async () => {
    const locked = new FaultyFs();
    const made = simulatedSession(locked);
    await connectAndScan(made);
    locked.failNext('rm', paths.sessionDir, 'EBUSY', Infinity);
    const outcome = await made.session.logout();
    expect(outcome).toMatchObject({ wiped: false, pendingWipe: true });
    expect(fs.existsSync(paths.pendingWipeMarker)).toBe(true);
    // The simulated LocalAuth removed its own profile, but the folder itself is still locked.
    expect(fs.existsSync(paths.sessionDir)).toBe(true);
    fs.mkdirSync(path.join(profile(), 'Default'), { recursive: true });

    // Next start of the app: a new session over an unlocked disk.
    const next = simulatedSession();
    await next.session.connect();
    expect(fs.existsSync(paths.pendingWipeMarker)).toBe(false);
    expect(fs.existsSync(profile())).toBe(false);
    // The leftover profile was wiped before the port started, so it asks for a QR instead of restoring.
    expect(next.session.getStatus().kind).toBe('qr');
    expect(next.lines.some((l) => l.startsWith('info session Pending wipe'))).toBe(true);
  });

  it("resetCache deletes the browser's caches and connects again with the saved session", async () => {
    const made = simulatedSession();
    await connectAndScan(made);
    const scripts = path.join(profile(), 'Default', 'Service Worker', 'ScriptCache');
    fs.mkdirSync(scripts, { recursive: true });
    fs.writeFileSync(path.join(scripts, 'index'), 'stale WhatsApp Web');
    await made.session.resetCache();
    expect(fs.existsSync(scripts)).toBe(false);
    expect(fs.existsSync(paths.webCacheDir)).toBe(false);
    expect(fs.existsSync(path.join(profile(), 'Default', 'Preferences'))).toBe(true);
    expect(made.session.getStatus().kind).toBe('ready');
    expect(made.lines.some((l) => l.startsWith('info session Reset cache: Deleted'))).toBe(true);
  });

  it('quit keeps the session by default and logs out when asked', async () => {
    const made = simulatedSession();
    await connectAndScan(made);
    expect(await made.session.quit({ logoutOnExit: false })).toBeNull();
    expect(fs.existsSync(path.join(profile(), 'Default'))).toBe(true);
    expect(made.session.getStatus().kind).toBe('idle');

    await made.session.connect();
    expect(made.session.getStatus().kind).toBe('ready');
    const outcome = await made.session.quit({ logoutOnExit: true });
    expect(outcome?.wiped).toBe(true);
    expect(fs.existsSync(paths.sessionDir)).toBe(false);
  });

  it('creates the port from a factory only when first used', async () => {
    const factory = vi.fn(() => new SimulatedWhatsApp({ sessionDir: paths.sessionDir, clock: new ManualClock() }));
    const session = new WhatsAppSession({ port: factory, sessionFiles: new SessionFiles(new FaultyFs(), new InstantClock(), paths) });
    expect(session.getStatus()).toEqual({ kind: 'idle' });
    expect(factory).not.toHaveBeenCalled();
    await session.connect();
    await session.connect();
    expect(factory).toHaveBeenCalledTimes(1);
  });
});

describe('WhatsAppSession over the whatsapp-web.js adapter', () => {
  function realAdapterSession(setup?: (client: FakeWwebjsClient, n: number) => void) {
    let n = 0;
    const clients = fakeClientFactory((client) => setup?.(client, ++n));
    const port = new WwebjsWhatsApp({
      paths,
      clock: new ManualClock(),
      browserSearch: { platform: 'linux', env: {}, exists: (p) => p === '/usr/bin/chromium' },
      createClient: clients.factory,
    });
    const session = new WhatsAppSession({ port, sessionFiles: new SessionFiles(new FaultyFs(), new InstantClock(), paths) });
    return { session, clients };
  }

  it('never calls logout() after destroy(): a closed client is only wiped', async () => {
    const { session, clients } = realAdapterSession();
    await session.connect();
    const client = clients.latest();
    client.emit('authenticated');
    client.emit('ready');
    fs.mkdirSync(path.join(profile(), 'Default'), { recursive: true });
    await session.quit({ logoutOnExit: false });
    const outcome = await session.logout();
    expect(client.count('logout')).toBe(0);
    expect(outcome.wiped).toBe(true);
    expect(fs.existsSync(paths.sessionDir)).toBe(false);
  });

  it('when logout() inside WhatsApp fails, the browser is closed and the files are still wiped', async () => {
    const { session, clients } = realAdapterSession();
    await session.connect();
    const client = clients.latest();
    client.emit('authenticated');
    client.emit('ready');
    client.logoutBehaviour = async () => {
      throw new Error('Protocol error (Runtime.callFunctionOn): Target closed');
    };
    fs.mkdirSync(path.join(profile(), 'Default'), { recursive: true });
    const outcome = await session.logout();
    expect(client.count('logout')).toBe(1);
    expect(client.count('destroy')).toBeGreaterThanOrEqual(1);
    expect(outcome).toMatchObject({ wiped: true, pendingWipe: false });
    expect(fs.existsSync(paths.sessionDir)).toBe(false);
  });

  it('connect after an offline error closes the failed client and starts a new one', async () => {
    const { session, clients } = realAdapterSession((client, n) => {
      if (n === 1)
        client.initializeBehaviour = async () => {
          throw new Error('net::ERR_NAME_NOT_RESOLVED at https://web.whatsapp.com/');
        };
    });
    await session.connect();
    await vi.waitFor(() => expect(session.getStatus()).toMatchObject({ kind: 'error', actions: ['retry'] }));
    await session.connect();
    expect(clients.made).toHaveLength(2);
    expect(clients.made[0]?.count('destroy')).toBe(1);
    expect(clients.made[1]?.count('initialize')).toBe(1);
    expect(session.getStatus().kind).toBe('starting');
  });
});
