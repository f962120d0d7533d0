import { describe, expect, it } from 'vitest';
import { RECONCILE_CLOCK_SKEW_MS } from '../../../src/campaign/reconcile';
import { chatOf, fastPacing, makeContacts, rigsClosedAfterEach, until } from './helpers';

const newRig = rigsClosedAfterEach();

/** A campaign whose journal says contacts 0 and 1 were "about to send" when the process died. */
async function crashedCampaign() {
  const r = await newRig();
  const contacts = makeContacts(3);
  const created = await r.service.create({ template: '{Hi|Hey} {{name}}', pacing: fastPacing(), contacts, columns: ['Name'] });
  for (const i of [0, 1]) await created.record({ t: 'sending', i, chat: chatOf(contacts[i]!.phone), at: r.clock.now() });
  await r.service.close();
  // Contact 0's message reached WhatsApp before the crash; contact 1's did not.
  r.port.addHistory({ chatId: chatOf(contacts[0]!.phone), body: created.render(0).text, id: 'MSG-0', at: r.clock.now() + 5 });
  r.service = r.newService();
  const campaign = (await r.service.list())[0]!;
  return { r, contacts, id: campaign.id, dir: created.dir };
}

describe('reconciling "about to send" after a crash', () => {
  it('marks as sent what is in the chat, sends only what is not', async () => {
    const { r, contacts, id } = await crashedCampaign();
    const loaded = await r.service.get(id);
    expect(loaded.model.counts()).toMatchObject({ unconfirmed: 2, pending: 1 });
    expect(r.service.summaryOf(loaded)).toMatchObject({ state: 'interrupted', resumable: true });
    r.clock.autoAdvance();
    await (
      await r.service.resume(id)
    ).done;
    expect(r.port.countTo(chatOf(contacts[0]!.phone))).toBe(1);
    expect(r.port.countTo(chatOf(contacts[1]!.phone))).toBe(1);
    expect(r.port.countTo(chatOf(contacts[2]!.phone))).toBe(1);
    expect(loaded.row(0)).toMatchObject({ status: 'sent', messageId: 'MSG-0' });
    expect(loaded.model.counts()).toMatchObject({ sent: 3, unconfirmed: 0 });
  });

  it('takes the receipt the chat shows for a message it finds (no message_ack will come for it again)', async () => {
    const { r, contacts, id } = await crashedCampaign();
    r.port.knownAcks.set('MSG-0', 3);
    const loaded = await r.service.get(id);
    r.clock.autoAdvance();
    await (
      await r.service.resume(id)
    ).done;
    expect(loaded.row(0)).toMatchObject({ status: 'read', messageId: 'MSG-0' });
    expect(r.port.countTo(chatOf(contacts[0]!.phone))).toBe(1);
  });

  it('does not take an older identical message for this attempt', async () => {
    const { r, contacts, id } = await crashedCampaign();
    const loaded = await r.service.get(id);
    // Replace the history: the same text, but sent long before this attempt (another campaign).
    r.port.sent.length = 0;
    r.port.addHistory({
      chatId: chatOf(contacts[0]!.phone),
      body: loaded.render(0).text,
      id: 'OLD',
      at: r.clock.now() - RECONCILE_CLOCK_SKEW_MS - 60_000,
    });
    r.clock.autoAdvance();
    await (
      await r.service.resume(id)
    ).done;
    expect(r.port.countTo(chatOf(contacts[0]!.phone))).toBe(2);
    expect(loaded.row(0).messageId).not.toBe('OLD');
  });

  it("does not take the contact's own message with our exact text for ours, and sends ours", async () => {
    const { r, contacts, id } = await crashedCampaign();
    const loaded = await r.service.get(id);
    const chat1 = chatOf(contacts[1]!.phone);
    // Contact 1's chat holds our text, written by the contact (pasted back, say), after our "about to send".
    r.port.addHistory({ chatId: chat1, body: loaded.render(1).text, id: 'THEIRS-1', at: r.clock.now() + 5, fromMe: false });
    r.clock.autoAdvance();
    await (
      await r.service.resume(id)
    ).done;
    expect(r.port.countTo(chat1)).toBe(1);
    expect(loaded.row(1).status).toBe('sent');
    expect(loaded.row(1).messageId).not.toBe('THEIRS-1');
    expect(r.port.sent.find((m) => m.id === loaded.row(1).messageId)).toMatchObject({ chatId: chat1, body: loaded.render(1).text });
  });

  it('fails rather than risk a duplicate when the chat cannot be read', async () => {
    const { r, id } = await crashedCampaign();
    r.port.recentMessagesError = new Error('chat not found');
    r.clock.autoAdvance();
    await (
      await r.service.resume(id)
    ).done;
    const loaded = await r.service.get(id);
    expect(loaded.row(0)).toMatchObject({ status: 'failed' });
    expect(loaded.row(0).reason).toMatch(/not re-sent to avoid a duplicate/);
    expect(r.port.sent.filter((m) => m.id !== 'MSG-0')).toHaveLength(1); // only contact 2, never 0 or 1 again
  });

  it('waits for WhatsApp before reconciling', async () => {
    const { r, contacts, id } = await crashedCampaign();
    r.port.setStatus({ kind: 'disconnected', reason: 'phone offline' });
    r.clock.autoAdvance();
    const { done } = await r.service.resume(id);
    const loaded = await r.service.get(id);
    await until(() => r.service.summaryOf(loaded).state === 'waiting', 'the campaign waiting for WhatsApp');
    expect(loaded.model.counts().unconfirmed).toBe(2);
    expect(r.port.chatReads).toEqual([]);
    r.port.ready();
    await done;
    expect(r.port.countTo(chatOf(contacts[0]!.phone))).toBe(1);
  });
});
