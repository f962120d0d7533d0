/**
 * Reconciliation over the real adapter (WwebjsWhatsApp) and the fake whatsapp-web.js Client, whose chats hold the
 * contact's own messages too: only our own message settles an "about to send" contact.
 */
import { describe, expect, it } from 'vitest';
import { reconcileUnconfirmed } from '../../../src/campaign/reconcile';
import { chatOf, fastPacing, makeContacts, wwebjsRigsClosedAfterEach } from './helpers';

const newRig = wwebjsRigsClosedAfterEach();

/** A campaign whose journal says contact 0 was "about to send" (the send's outcome never journalled). */
async function aboutToSend() {
  const contacts = makeContacts(1);
  const r = await newRig(contacts);
  const campaign = await r.service.create({ template: 'Hello {{name}}', pacing: fastPacing(), contacts, columns: ['Name'] });
  const chat = chatOf(contacts[0]!.phone);
  await campaign.record({ t: 'sending', i: 0, chat, at: r.clock.now() });
  return { r, campaign, chat, text: campaign.render(0).text };
}

describe('reconciling over the whatsapp-web.js adapter', () => {
  it('marks the contact sent when our own message with the text is in the chat', async () => {
    const { r, campaign, chat, text } = await aboutToSend();
    await r.client.sendMessage(chat, text);
    expect(await reconcileUnconfirmed(campaign, r.port, r.clock)).toMatchObject({ found: 1, notFound: 0 });
    expect(campaign.row(0)).toMatchObject({ status: 'sent', messageId: `true_${chat}_FAKE1` });
  });

  it("puts the contact back to pending when the only message with our text is the contact's own", async () => {
    const { r, campaign, chat, text } = await aboutToSend();
    r.client.receive(chat, text);
    expect(await reconcileUnconfirmed(campaign, r.port, r.clock)).toMatchObject({ found: 0, notFound: 1 });
    expect(campaign.row(0)).toMatchObject({ status: 'pending', messageId: null });
  });
});
