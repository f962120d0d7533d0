/**
 * WhatsApp refusing first messages (WHATSAPP.md #20: "sent", then ack -1) through the real path: CampaignService ->
 * WwebjsWhatsApp -> whatsapp-web.js -> Chromium -> the stand-in WhatsApp Web, whose server refuses the listed
 * recipients' messages after taking them. Recorded as rejected, not failed; three in a row pause new contacts,
 * while someone who wrote to the account before still gets the message.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { Campaign } from '../../../../src/campaign/campaign';
import { noWaitPacing } from '../../../fakes/no-wait-pacing';
import { campaignServiceOn, CHROMIUM, haveChromium, realWhatsAppRig, when } from '../../../standin/real-whatsapp-rig';

const contactsFor = (digits: string[]) => digits.map((d, i) => ({ phone: `+${d}`, fields: { Name: `Person ${i}` }, row: i + 2 }));

const cleanups: Array<() => Promise<unknown>> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c().catch(() => undefined);
});

describe.skipIf(!haveChromium)(`first-contact refusals through the real path (${haveChromium ? CHROMIUM : 'skipped'})`, () => {
  it('a first message WhatsApp takes and then refuses (ack -1) is rejected; three in a row hold new contacts, existing chats go on', async () => {
    const rig = await realWhatsAppRig('minified');
    const service = campaignServiceOn(rig);
    cleanups.push(
      () => rig.close(),
      () => service.close(),
    );
    await rig.connect();
    const digits = Array.from({ length: 6 }, (_, i) => `3161234${String(7000 + i)}`);
    // 0-2: new, and WhatsApp refuses their first message; 3: new; 4: wrote to the account before; 5: new.
    digits.forEach((d, i) => rig.standin.register(d, i < 3 ? { ackUpTo: -1 } : {}));
    rig.standin.receive(digits[4]!, 'Hello, is the shop open on Sunday?');
    const campaign = await service.create({
      template: 'Hi {{Name}}',
      pacing: noWaitPacing({ sendTimeoutSec: 30, minDelaySec: 2, maxDelaySec: 2 }),
      contacts: contactsFor(digits),
      columns: ['Name'],
    });
    const campaignWhen = (c: Campaign, check: () => boolean, what: string) =>
      when((l) => service.progress.on(l), check, `${what}: ${JSON.stringify(service.summaryOf(c).counts)} ${service.summaryOf(c).state}`);
    void service.run(campaign.id);
    await campaignWhen(campaign, () => campaign.model.counts().rejected === 3, 'three refusals');
    expect([0, 1, 2].map((i) => campaign.row(i).status)).toEqual(['rejected', 'rejected', 'rejected']);
    expect(campaign.row(0).reason).toMatch(/WhatsApp refused this first message/);
    expect(campaign.model.counts().failed).toBe(0);
    // The guard holds the new contacts back; the one who wrote before still gets the message.
    await campaignWhen(campaign, () => service.summaryOf(campaign).state === 'waiting' && campaign.row(4).status !== 'pending', 'new contacts held');
    expect(['sent', 'delivered', 'read']).toContain(campaign.row(4).status);
    expect(campaign.row(5).status).toBe('pending');
    const status = await service.limits.status(rig.standin.me);
    expect(status.newContacts).toMatchObject({ paused: true, rejectedInARow: 3 });
    expect(service.summaryOf(campaign).reason).toMatch(/Only new contacts are left/);
  }, 120_000);
});
