import { describe, expect, it } from 'vitest';
import { chatOf, fastPacing, makeContacts, rigsClosedAfterEach, until } from './helpers';

const newRig = rigsClosedAfterEach();
const rig = async () => {
  const r = await newRig();
  return r;
};

describe('delivery receipts', () => {
  it('moves contacts to delivered and read, ignores stale acks, and keeps it across a restart', async () => {
    const r = await rig();
    const contacts = makeContacts(2);
    const campaign = await r.service.create({ template: 'x', pacing: fastPacing(), contacts, columns: [] });
    r.clock.autoAdvance();
    await (
      await r.service.run(campaign.id)
    ).done;
    const [m0, m1] = r.port.sent;
    r.port.emitAck({ messageId: m0!.id, ack: 2, at: 5_000 });
    await until(() => campaign.row(0).status === 'delivered', 'delivered');
    r.port.emitAck({ messageId: m0!.id, ack: 1, at: 6_000 }); // late, lower: ignored
    r.port.emitAck({ messageId: m0!.id, ack: 3, at: 7_000 });
    await until(() => campaign.row(0).status === 'read', 'read');
    expect(campaign.row(0)).toMatchObject({ deliveredAt: 5_000, readAt: 7_000 });
    expect(campaign.model.counts()).toMatchObject({ sent: 2, delivered: 1, read: 1 });

    // Restart: a receipt for a message sent before it still lands on its contact.
    await r.service.close();
    r.service = r.newService();
    const reloaded = (await r.service.list()).find((s) => s.id === campaign.id)!;
    expect(reloaded.counts).toMatchObject({ read: 1 });
    r.port.emitAck({ messageId: m1!.id, ack: -1, at: 8_000 });
    const again = await r.service.get(campaign.id);
    // A first message to someone the account never chatted with: ack -1 is WhatsApp refusing it (WHATSAPP.md #20).
    await until(() => again.row(1).status === 'rejected', 'ack error');
    expect(again.row(1).reason).toMatch(/WhatsApp refused this first message/);
  });

  it('reads the receipts that came while the app was closed from the chats, each time WhatsApp becomes ready', async () => {
    const r = await rig();
    const contacts = makeContacts(3);
    const campaign = await r.service.create({ template: 'x', pacing: fastPacing(), contacts, columns: [] });
    r.clock.autoAdvance();
    await (
      await r.service.run(campaign.id)
    ).done;
    const [m0, m1, m2] = r.port.sent;
    r.port.emitAck({ messageId: m2!.id, ack: 3, at: 4_000 });
    await until(() => campaign.row(2).status === 'read', 'read by event');
    await r.service.close();

    // While nothing ran: the first was read, the second delivered. No message_ack will ever say so.
    r.port.knownAcks.set(m0!.id, 3);
    r.port.knownAcks.set(m1!.id, 2);
    r.port.setStatus({ kind: 'idle' });
    r.service = r.newService();
    const again = await r.service.get(campaign.id);
    r.port.chatReads.length = 0;
    r.port.ready();
    await until(() => again.row(0).status === 'read' && again.row(1).status === 'delivered', 'receipts from the chats');
    // Read messages are final: only the two chats that could still move were read.
    expect(r.port.chatReads.sort()).toEqual([chatOf(contacts[0]!.phone), chatOf(contacts[1]!.phone)].sort());
    expect(await r.service.refreshReceipts()).toEqual({ chats: 1, updated: 0 });
  });

  it('applies an ack that arrives before its send is journalled', async () => {
    const r = await rig();
    const contacts = makeContacts(1);
    r.port.defaultBehaviour = { kind: 'held' };
    const campaign = await r.service.create({ template: 'x', pacing: fastPacing({ sendTimeoutSec: 3600 }), contacts, columns: [] });
    r.clock.autoAdvance(2, 600_000);
    const { done } = await r.service.run(campaign.id);
    await until(() => r.port.heldCount === 1, 'send in flight');
    r.port.releaseHeld();
    // The ack races the journal write of the send.
    r.port.emitAck({ messageId: r.port.sent[0]!.id, ack: 2, at: 9 });
    await done;
    await until(() => campaign.row(0).status === 'delivered', 'early ack applied');
  });
});

