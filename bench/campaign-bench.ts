/**
 * Campaign send loop figures (printed, never asserted):
 * 1. the loop's own overhead per message with zero delays over the simulated WhatsApp, every journal write fsynced;
 * 2. peak memory for a 100,000-contact campaign (create, reload, and run a slice of it);
 * 3. pushes reaching the renderer through the notifier while sending at full speed (bounded by coalescing).
 *
 * `npm run bench -- campaign` or `npx tsx bench/campaign-bench.ts [--messages N] [--contacts N] [--full]`.
 */
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Campaign } from '../src/campaign/campaign';
import { CampaignService } from '../src/campaign/campaign-service';
import type { ContactRecord } from '../src/campaign/contact-record';
import { noWaitPacing } from '../test/fakes/no-wait-pacing';
import { Notifier } from '../src/ipc/notifier';
import { systemClock } from '../src/platform/clock';
import { SimulatedWhatsApp } from '../src/whatsapp/simulated';

const arg = (name: string, fallback: number): number => {
  const i = process.argv.indexOf(name);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
};
const MESSAGES = arg('--messages', 2000);
const CONTACTS = arg('--contacts', 100_000);
const FULL = process.argv.includes('--full');

const zeroPacing = noWaitPacing({ dailyCap: 100_000 });

const contactsOf = (n: number): ContactRecord[] =>
  Array.from({ length: n }, (_, i) => ({
    phone: `+4479${String(i).padStart(8, '0')}`,
    fields: { Name: `Person ${i}`, City: ['London', 'Leeds', 'York'][i % 3]!, Code: `C${i}` },
    row: i + 2,
  }));

let peakRss = 0;
let peakHeap = 0;
const sampler = setInterval(() => {
  const m = process.memoryUsage();
  peakRss = Math.max(peakRss, m.rss);
  peakHeap = Math.max(peakHeap, m.heapUsed);
}, 20);
const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;

async function ready(port: SimulatedWhatsApp): Promise<void> {
  await port.start();
  for (let i = 0; i < 500 && port.getStatus().kind !== 'ready'; i++) await new Promise((r) => setTimeout(r, 10));
}

async function service(root: string, withOutbox: boolean) {
  const port = new SimulatedWhatsApp({
    sessionDir: path.join(root, 'session'),
    clock: systemClock,
    autoScanAfterMs: 0,
    outboxFile: withOutbox ? path.join(root, 'outbox.jsonl') : null,
  });
  await ready(port);
  const svc = new CampaignService({
    campaignsDir: path.join(root, 'campaigns'),
    stateDir: path.join(root, 'state'),
    port,
    clock: systemClock,
    optOut: { has: () => false },
  });
  return { port, svc };
}

async function overhead(): Promise<void> {
  const root = await fs.mkdtemp(path.join(os.tmpdir(), 'wa-bench-loop-'));
  for (const withOutbox of [false, true]) {
    const { port, svc } = await service(path.join(root, String(withOutbox)), withOutbox);
    const campaign = await svc.create({
      template: '{Hi|Hello} {{name}} from {{city}}',
      pacing: zeroPacing,
      contacts: contactsOf(MESSAGES),
      columns: ['Name', 'City', 'Code'],
    });
    const start = process.hrtime.bigint();
    await (
      await svc.run(campaign.id)
    ).done;
    const ms = Number(process.hrtime.bigint() - start) / 1e6;
    const c = campaign.model.counts();
    console.log(
      `loop overhead${withOutbox ? ' (+ simulated outbox fsync)' : ''}: ${c.sent} messages in ${ms.toFixed(0)} ms = ${(ms / c.sent).toFixed(3)} ms/message (${Math.round((c.sent / ms) * 1000)} msg/s), journal + daily counter fsynced per step`,
    );
    await svc.close();
    await port.destroy();
  }
  await fs.rm(root, { recursive: true, force: true });
}

async function bigCampaign(): Promise<void> {
  const root = await fs.mkdtemp(path.join(os.tmpdir(), 'wa-bench-big-'));
  const { port, svc } = await service(root, false);
  const baseline = process.memoryUsage();
  peakRss = baseline.rss;
  peakHeap = baseline.heapUsed;
  let t = Date.now();
  const campaign = await svc.create({
    template: 'Hi {{name}}, code {{code}}',
    pacing: zeroPacing,
    contacts: contactsOf(CONTACTS),
    columns: ['Name', 'City', 'Code'],
  });
  console.log(`create ${CONTACTS.toLocaleString()}-contact campaign: ${Date.now() - t} ms`);

  // Pushes as the renderer would get them: count what the notifier actually sends.
  const notifier = new Notifier();
  const pushes = new Map<string, number>();
  let items = 0;
  notifier.addSink({
    send: (channel, payload) => {
      pushes.set(channel, (pushes.get(channel) ?? 0) + 1);
      if (Array.isArray(payload)) items += payload.length;
    },
  });
  svc.progress.on((s) => notifier.emit('campaign:progress', s));
  svc.contactUpdates.on((u) => notifier.emit('campaign:contacts', u));

  const slice = FULL ? CONTACTS : Math.min(CONTACTS, MESSAGES);
  const run = await svc.run(campaign.id);
  t = Date.now();
  if (!FULL) {
    await new Promise<void>((resolve) => {
      const off = svc.progress.on((s) => {
        if (s.counts.sent >= slice) {
          off();
          resolve();
        }
      });
    });
    svc.pause(campaign.id);
    await new Promise((r) => setTimeout(r, 200));
  } else await run.done;
  const seconds = (Date.now() - t) / 1000;
  notifier.flush();
  const progress = pushes.get('campaign:progress') ?? 0;
  const rows = pushes.get('campaign:contacts') ?? 0;
  console.log(
    `pushes to the renderer while sending ${slice} messages in ${seconds.toFixed(1)} s: ${progress} progress (${(progress / seconds).toFixed(1)}/s), ${rows} row batches (${(rows / seconds).toFixed(1)}/s) carrying ${items} row updates`,
  );
  await svc.close();
  await port.destroy();

  t = Date.now();
  const reloaded = (await Campaign.load(campaign.dir, { readOnly: true }))!;
  console.log(`reload ${CONTACTS.toLocaleString()} contacts + journal: ${Date.now() - t} ms; counts ${JSON.stringify(reloaded.model.counts())}`);
  const m = process.memoryUsage();
  peakRss = Math.max(peakRss, m.rss);
  peakHeap = Math.max(peakHeap, m.heapUsed);
  console.log(
    `peak memory, ${CONTACTS.toLocaleString()}-contact campaign (${FULL ? 'full run' : `${slice} sent`}): rss ${mb(peakRss)} (baseline ${mb(baseline.rss)}), heap ${mb(peakHeap)} (baseline ${mb(baseline.heapUsed)})`,
  );
  await fs.rm(root, { recursive: true, force: true });
}

async function main(): Promise<void> {
  await overhead();
  await bigCampaign();
  clearInterval(sampler);
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
