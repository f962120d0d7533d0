import { afterEach } from 'vitest';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { DEFAULT_PACING } from '../../../src/core/pacing';
import { CampaignService } from '../../../src/campaign/campaign-service';
import type { ContactRecord } from '../../../src/campaign/contact-record';
import type { JournalFs } from '../../../src/campaign/journal';
import type { PacingSettings } from '../../../src/shared/contract/campaign';
import { WwebjsWhatsApp } from '../../../src/whatsapp/wwebjs';
import { FakeClock } from '../../fakes/fake-clock';
import { FakeWhatsApp } from '../../fakes/fake-whatsapp';
import { fakeClientFactory, type FakeWwebjsClient } from '../../fakes/fake-wwebjs-client';
import { seededRandom } from '../../fakes/seeded-random';

export const fastPacing = (change: Partial<PacingSettings> = {}): PacingSettings => ({
  ...DEFAULT_PACING,
  minDelaySec: 1,
  maxDelaySec: 2,
  batchSizeMin: 1000,
  batchSizeMax: 1000,
  batchPauseMinSec: 0,
  batchPauseMaxSec: 0,
  window: null,
  typingDelay: false,
  dailyCap: 10_000,
  ...change,
});

export const makeContacts = (n: number, start = 0): ContactRecord[] =>
  Array.from({ length: n }, (_, k) => ({
    phone: `+1415555${String(start + k).padStart(4, '0')}`,
    fields: { Name: `Person ${start + k}` },
    row: start + k + 2,
  }));

export const chatOf = (phone: string) => `${phone.slice(1)}@c.us`;

export async function tmpDir(prefix = 'wa-campaign-'): Promise<string> {
  return fs.mkdtemp(path.join(os.tmpdir(), prefix));
}

export interface Rig {
  dir: string;
  clock: FakeClock;
  port: FakeWhatsApp;
  optOut: Set<string>;
  service: CampaignService;
  newService(): CampaignService;
}

export async function makeRig(dir?: string): Promise<Rig> {
  const root = dir ?? (await tmpDir());
  const clock = new FakeClock();
  const port = new FakeWhatsApp(clock);
  const optOut = new Set<string>();
  const newService = () =>
    new CampaignService({
      campaignsDir: path.join(root, 'campaigns'),
      stateDir: path.join(root, 'state'),
      port,
      clock,
      optOut: { has: (p) => optOut.has(p) },
      random: seededRandom(42),
    });
  return { dir: root, clock, port, optOut, service: newService(), newService };
}

/** Polls (real time) until the condition holds (it may read a file: a promise); fails the test with `what` after `ms`. */
export async function until(condition: () => boolean | Promise<boolean>, what: string, ms = 5000): Promise<void> {
  const end = Date.now() + ms;
  while (!(await condition())) {
    if (Date.now() > end) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 2));
  }
}

/** A rig factory for one test file: every rig it makes is stopped and closed after each test. */
export function rigsClosedAfterEach(): () => Promise<Rig> {
  let rigs: Rig[] = [];
  afterEach(async () => {
    for (const r of rigs) {
      r.clock.stopAuto();
      await r.service.close().catch(() => undefined);
    }
    rigs = [];
  });
  return async () => {
    const r = await makeRig();
    rigs.push(r);
    return r;
  };
}

export interface WwebjsRig {
  clock: FakeClock;
  /** The real adapter, over a fake whatsapp-web.js Client. */
  port: WwebjsWhatsApp;
  client: FakeWwebjsClient;
  service: CampaignService;
}

/**
 * A campaign service sending through the real adapter (WwebjsWhatsApp) over the fake whatsapp-web.js Client,
 * already ready; every contact given is registered on "WhatsApp". Closed after each test.
 */
export function wwebjsRigsClosedAfterEach(): (
  contacts: readonly ContactRecord[],
  setup?: (client: FakeWwebjsClient) => void,
  journalFs?: JournalFs,
) => Promise<WwebjsRig> {
  let rigs: WwebjsRig[] = [];
  afterEach(async () => {
    for (const r of rigs) {
      r.clock.stopAuto();
      await r.service.close().catch(() => undefined);
      await r.port.destroy().catch(() => undefined);
    }
    rigs = [];
  });
  return async (contacts, setup, journalFs) => {
    const root = await tmpDir();
    const clock = new FakeClock();
    const clients = fakeClientFactory(setup);
    const port = new WwebjsWhatsApp({
      paths: { sessionDir: path.join(root, 'session') },
      clock,
      browserSearch: { platform: 'linux', env: {}, exists: (p) => p === '/usr/bin/chromium' },
      createClient: clients.factory,
    });
    await port.start();
    const client = clients.latest();
    client.now = () => clock.now();
    for (const c of contacts) client.registered.set(c.phone.slice(1), chatOf(c.phone));
    client.info = { wid: { user: '15550001111' }, pushname: 'Test' };
    client.emit('authenticated');
    client.emit('ready');
    const service = new CampaignService({
      campaignsDir: path.join(root, 'campaigns'),
      stateDir: path.join(root, 'state'),
      port,
      clock,
      optOut: { has: () => false },
      random: seededRandom(42),
      journalFs,
    });
    const rig = { clock, port, client, service };
    rigs.push(rig);
    return rig;
  };
}
