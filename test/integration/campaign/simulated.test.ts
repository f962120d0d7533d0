/** The campaign service over the simulated WhatsApp (real files, real timers, zero pacing delays). */
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { checkAttachment } from '../../../src/campaign/attachment';
import { CampaignService } from '../../../src/campaign/campaign-service';
import { noWaitPacing } from '../../fakes/no-wait-pacing';
import { systemClock } from '../../../src/platform/clock';
import { SimulatedWhatsApp, type SimulatedWhatsAppOptions } from '../../../src/whatsapp/simulated';

const pacing = noWaitPacing({ sendTimeoutSec: 5 });
const contacts = (n: number) =>
  Array.from({ length: n }, (_, i) => ({ phone: `+3161234${String(i).padStart(4, '0')}`, fields: { Name: `N${i}` }, row: i + 2 }));

const cleanups: Array<() => Promise<unknown>> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c().catch(() => undefined);
});

async function setup(options: Partial<SimulatedWhatsAppOptions> = {}, optOut = new Set<string>(), givenRoot?: string) {
  const root = givenRoot ?? (await fs.mkdtemp(path.join(os.tmpdir(), 'wa-sim-campaign-')));
  const outbox = path.join(root, 'outbox.jsonl');
  const port = new SimulatedWhatsApp({
    sessionDir: path.join(root, 'session'),
    clock: systemClock,
    autoScanAfterMs: 0,
    outboxFile: outbox,
    ...options,
  });
  const service = new CampaignService({
    campaignsDir: path.join(root, 'campaigns'),
    stateDir: path.join(root, 'state'),
    port,
    clock: systemClock,
    optOut: { has: (p) => optOut.has(p) },
  });
  cleanups.push(
    () => fs.rm(root, { recursive: true, force: true }),
    () => port.destroy(),
    () => service.close(),
  );
  await port.start();
  for (let i = 0; i < 200 && port.getStatus().kind !== 'ready'; i++) await new Promise((r) => setTimeout(r, 5));
  const outboxLines = async () =>
    (await fs.readFile(outbox, 'utf8').catch(() => ''))
      .split('\n')
      .filter(Boolean)
      .map((l) => JSON.parse(l) as { to: string; body: string; media?: string });
  return { root, port, service, outboxLines };
}

/** Every call to WhatsApp made while `when()` holds, whenever it comes (instead of waiting a while and looking). */
function callsWhile(port: SimulatedWhatsApp, when: () => boolean): string[] {
  const calls: string[] = [];
  const checkNumber = port.checkNumber.bind(port);
  const sendText = port.sendText.bind(port);
  port.checkNumber = (digits) => (when() && calls.push(`check ${digits}`), checkNumber(digits));
  port.sendText = (chatId, body) => (when() && calls.push(`send ${chatId}`), sendText(chatId, body));
  return calls;
}

const waitFor = async (condition: () => boolean, what: string) => {
  for (let i = 0; i < 1000 && !condition(); i++) await new Promise((r) => setTimeout(r, 5));
  if (!condition()) throw new Error(`timed out waiting for ${what}`);
};

