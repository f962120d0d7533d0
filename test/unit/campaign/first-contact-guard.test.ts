import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { AccountHistory } from '../../../src/campaign/account-history';
import { resultTable } from '../../../src/campaign/export';
import { RejectGuard, rejectNotice } from '../../../src/campaign/reject-guard';
import { chatOf, fastPacing, makeContacts, rigsClosedAfterEach, tmpDir, until } from './helpers';

const rig = rigsClosedAfterEach();
const ACCOUNT = '15550001111';

describe('the first-contact guard', () => {
  it('pauses new contacts after 3 refusals in a row', () => {
    const guard = new RejectGuard(() => 3);
    expect(guard.rejected(1)).toBe(false);
    expect(guard.rejected(2)).toBe(false);
    expect(guard.rejected(3)).toBe(true);
    expect(guard.snapshot).toEqual({ streak: 3, pausedAt: 3 });
    // Further refusals while paused do not "pause again".
    expect(guard.rejected(4)).toBe(false);
    guard.resume();
    expect(guard.snapshot).toEqual({ streak: 0, pausedAt: null });
  });

  it('a first message delivered in between resets the count', () => {
    const guard = new RejectGuard(() => 3);
    guard.rejected(1);
    guard.rejected(2);
    guard.delivered();
    expect(guard.rejected(3)).toBe(false);
    expect(guard.rejected(4)).toBe(false);
    expect(guard.paused).toBe(false);
    expect(guard.rejected(5)).toBe(true);
  });

  it('goes by send order: a late receipt for a message sent before the refusals does not break the row', () => {
    const guard = new RejectGuard(() => 3);
    guard.rejected(110, 100);
    guard.rejected(210, 200);
    guard.delivered(50); // read receipt of an earlier first message, arriving now
    expect(guard.rejected(310, 300)).toBe(true);
    const other = new RejectGuard(() => 3);
    other.rejected(110, 100);
    other.rejected(210, 200);
    other.delivered(250); // sent after the last refusal: the row is broken
    expect(other.rejected(310, 300)).toBe(false);
  });

  it('says what happened and what to do, with the plural right', () => {
    expect(rejectNotice(3)).toBe(
      'WhatsApp refused 3 first messages in a row. New contacts are paused to protect your account; people you have chatted with still get the message. Wait a day before messaging new contacts.',
    );
    expect(rejectNotice(1)).toMatch(/^WhatsApp refused 1 first message in a row\./);
  });

  it('keeps the pause, the first contacts and the resume on disk for the account', async () => {
    const file = path.join(await tmpDir(), 'accounts', `${ACCOUNT}.jsonl`);
    const history = await AccountHistory.load(file, () => 2);
    await history.record({ e: 'first', n: '14155550000', at: 1 });
    await history.record({ e: 'rejected', n: '14155550000', at: 2 });
    await history.record({ e: 'first', n: '14155550001', at: 3 });
    expect(await history.record({ e: 'rejected', n: '14155550001', at: 4 })).toBe(true);
    const again = await AccountHistory.load(file, () => 2);
    expect(again.guard.snapshot).toEqual({ streak: 2, pausedAt: 4 });
    expect(again.messagedBefore('14155550001')).toBe(true);
    await again.record({ e: 'resume', at: 5 });
    expect((await AccountHistory.load(file, () => 2)).guard.paused).toBe(false);
  });

  it('counts one refusal once: the same contact updated again (a reply, a later receipt) does not add to the row, also after a reload', async () => {
    const file = path.join(await tmpDir(), 'accounts', `${ACCOUNT}.jsonl`);
    const history = await AccountHistory.load(file, () => 2);
    await history.record({ e: 'first', n: '14155550000', at: 1 });
    expect(await history.record({ e: 'rejected', n: '14155550000', at: 2, s: 1 })).toBe(false);
    expect(await history.record({ e: 'rejected', n: '14155550000', at: 9, s: 1 })).toBe(false);
    expect(history.guard.snapshot).toEqual({ streak: 1, pausedAt: null });
    const again = await AccountHistory.load(file, () => 2);
    expect(await again.record({ e: 'rejected', n: '14155550000', at: 10, s: 1 })).toBe(false);
    expect(again.guard.snapshot).toEqual({ streak: 1, pausedAt: null });
  });

  it('after 3 refusals holds back new contacts only, keeps sending to existing chats, and sends to new ones once resumed', async () => {
    const r = await rig();
    const contacts = makeContacts(8);
    // Contacts 3, 5 and 7 have chatted with the account before (their own message is in the chat).
    for (const k of [3, 5, 7]) r.port.addHistory({ chatId: chatOf(contacts[k]!.phone), body: 'hello', id: `in${k}`, at: 0, fromMe: false });
    for (const k of [0, 1, 2]) r.port.plan(contacts[k]!.phone.slice(1), { kind: 'fail', message: 'Message send failed: error 463' });
    const campaign = await r.service.create({ template: 'Hi {{name}}', pacing: fastPacing(), contacts, columns: ['Name'] });
    const log: string[] = [];
    r.service.log.on((line) => log.push(line.message));
    r.clock.autoAdvance();
    const { done } = await r.service.run(campaign.id);
    await until(() => r.service.summaryOf(campaign).state === 'waiting' && campaign.model.counts().pending === 2, 'new contacts held');

    expect([0, 1, 2].map((k) => campaign.row(k).status)).toEqual(['rejected', 'rejected', 'rejected']);
    expect(campaign.row(0).reason).toMatch(/WhatsApp refused this first message.*463/);
    // Existing chats went on; the new contacts 4 and 6 wait.
    expect([3, 5, 7].map((k) => campaign.row(k).status)).toEqual(['sent', 'sent', 'sent']);
    expect([4, 6].map((k) => campaign.row(k).status)).toEqual(['pending', 'pending']);
    expect(r.port.countTo(chatOf(contacts[4]!.phone))).toBe(0);
    expect(campaign.model.counts()).toMatchObject({ rejected: 3, failed: 0, sent: 3, pending: 2 });
    expect(r.service.summaryOf(campaign).reason).toMatch(
      /Only new contacts are left \(2 contacts\); they get the message once new contacts are resumed\.$/,
    );
    expect(log).toContain(rejectNotice(3));
    // The export says so too, in its Status and Reason columns.
    const table = resultTable(campaign, null);
    const [statusAt, reasonAt] = ['Status', 'Reason'].map((h) => table.header.indexOf(h));
    expect(table.rows[0]![statusAt!]).toBe('rejected');
    expect(table.rows[0]![reasonAt!]).toMatch(/WhatsApp refused this first message/);
    const status = await r.service.limits.status(ACCOUNT);
    expect(status.newContacts).toMatchObject({ paused: true, rejectedInARow: 3 });

    await r.service.limits.resumeNewContacts(ACCOUNT);
    await done;
    expect([4, 6].map((k) => campaign.row(k).status)).toEqual(['sent', 'sent']);
    expect(r.service.summaryOf(campaign).state).toBe('finished');
    // Their messages were first contacts: journalled as such, and counted in the month's unanswered meter.
    expect(campaign.model.isFirstContact(4)).toBe(true);
    expect(campaign.model.isFirstContact(3)).toBe(false);
    expect((await r.service.limits.status(ACCOUNT)).noReply.count).toBe(2);
  });

  it('first messages refused after the campaign ended (ack -1) are rejected and still count towards the pause', async () => {
    const r = await rig();
    const contacts = makeContacts(2);
    const campaign = await r.service.create({ template: 'Hi', pacing: fastPacing(), contacts, columns: [] });
    r.clock.autoAdvance();
    await (
      await r.service.run(campaign.id)
    ).done;
    // The guard hears of both refusals through the account's limits (an event per change).
    const counted = new Promise<void>((resolve) => {
      const off = r.service.limits.changes.on(() => {
        void r.service.limits.status(ACCOUNT).then((s) => s.newContacts.rejectedInARow === 2 && (off(), resolve()));
      });
    });
    for (const m of r.port.sent) r.port.emitAck({ messageId: m.id, ack: -1, at: r.clock.now() });
    await until(() => campaign.model.counts().rejected === 2, 'both refused');
    expect(campaign.model.counts()).toMatchObject({ sent: 0, failed: 0, rejected: 2 });
    await counted;
    const status = await r.service.limits.status(ACCOUNT);
    expect(status.newContacts).toMatchObject({ paused: false, rejectedInARow: 2 });
  });
});
