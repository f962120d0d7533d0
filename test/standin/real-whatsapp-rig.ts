/**
 * The app's real WhatsApp adapter (WwebjsWhatsApp over the real whatsapp-web.js and Debian's Chromium) pointed at
 * the stand-in WhatsApp Web. Waits are for states and events; the guard only turns a hang into a named failure.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { appPathsFor, type AppPaths } from '../../src/platform/app-paths';
import { CampaignService } from '../../src/campaign/campaign-service';
import { systemClock } from '../../src/platform/clock';
import type { WaStatus } from '../../src/shared/status';
import { SessionFiles } from '../../src/whatsapp/session-files';
import { defaultBrowserArgs } from '../../src/whatsapp/wwebjs-client';
import { WwebjsWhatsApp, type WwebjsWhatsAppOptions } from '../../src/whatsapp/wwebjs';
import { StandinWhatsApp, type KeyGeneration } from './standin-server';

export const CHROMIUM = '/usr/bin/chromium';
export const haveChromium = fs.existsSync(CHROMIUM);
export const GENERATIONS: KeyGeneration[] = ['legacy', 'minified'];
/** Long enough for a loaded 2-core CI machine; only a hang ever reaches it. */
export const GUARD_MS = 45_000;

/** Chromium processes whose profile lives under `root`. */
export function browsersUnder(root: string): string[] {
  const out = execFileSync('ps', ['-eo', 'pid,args'], { encoding: 'utf8' });
  return out.split('\n').filter((line) => line.includes(root) && /chrom/i.test(line));
}

/** Resolves when `check` holds, re-checked on every event of `subscribe`; rejects with `what` after the guard. */
export function when<T>(
  subscribe: (listener: () => void) => () => void,
  check: () => T | undefined | false,
  what: string,
  guardMs = GUARD_MS,
): Promise<T> {
  return new Promise((resolve, reject) => {
    let unsubscribe: () => void = () => undefined;
    const timer = setTimeout(() => {
      unsubscribe();
      reject(new Error(`Gave up waiting for ${what}`));
    }, guardMs);
    const test = () => {
      const value = check();
      if (value === undefined || value === false) return false;
      clearTimeout(timer);
      unsubscribe();
      resolve(value);
      return true;
    };
    unsubscribe = subscribe(() => void test());
    test();
  });
}

/** Polls a state outside the app's events (processes, files) until it holds. */
export async function eventually(check: () => boolean, what: string, guardMs = GUARD_MS): Promise<void> {
  const end = Date.now() + guardMs;
  while (!check()) {
    if (Date.now() > end) throw new Error(`Gave up waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

export interface RealWhatsAppRig {
  standin: StandinWhatsApp;
  port: WwebjsWhatsApp;
  paths: AppPaths;
  root: string;
  statuses: WaStatus[];
  logs: string[];
  status(kind: WaStatus['kind'], what?: string): Promise<WaStatus>;
  /** Starts and logs in by QR (or restores the session) until ready. */
  connect(): Promise<void>;
  close(): Promise<void>;
}

export async function realWhatsAppRig(
  generation: KeyGeneration,
  options: Partial<WwebjsWhatsAppOptions> = {},
  givenRoot?: string,
  givenStandin?: StandinWhatsApp,
): Promise<RealWhatsAppRig> {
  const standin = givenStandin ?? (await StandinWhatsApp.start({ generation }));
  const root = givenRoot ?? fs.mkdtempSync(path.join(os.tmpdir(), `wa-standin-${generation}-`));
  const paths = appPathsFor(root);
  await new SessionFiles(fsp, systemClock, paths).ensureDirs();
  const port = new WwebjsWhatsApp({
    paths,
    clock: systemClock,
    browserPath: () => CHROMIUM,
    browserArgs: [...defaultBrowserArgs(), '--no-sandbox', '--disable-gpu', ...standin.browserArgs()],
    ...options,
  });
  const statuses: WaStatus[] = [];
  const logs: string[] = [];
  port.onStatus((s) => statuses.push(s));
  port.onLog((l) => logs.push(`${l.level} ${l.message}`));
  const status = (kind: WaStatus['kind'], what = `status ${kind}`) =>
    when<WaStatus>(
      (l) => port.onStatus(l),
      () => (port.getStatus().kind === kind ? port.getStatus() : undefined),
      `${what} (last: ${JSON.stringify(port.getStatus()).slice(0, 200)}; log: ${logs.slice(-8).join(' | ')})`,
    );
  return {
    standin,
    port,
    paths,
    root,
    statuses,
    logs,
    status,
    async connect() {
      const qrOrReady = when<string>(
        (l) => port.onStatus(l),
        () => (['qr', 'ready'].includes(port.getStatus().kind) ? port.getStatus().kind : undefined),
        'a QR or ready',
      );
      await port.start();
      if ((await qrOrReady) === 'qr') standin.scanQr();
      await status('ready');
    },
    async close() {
      await port.destroy();
      if (!givenStandin) await standin.close();
      if (!givenRoot) fs.rmSync(root, { recursive: true, force: true });
    },
  };
}

/** A campaign service sending through the rig's real adapter, with the rig's folders and no opt-outs. */
export function campaignServiceOn(rig: RealWhatsAppRig): CampaignService {
  return new CampaignService({
    campaignsDir: rig.paths.campaignsDir,
    stateDir: rig.paths.stateDir,
    port: rig.port,
    clock: systemClock,
    optOut: { has: () => false },
  });
}
