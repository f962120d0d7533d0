/**
 * A duplicate the operator kept (two rows, one number) gets the same text in the same chat as the row it repeats:
 * reconciling its "about to send" entry must not take the other row's message for its own (that message would be
 * counted twice and the kept row never sent).
 */
import { describe, expect, it } from 'vitest';
import { reconcileUnconfirmed } from '../../../src/campaign/reconcile';
import type { ContactRecord } from '../../../src/campaign/contact-record';
import { chatOf, fastPacing, wwebjsRigsClosedAfterEach } from './helpers';

const newRig = wwebjsRigsClosedAfterEach();

/** The serialized id of a message the fake client sent. */
const idOf = (message: unknown): string => (message as { id: { _serialized: string } }).id._serialized;

const FAMILY: ContactRecord[] = [
  { phone: '+447400123456', fields: { Name: 'Smith family' }, row: 2 },
  { phone: '+447400123456', fields: { Name: 'Smith family' }, row: 3, keptDuplicate: true },
];

describe('reconciling a kept duplicate', () => {
  it('does not settle the kept row with the message the journal gives the row it repeats; it goes back to pending', async () => {
    const r = await newRig(FAMILY);
    const campaign = await r.service.create({ template: 'Reminder for {{Name}}', pacing: fastPacing(), contacts: FAMILY, columns: ['Name'] });
    expect(campaign.model.counts()).toMatchObject({ pending: 2, skipped: 0 });
    const chat = chatOf(FAMILY[0]!.phone);
    const text = campaign.render(0).text;
    expect(campaign.render(1).text).toBe(text);

    // Row 2 went out and is journalled; the copy for row 3 was about to be sent when the app stopped.
    const first = await r.client.sendMessage(chat, text);
    await campaign.record({ t: 'sending', i: 0, chat, at: r.clock.now() });
    await campaign.record({ t: 'sent', i: 0, id: idOf(first), at: r.clock.now() });
    await campaign.record({ t: 'sending', i: 1, chat, at: r.clock.now() });

    expect(await reconcileUnconfirmed(campaign, r.port, r.clock)).toMatchObject({ found: 0, notFound: 1 });
    expect(campaign.row(1)).toMatchObject({ status: 'pending', messageId: null });
    expect(campaign.row(0)).toMatchObject({ status: 'sent', messageId: idOf(first) });
  });

  it('settles the kept row with its own message when both are in the chat', async () => {
    const r = await newRig(FAMILY);
    const campaign = await r.service.create({ template: 'Reminder for {{Name}}', pacing: fastPacing(), contacts: FAMILY, columns: ['Name'] });
    const chat = chatOf(FAMILY[0]!.phone);
    const text = campaign.render(0).text;
    const first = await r.client.sendMessage(chat, text);
    await campaign.record({ t: 'sending', i: 0, chat, at: r.clock.now() });
    await campaign.record({ t: 'sent', i: 0, id: idOf(first), at: r.clock.now() });
    await campaign.record({ t: 'sending', i: 1, chat, at: r.clock.now() });
    const second = await r.client.sendMessage(chat, text);

    expect(await reconcileUnconfirmed(campaign, r.port, r.clock)).toMatchObject({ found: 1, notFound: 0 });
    expect(campaign.row(1)).toMatchObject({ status: 'sent', messageId: idOf(second) });
  });
});
