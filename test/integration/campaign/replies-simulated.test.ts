/**
 * Replies over the simulated WhatsApp with real files: scripted replies come in after delivery, are journalled on
 * their contacts, and a STOP puts the number on the do-not-message list at once, so the next send to it (a resumed
 * or a later campaign) never happens.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { CampaignService } from '../../../src/campaign/campaign-service';
import { exportCsv, exportXlsx } from '../../../src/campaign/export';
import { readJournal } from '../../../src/campaign/journal';
import { ReplyStore } from '../../../src/campaign/replies-store';
import { ReplyTracker, type ReplyEvent } from '../../../src/campaign/replies';
import { jsonFile } from '../../../src/contacts/json-file';
import { OptOutList } from '../../../src/contacts/opt-out';
import { DEFAULT_OPT_OUT_KEYWORDS } from '../../../src/core/opt-out-keywords';
import { appPathsFor } from '../../../src/platform/app-paths';
import { systemClock } from '../../../src/platform/clock';
import type { Listeners } from '../../../src/shared/events';
import { SimulatedReplies } from '../../../src/whatsapp/simulated-replies';
import { SimulatedWhatsApp } from '../../../src/whatsapp/simulated';
import { noWaitPacing } from '../../fakes/no-wait-pacing';

const cleanups: Array<() => unknown> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

/** Resolves with the first event that passes `check` (no timing: the event decides). */
const next = <T>(listeners: Listeners<T>, check: (value: T) => boolean = () => true): Promise<T> =>
  new Promise((resolve) => {
    const off = listeners.on((value) => {
      if (!check(value)) return;
      off();
      resolve(value);
    });
  });

const phones = ['+971501230001', '+971501230002', '+971501230003'];
const contacts = phones.map((phone, i) => ({ phone, fields: { Name: `P${i}` }, row: i + 2 }));

async function rig(script: Array<{ from: string; body: string; afterMs: number }>) {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'wa-replies-'));
  const paths = appPathsFor(root);
  const port = new SimulatedWhatsApp({
    sessionDir: paths.sessionDir,
    clock: systemClock,
    autoScanAfterMs: 0,
    ackDelaysMs: { delivered: 0, read: 0 },
  });
  const ready = new Promise<void>((resolve) => port.onStatus((s) => s.kind === 'ready' && resolve()));
  await port.start();
  await ready;
  const optOut = new OptOutList(jsonFile(paths.optOutFile));
  await optOut.load();
  const store = new ReplyStore(jsonFile(path.join(paths.stateDir, 'replies.json')));
  await store.load();
  const service = new CampaignService({ campaignsDir: paths.campaignsDir, stateDir: paths.stateDir, port, clock: systemClock, optOut });
  const tracker = new ReplyTracker({
    port,
    clock: systemClock,
    campaigns: () => service.loadAll(),
    store,
    optOut,
    settings: () => ({ keywords: DEFAULT_OPT_OUT_KEYWORDS, confirmation: 'You will get no more messages from us.' }),
  });
  const replies = new SimulatedReplies(
    port,
    systemClock,
    script.map((r) => ({ ...r, from: r.from.slice(1) })),
  );
  const outgoing: Array<{ to: string; body: string }> = [];
  const sendText = port.sendText.bind(port);
  port.sendText = (chatId, body) => (outgoing.push({ to: chatId, body }), sendText(chatId, body));
  cleanups.push(
    () => fs.rmSync(root, { recursive: true, force: true }),
    () => port.destroy(),
    () => service.close(),
    () => tracker.close(),
    () => replies.close(),
  );
  return { root, paths, port, optOut, store, service, tracker, outgoing };
}

