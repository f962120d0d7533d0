/** The runner reads the do-not-message list again right before each send: a STOP during the typing delay is honoured. */
import { describe, expect, it } from 'vitest';
import { fastPacing, makeContacts, rigsClosedAfterEach, until } from './helpers';

const rig = rigsClosedAfterEach();

describe('opt-out checked right before the send', () => {
  it('skips a contact whose STOP came while "typing…" was shown, and sends nothing to them', async () => {
    const r = await rig();
    const contacts = makeContacts(2);
    const campaign = await r.service.create({ template: 'Hi {{Name}}', pacing: fastPacing({ typingDelay: true }), contacts, columns: ['Name'] });
    const { done } = await r.service.run(campaign.id);
    // The first contact's typing delay has begun: the opt-out check before it passed.
    await until(() => r.port.typing.length === 1, 'typing shown to the first contact');
    r.optOut.add(contacts[0]!.phone);
    r.clock.autoAdvance();
    await done;
    expect(campaign.model.statusOf(0)).toBe('skipped');
    expect(campaign.model.contact(0).reason).toBe('opted out');
    expect(campaign.model.statusOf(1)).toBe('sent');
    expect(r.port.sent.map((s) => s.chatId)).toEqual([`${contacts[1]!.phone.slice(1)}@c.us`]);
  });
});
