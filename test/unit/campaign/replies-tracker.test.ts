/** The reply tracker over the fake WhatsApp and real campaign files: which contact a reply lands on, and opt-outs. */
import { describe, expect, it } from 'vitest';
import { ReplyTracker, type ReplyEvent } from '../../../src/campaign/replies';
import { ReplyStore } from '../../../src/campaign/replies-store';
import { memoryJsonFile } from '../../../src/contacts/json-file';
import { OptOutList } from '../../../src/contacts/opt-out';
import { DEFAULT_OPT_OUT_KEYWORDS } from '../../../src/core/opt-out-keywords';
import { makeContacts, rigsClosedAfterEach, type Rig } from './helpers';
import { noWaitPacing } from '../../fakes/no-wait-pacing';

const rig = rigsClosedAfterEach();

async function tracked(r: Rig, confirmation: string | null = null) {
  const optOut = new OptOutList(memoryJsonFile());
  const store = new ReplyStore(memoryJsonFile());
  await store.load();
  const logs: string[] = [];
  const tracker = new ReplyTracker({
    port: r.port,
    clock: r.clock,
    campaigns: () => r.service.loadAll(),
    store,
    optOut,
    settings: () => ({ keywords: DEFAULT_OPT_OUT_KEYWORDS, confirmation }),
    log: (level, message) => logs.push(`${level} ${message}`),
  });
  const events: ReplyEvent[] = [];
  tracker.replies.on((e) => events.push(e));
  return { optOut, store, tracker, logs, events };
}

async function sendAll(r: Rig, contacts = makeContacts(3), skip: string[] = []) {
  for (const phone of skip) r.optOut.add(phone);
  const campaign = await r.service.create({ template: 'Hi {{Name}}', pacing: noWaitPacing(), contacts, columns: ['Name'] });
  await (
    await r.service.run(campaign.id)
  ).done;
  for (const phone of skip) r.optOut.delete(phone);
  return campaign;
}

describe('ReplyTracker', () => {
  it('puts a reply on the newest campaign that messaged the number, not on one that skipped it', async () => {
    const r = await rig();
    const t = await tracked(r);
    const contacts = makeContacts(3);
    const older = await sendAll(r, contacts);
    r.clock.advance(60_000);
    const newer = await sendAll(r, contacts, [contacts[1]!.phone]);
    const digits = (i: number) => contacts[i]!.phone.slice(1);
    expect(await t.tracker.handle({ from: `${digits(0)}@c.us`, fromNumber: digits(0), body: 'ok', at: 1, id: 'a' })).toMatchObject({
      campaignId: newer.id,
      index: 0,
    });
    expect(await t.tracker.handle({ from: `${digits(1)}@c.us`, fromNumber: digits(1), body: 'hi', at: 2, id: 'b' })).toMatchObject({
      campaignId: older.id,
      index: 1,
    });
    expect(await t.tracker.book.countsOf(newer)).toEqual({ replied: 1, optedOutByReply: 0 });
    expect(await t.tracker.book.countsOf(older)).toEqual({ replied: 1, optedOutByReply: 0 });
  });

  it('opts out a STOP from a number no campaign messaged, journalling nothing', async () => {
    const r = await rig();
    const t = await tracked(r);
    await sendAll(r);
    const event = await t.tracker.handle({ from: '971509990000@c.us', fromNumber: '971509990000', body: 'stop', at: 5, id: 'x' });
    expect(event).toMatchObject({ campaignId: null, index: null, phone: '+971509990000', optOutKeyword: 'STOP' });
    expect(t.optOut.has('+971509990000')).toBe(true);
    expect(t.optOut.noteOf('+971509990000')).toBe('replied STOP on 1 Jan 1970');
  });

  it('finds an @lid sender by the chat the campaign sent to; an unknown one with STOP is logged, not guessed', async () => {
    const r = await rig();
    const t = await tracked(r);
    const contacts = makeContacts(1);
    const campaign = await sendAll(r, contacts);
    const chat = campaign.model.contact(0).chatId!;
    await t.store.link('99887766554433@lid', contacts[0]!.phone);
    expect(await t.tracker.handle({ from: '99887766554433@lid', fromNumber: null, body: 'thanks', at: 1, id: 'l' })).toMatchObject({
      index: 0,
      phone: contacts[0]!.phone,
    });
    expect(chat).toBe(`${contacts[0]!.phone.slice(1)}@c.us`);
    const unknown = await t.tracker.handle({ from: '11122233344455@lid', fromNumber: null, body: 'STOP', at: 2, id: 'u' });
    expect(unknown).toMatchObject({ campaignId: null, phone: null, optOutKeyword: 'STOP' });
    expect(t.optOut.size).toBe(0);
    expect(t.logs).toEqual([expect.stringMatching(/^warn A reply "STOP" came from a chat whose number is not known \(11122233344455@lid\)/)]);
  });

  it('sends the confirmation once, even to two STOPs, and does not retry one that failed', async () => {
    const r = await rig();
    const t = await tracked(r, 'You will get no more messages.');
    const contacts = makeContacts(2);
    await sendAll(r, contacts);
    const digits = (i: number) => contacts[i]!.phone.slice(1);
    const sentBefore = r.port.sent.length;
    await t.tracker.handle({ from: `${digits(0)}@c.us`, fromNumber: digits(0), body: 'STOP', at: 1, id: 'a' });
    await t.tracker.handle({ from: `${digits(0)}@c.us`, fromNumber: digits(0), body: 'Stop!!', at: 2, id: 'b' });
    expect(r.port.sent.slice(sentBefore).map((s) => [s.chatId, s.body])).toEqual([[`${digits(0)}@c.us`, 'You will get no more messages.']]);
    r.port.plan(digits(1), { kind: 'fail', message: 'offline' });
    await t.tracker.handle({ from: `${digits(1)}@c.us`, fromNumber: digits(1), body: 'BAJA', at: 3, id: 'c' });
    expect(t.logs.some((l) => /confirmation to \+\d+ could not be sent: offline/.test(l))).toBe(true);
    expect(t.store.wasConfirmed(contacts[1]!.phone)).toBe(true);
    expect(t.optOut.has(contacts[1]!.phone)).toBe(true);
  });
});