describe('replies over the simulated WhatsApp', () => {
  it('journals replies on their contacts, and a STOP keeps every later campaign from messaging that number', async () => {
    const r = await rig([
      { from: phones[0]!, body: 'STOP', afterMs: 0 },
      { from: phones[1]!, body: 'Thank you, see you tomorrow!', afterMs: 0 },
    ]);
    const got: ReplyEvent[] = [];
    const two = new Promise<void>((resolve) => r.tracker.replies.on((e) => got.push(e) === 2 && resolve()));
    const first = await r.service.create({ template: 'Hello {{Name}}', pacing: noWaitPacing(), contacts, columns: ['Name'] });
    await (
      await r.service.run(first.id)
    ).done;
    await two;

    const stop = got.find((e) => e.phone === phones[0])!;
    expect(stop).toMatchObject({ campaignId: first.id, index: 0, text: 'STOP', optOutKeyword: 'STOP' });
    expect(got.find((e) => e.phone === phones[1])).toMatchObject({ index: 1, optOutKeyword: null, text: 'Thank you, see you tomorrow!' });
    expect(r.optOut.has(phones[0]!)).toBe(true);
    expect(r.optOut.noteOf(phones[0]!)).toMatch(/^replied STOP on \d{1,2} \w{3} \d{4}$/);
    expect(r.optOut.has(phones[1]!)).toBe(false);
    // The journal on disk holds both replies on their contacts.
    const journal = await readJournal(path.join(first.dir, 'journal.jsonl'), { total: 3 });
    const lines = journal.entries.filter((e) => (e as { t: string }).t === 'reply') as unknown as Array<{ i: number }>;
    expect(lines).toEqual([
      expect.objectContaining({ t: 'reply', i: expect.any(Number), text: expect.any(String) }),
      expect.objectContaining({ t: 'reply' }),
    ]);
    expect(lines.find((l) => l.i === 0)).toMatchObject({ text: 'STOP', stop: true });
    expect(await r.tracker.book.countsOf(first)).toEqual({ replied: 2, optedOutByReply: 1 });
    expect(r.store.hasReplied(phones[1]!)).toBe(true);
    expect(r.store.hasReplied(phones[2]!)).toBe(false);
    // The exports carry the reply's time and preview.
    await exportCsv(first, path.join(r.root, 'results.csv'));
    const csv = fs.readFileSync(path.join(r.root, 'results.csv'), 'utf8').split('\r\n');
    expect(csv[0]).toContain('Read at,Replied at,Reply,');
    expect(csv[1]).toMatch(/^2,\+971501230001,P0,.*,\d{4}-\d\d-\d\d \d\d:\d\d:\d\d,STOP,/);
    expect(csv[3]).toMatch(/:\d\d,,,true_/); // read, then no reply
    await exportXlsx(first, path.join(r.root, 'results.xlsx'));
    // The confirmation went once, to the number that opted out.
    expect(r.outgoing.filter((o) => !o.body.startsWith('Hello'))).toEqual([
      { to: '971501230001@c.us', body: 'You will get no more messages from us.' },
    ]);

    const second = await r.service.create({ template: 'Again, {{Name}}', pacing: noWaitPacing(), contacts, columns: ['Name'] });
    await (
      await r.service.run(second.id)
    ).done;
    expect(second.model.statusOf(0)).toBe('skipped');
    expect(second.model.contact(0).reason).toBe('opted out');
    expect(second.model.statusOf(1)).not.toBe('skipped');
    // The first campaign's message and the confirmation: the second campaign sent nothing there.
    const toFirst = await r.port.recentMessages('971501230001@c.us', 10);
    expect(toFirst.map((m) => m.body)).toEqual(['Hello P0', 'You will get no more messages from us.']);
  }, 30_000);

  it('honours a STOP that comes while a campaign is under way, before that contact is messaged again', async () => {
    const r = await rig([]);
    const first = await r.service.create({ template: 'Hi {{Name}}', pacing: noWaitPacing(), contacts, columns: ['Name'] });
    await (
      await r.service.run(first.id)
    ).done;

    const second = await r.service.create({ template: 'Reminder for {{Name}}', pacing: noWaitPacing(), contacts, columns: ['Name'] });
    const { done } = await r.service.run(second.id);
    r.service.pause(second.id);
    const paused = next(r.service.progress, (s) => s.id === second.id && s.state === 'paused');
    await paused;
    const sentBefore = second.model.counts().sent;
    expect(sentBefore).toBeLessThan(3);
    // The third contact (not messaged yet by this campaign) writes "Baja." from the first campaign's chat.
    const reply = next(r.tracker.replies);
    r.port.receive({ from: '971501230003@c.us', fromNumber: '971501230003', body: ' Baja. ', at: Date.now(), id: 'in-1' });
    // Journalled on the campaign that messaged that number: the first (the second has not reached it).
    expect(await reply).toMatchObject({ campaignId: first.id, index: 2, optOutKeyword: 'BAJA', text: 'Baja.' });
    expect(r.optOut.has(phones[2]!)).toBe(true);

    await r.service.resume(second.id);
    await done;
    expect(second.model.statusOf(2)).toBe('skipped');
    expect(second.model.contact(2).reason).toBe('opted out');
    // The first campaign's message and the opt-out confirmation; nothing from the second.
    expect((await r.port.recentMessages('971501230003@c.us', 10)).map((m) => m.body)).toEqual(['Hi P2', 'You will get no more messages from us.']);
  }, 30_000);
});
