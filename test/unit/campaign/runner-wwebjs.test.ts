/**
 * The send loop over the real adapter (WwebjsWhatsApp) and the fake whatsapp-web.js Client: what the runner does
 * with the library's own behaviour (late sends, socket states, "No LID for user", sends without an id).
 */
import { describe, expect, it } from 'vitest';
import { campaignPaths } from '../../../src/campaign/campaign-files';
import type { Campaign } from '../../../src/campaign/campaign';
import { readJournal } from '../../../src/campaign/journal';
import { chatOf, fastPacing, makeContacts, until, wwebjsRigsClosedAfterEach } from './helpers';

const newRig = wwebjsRigsClosedAfterEach();

/** The journal's contact entries for one contact, kind and `via` only. */
async function journalOf(campaign: Campaign, index: number): Promise<string[]> {
  const { entries } = await readJournal(campaignPaths(campaign.dir).journal);
  return entries.flatMap((e) => (e.t !== 'campaign' && e.i === index ? [e.t === 'sent' && e.via ? `sent:${e.via}` : e.t] : []));
}

describe('the send loop over the whatsapp-web.js adapter', () => {
  it('journals a send that completes after the runner timed it out as sent (late), long after the old 60 s', async () => {
    const contacts = makeContacts(2);
    const r = await newRig(contacts, (c) => {
      c.holdNext = 1;
    });
    const campaign = await r.service.create({ template: 'x', pacing: fastPacing({ sendTimeoutSec: 5 }), contacts, columns: [] });
    // Jumps of up to 5 s: the runner's send timeout fires, the old adapter timeout (60 s) would not have.
    r.clock.autoAdvance(2, 5_000);
    await (
      await r.service.run(campaign.id)
    ).done;
    expect(campaign.row(0)).toMatchObject({ status: 'failed', reason: 'WhatsApp did not confirm the send within 5 s.' });
    expect(campaign.row(1).status).toBe('sent');
    expect(r.client.heldSends).toBe(1);

    r.clock.stopAuto();
    r.clock.advance(10 * 60_000);
    r.client.releaseSend();
    await until(() => campaign.row(0).status === 'sent', 'the late success journalled');
    expect(campaign.row(0).messageId).toBe(`true_${chatOf(contacts[0]!.phone)}_FAKE2`);
    expect(await journalOf(campaign, 0)).toEqual(['sending', 'failed', 'sent:late']);
    expect(r.service.logOf(campaign.id).map((l) => l.message)).toContain(
      'Contact 1 (row 2): the send that timed out went through after all; marked sent.',
    );
  });

  it('a send completing right as the timeout fires still ends sent (late), never failed', async () => {
    const contacts = makeContacts(1);
    const r = await newRig(contacts, (c) => {
      c.holdNext = 1;
    });
    const campaign = await r.service.create({ template: 'x', pacing: fastPacing({ sendTimeoutSec: 5 }), contacts, columns: [] });
    const { done } = await r.service.run(campaign.id);
    await until(() => r.client.heldSends === 1, 'the send in flight');
    // Same tick: the timeout fires and the send completes, before the failure is on disk.
    r.clock.advance(5_000);
    r.client.releaseSend();
    r.clock.autoAdvance();
    await done;
    await until(() => campaign.row(0).status === 'sent', 'the late success journalled');
    expect(await journalOf(campaign, 0)).toEqual(['sending', 'failed', 'sent:late']);
  });

  it('a late send without a message id is looked up in the chat', async () => {
    const contacts = makeContacts(1);
    const r = await newRig(contacts, (c) => {
      c.holdNext = 1;
      c.resolvesNoMessage = true;
      c.keyGeneration = 'minified';
    });
    const campaign = await r.service.create({ template: 'hello {{name}}', pacing: fastPacing({ sendTimeoutSec: 5 }), contacts, columns: ['Name'] });
    r.clock.autoAdvance(2, 5_000);
    await (
      await r.service.run(campaign.id)
    ).done;
    expect(campaign.row(0).status).toBe('failed');
    r.client.releaseSend();
    await until(() => campaign.row(0).status === 'sent', 'the late success journalled');
    expect(campaign.row(0).messageId).toBe(`true_${chatOf(contacts[0]!.phone)}_FAKE1`);
  });

  it('waits while the socket is down (TIMEOUT), goes on when CONNECTED, and sends nothing twice', async () => {
    const contacts = makeContacts(4);
    const r = await newRig(contacts, (c) => {
      c.holdNext = 2;
    });
    const campaign = await r.service.create({ template: 'hi {{name}}', pacing: fastPacing({ sendTimeoutSec: 3600 }), contacts, columns: ['Name'] });
    r.clock.autoAdvance(2, 600_000);
    const { done } = await r.service.run(campaign.id);
    await until(() => r.client.heldSends === 1, 'the first send in flight');
    r.client.releaseSend();
    await until(() => r.client.heldSends === 1 && r.client.count('sendMessage') === 2, 'the second send in flight');
    // The phone or the network goes away while the second message is on its way; 1.34.7 queues it locally.
    r.client.emit('change_state', 'TIMEOUT');
    r.client.releaseSend();
    await until(() => r.service.summaryOf(campaign).state === 'waiting', 'waiting for WhatsApp');
    expect(r.service.summaryOf(campaign).reason).toBe(
      'The connection to WhatsApp was lost (the phone or this computer is offline, or WhatsApp does not answer); waiting for it to come back by itself. Sending goes on by itself once WhatsApp is connected again; nothing is sent twice.',
    );
    // Waiting, the loop is parked until the status changes: no send can start from here (the total below is 4).
    expect(r.client.count('sendMessage')).toBe(2);
    expect(campaign.model.counts()).toMatchObject({ sent: 2, pending: 2, unconfirmed: 0 });

    r.client.emit('change_state', 'CONNECTED');
    await done;
    expect(r.client.count('sendMessage')).toBe(4);
    for (const c of contacts) expect(r.client.chats.get(chatOf(c.phone))).toHaveLength(1);
    expect(campaign.model.counts()).toMatchObject({ sent: 4, failed: 0, unconfirmed: 0 });
    expect(r.client.count('destroy')).toBe(0);
  });

  it('"No LID for user" twice: exactly 2 sends and 2 number lookups, then failed', async () => {
    const contacts = makeContacts(1);
    const r = await newRig(contacts, (c) => {
      c.sendErrors.push(new Error('Evaluation failed: Error: No LID for user'), new Error('Evaluation failed: Error: No LID for user'));
    });
    const campaign = await r.service.create({ template: 'x', pacing: fastPacing(), contacts, columns: [] });
    r.clock.autoAdvance();
    await (
      await r.service.run(campaign.id)
    ).done;
    expect(r.client.count('sendMessage')).toBe(2);
    expect(r.client.count('getNumberId')).toBe(2);
    expect(campaign.row(0)).toMatchObject({ status: 'failed', reason: expect.stringMatching(/No LID for user/) });
  });

  it('"No LID for user" once: the number is looked up again and the retry is sent', async () => {
    const contacts = makeContacts(1);
    const r = await newRig(contacts, (c) => {
      c.sendErrors.push(new Error('No LID for user'));
    });
    const campaign = await r.service.create({ template: 'x', pacing: fastPacing(), contacts, columns: [] });
    r.clock.autoAdvance();
    await (
      await r.service.run(campaign.id)
    ).done;
    expect(r.client.count('sendMessage')).toBe(2);
    expect(r.client.count('getNumberId')).toBe(2);
    expect(campaign.row(0).status).toBe('sent');
  });

  it.each(['serialized', 'minified', 'parts'] as const)(
    'on a WhatsApp Web that returns no message from sendMessage (%s keys), every contact is sent once and confirmed from its chat',
    async (generation) => {
      const contacts = makeContacts(3);
      const r = await newRig(contacts, (c) => {
        c.resolvesNoMessage = true;
        c.keyGeneration = generation;
      });
      const campaign = await r.service.create({ template: 'hello {{name}}', pacing: fastPacing(), contacts, columns: ['Name'] });
      r.clock.autoAdvance();
      await (
        await r.service.run(campaign.id)
      ).done;
      expect(r.client.count('sendMessage')).toBe(3);
      contacts.forEach((c, i) => {
        expect(r.client.chats.get(chatOf(c.phone))).toHaveLength(1);
        expect(campaign.row(i)).toMatchObject({ status: 'sent', messageId: `true_${chatOf(c.phone)}_FAKE${i + 1}` });
      });
      expect(await journalOf(campaign, 0)).toEqual(['sending', 'sent:reconciled']);
      // Acks find their contact through the id reconciliation read from the chat.
      r.client.emit('message_ack', { id: { fromMe: true, remote: { user: contacts[0]!.phone.slice(1), server: 'c.us' }, id: 'FAKE1' } }, 3);
      await until(() => campaign.row(0).status === 'read', 'the read receipt');
    },
  );
});