describe('campaign over the simulated WhatsApp', () => {
  it('survives a disconnect mid-campaign and sends everyone once, with receipts', async () => {
    const { port, service, outboxLines } = await setup({ sendLatencyMs: 15, ackDelaysMs: { delivered: 20, read: 40 } });
    const campaign = await service.create({ template: 'Hi {{name}}', pacing, contacts: contacts(30), columns: ['Name'] });
    // From the moment the campaign says it waits for WhatsApp until it runs again: no call at all. (A send already
    // under way when the connection drops reaches WhatsApp, which refuses it; that one is not the runner waiting.)
    const whileWaiting = callsWhile(port, () => service.summaryOf(campaign).state === 'waiting');
    const { done } = await service.run(campaign.id);
    await waitFor(() => campaign.model.counts().sent >= 8, 'some sends');
    port.simulateDisconnect('phone lost signal');
    await waitFor(() => service.summaryOf(campaign).state === 'waiting', 'waiting');
    expect(service.summaryOf(campaign).reason).toMatch(/phone lost signal/);
    const sentWhileDown = (await outboxLines()).length;
    expect(sentWhileDown).toBe(campaign.model.counts().sent);
    await port.simulateReconnect();
    await done;
    expect(whileWaiting).toEqual([]);
    const lines = await outboxLines();
    expect(lines).toHaveLength(30);
    expect(new Set(lines.map((l) => l.to)).size).toBe(30);
    expect(campaign.model.counts()).toMatchObject({ sent: 30, failed: 0, unconfirmed: 0 });
    await waitFor(() => campaign.model.counts().read >= 25, 'read receipts');
  });

  it('stops with the reason on auth failure', async () => {
    const { port, service } = await setup({ sendLatencyMs: 10 });
    const campaign = await service.create({ template: 'Hi', pacing, contacts: contacts(50), columns: [] });
    const { done } = await service.run(campaign.id);
    await waitFor(() => campaign.model.counts().sent >= 3, 'some sends');
    // The session is rejected on the next start (e.g. unlinked from the phone).
    (port as unknown as { options: SimulatedWhatsAppOptions }).options.failAuth = true;
    port.simulateDisconnect('logged out elsewhere');
    await port.simulateReconnect();
    await done;
    const summary = service.summaryOf(campaign);
    expect(summary.state).toBe('stopped');
    expect(summary.reason).toMatch(/auth failure/);
    expect(summary.counts.pending).toBeGreaterThan(0);
  });

  it('pauses, resumes and stops, checking opt-outs at send time', async () => {
    const optOut = new Set<string>();
    const { port, service, outboxLines } = await setup({ sendLatencyMs: 10 }, optOut);
    const list = contacts(40);
    const campaign = await service.create({ template: 'Hi {{name}}', pacing, contacts: list, columns: ['Name'] });
    const whilePaused = callsWhile(port, () => service.summaryOf(campaign).state === 'paused');
    await service.run(campaign.id);
    await waitFor(() => campaign.model.counts().sent >= 5, 'some sends');
    service.pause(campaign.id);
    await waitFor(() => service.summaryOf(campaign).state === 'paused', 'paused');
    const atPause = (await outboxLines()).length;
    expect(atPause).toBe(campaign.model.counts().sent);
    optOut.add(list[39]!.phone); // replied STOP while paused
    const { done } = await service.resume(campaign.id);
    await waitFor(() => campaign.model.counts().sent >= atPause + 5, 'sending again');
    await service.stop(campaign.id);
    await done;
    const lines = await outboxLines();
    expect(service.summaryOf(campaign)).toMatchObject({ state: 'stopped', resumable: false });
    expect(lines.length).toBe(campaign.model.counts().sent);
    expect(new Set(lines.map((l) => l.to)).size).toBe(lines.length);
    expect(campaign.model.counts().pending).toBeGreaterThan(0);
    expect(lines.some((l) => `+${l.to}` === list[39]!.phone)).toBe(false);
    expect(whilePaused).toEqual([]);
  });

  it('holds the daily cap across two campaigns and a restart', async () => {
    const first = await setup();
    const capped = { ...pacing, dailyCap: 6 };
    const a = await first.service.create({ template: 'A', pacing: capped, contacts: contacts(4), columns: [] });
    await (
      await first.service.run(a.id)
    ).done;
    await first.service.close();
    await first.port.destroy();
    const second = await setup({}, new Set(), first.root);
    const b = await second.service.create({
      template: 'B',
      pacing: capped,
      contacts: contacts(5).map((c) => ({ ...c, phone: c.phone.replace('+31', '+32') })),
      columns: [],
    });
    await second.service.run(b.id);
    await waitFor(() => second.service.summaryOf(b).state === 'waiting', 'cap reached');
    expect(second.service.summaryOf(b).reason).toMatch(/daily cap of 6/);
    expect(b.model.counts()).toMatchObject({ sent: 2, pending: 3 });
    expect((await second.outboxLines()).length).toBe(6);
    await second.service.stop(b.id);
  });

  it('sends an attachment with the text as caption', async () => {
    const { root, service, outboxLines } = await setup();
    const pdf = path.join(root, 'offer.pdf');
    await fs.writeFile(pdf, '%PDF-1.4\n%fake but well-formed enough for the check\n');
    const attachment = await checkAttachment(pdf);
    expect(attachment).toMatchObject({ kind: 'pdf', mimeType: 'application/pdf' });
    const campaign = await service.create({ template: 'See {{name}}', pacing, contacts: contacts(2), columns: ['Name'], attachment });
    await fs.rm(pdf); // the campaign keeps its own copy
    await (
      await service.run(campaign.id)
    ).done;
    expect(await outboxLines()).toEqual([
      expect.objectContaining({ body: 'See N0', media: 'offer.pdf' }),
      expect.objectContaining({ body: 'See N1', media: 'offer.pdf' }),
    ]);
  });
});