describe('daily cap', () => {
  it('holds across two campaigns and a restart, and goes on the next day', async () => {
    const r = await rig();
    const pacing = fastPacing({ dailyCap: 5 });
    const first = await r.service.create({ template: 'a', pacing, contacts: makeContacts(3), columns: [] });
    r.clock.autoAdvance(2, 3_600_000);
    await (
      await r.service.run(first.id)
    ).done;
    expect(r.port.sent).toHaveLength(3);

    await r.service.close();
    r.service = r.newService(); // the count is on disk, not in memory
    const second = await r.service.create({ template: 'b', pacing, contacts: makeContacts(4, 100), columns: [] });
    const { done } = await r.service.run(second.id);
    await until(() => r.service.summaryOf(second).state === 'waiting', 'cap reached');
    expect(r.service.summaryOf(second).reason).toMatch(/daily cap of 5/);
    expect(r.port.sent).toHaveLength(5);
    const day = new Date(r.clock.now()).getDate();
    r.clock.stopAuto();
    r.clock.autoAdvance(); // let the clock reach tomorrow
    await done;
    expect(r.port.sent).toHaveLength(7);
    expect(new Date(r.port.sent[6]!.at).getDate()).not.toBe(day);
    expect(r.port.countTo(chatOf(makeContacts(4, 100)[3]!.phone))).toBe(1);
  });
});

describe('daily cap reached by the last message', () => {
  it('finishes instead of waiting for tomorrow', async () => {
    const r = await rig();
    const campaign = await r.service.create({
      template: 'x',
      pacing: fastPacing({ dailyCap: 3, window: { startHour: 10, endHour: 11 } }),
      contacts: makeContacts(3),
      columns: [],
    });
    r.clock.autoAdvance(2, 600_000);
    await (
      await r.service.run(campaign.id)
    ).done;
    expect(r.service.summaryOf(campaign).state).toBe('finished');
  });
});

describe('closing the app mid-campaign', () => {
  it('pauses (journalled) after the message in flight, and a new start resumes without repeats', async () => {
    const r = await rig();
    const contacts = makeContacts(6);
    r.port.plan(contacts[2]!.phone.slice(1), { kind: 'held' });
    const campaign = await r.service.create({ template: 'x', pacing: fastPacing({ sendTimeoutSec: 3600 }), contacts, columns: [] });
    r.clock.autoAdvance(2, 600_000);
    await r.service.run(campaign.id);
    await until(() => r.port.heldCount === 1, 'third send in flight');
    const closing = r.service.close();
    r.port.releaseHeld();
    await closing;
    r.service = r.newService();
    const summary = (await r.service.list())[0]!;
    expect(summary).toMatchObject({ state: 'paused', reason: 'Paused because the app closed.', resumable: true });
    expect(summary.counts).toMatchObject({ sent: 3, pending: 3 });
    await (
      await r.service.resume(campaign.id)
    ).done;
    for (const c of contacts) expect(r.port.countTo(chatOf(c.phone))).toBe(1);
  });
});

describe('campaign creation', () => {
  it('skips repeated numbers, refuses empty lists and bad templates', async () => {
    const r = await rig();
    const contacts = makeContacts(2);
    const campaign = await r.service.create({
      template: 'x',
      pacing: fastPacing(),
      contacts: [...contacts, { ...contacts[0]!, row: 99 }],
      columns: [],
    });
    expect(campaign.row(2)).toMatchObject({ status: 'skipped', reason: 'duplicate number (already in this campaign)' });
    await expect(r.service.create({ template: 'x', pacing: fastPacing(), contacts: [], columns: [] })).rejects.toThrow(/no contacts/);
    await expect(r.service.create({ template: 'Hi {{name', pacing: fastPacing(), contacts, columns: [] })).rejects.toThrow(/never closed/);
  });

  it('runs one campaign at a time', async () => {
    const r = await rig();
    r.port.defaultBehaviour = { kind: 'held' };
    const a = await r.service.create({ template: 'x', pacing: fastPacing({ sendTimeoutSec: 3600 }), contacts: makeContacts(2), columns: [] });
    const b = await r.service.create({ template: 'y', pacing: fastPacing(), contacts: makeContacts(2, 10), columns: [] });
    r.clock.autoAdvance(2, 600_000);
    await r.service.run(a.id);
    await expect(r.service.run(b.id)).rejects.toThrow(/already sending/);
    const list = await r.service.list();
    expect(list.map((s) => s.id).sort()).toEqual([a.id, b.id].sort());
  });
});
