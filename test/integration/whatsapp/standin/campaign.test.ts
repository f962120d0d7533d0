/**
 * Campaigns through the real path: CampaignService -> WwebjsWhatsApp -> whatsapp-web.js -> Chromium -> the stand-in
 * WhatsApp Web, in both generations of message keys. The stand-in's server side is the truth of what went out.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { checkAttachment } from '../../../../src/campaign/attachment';
import type { Campaign } from '../../../../src/campaign/campaign';
import { noWaitPacing } from '../../../fakes/no-wait-pacing';
import {
  campaignServiceOn,
  CHROMIUM,
  GENERATIONS,
  haveChromium,
  realWhatsAppRig,
  when,
  type RealWhatsAppRig,
} from '../../../standin/real-whatsapp-rig';
import type { KeyGeneration } from '../../../standin/standin-server';

const fast = noWaitPacing({ sendTimeoutSec: 30 });
const contactsFor = (digits: string[]) => digits.map((d, i) => ({ phone: `+${d}`, fields: { Name: `Person ${i}` }, row: i + 2 }));

const cleanups: Array<() => Promise<unknown>> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c().catch(() => undefined);
});

async function setup(generation: KeyGeneration) {
  const rig = await realWhatsAppRig(generation);
  const service = campaignServiceOn(rig);
  cleanups.push(
    () => rig.close(),
    () => service.close(),
  );
  await rig.connect();
  const campaignWhen = <T>(campaign: Campaign, check: () => T | undefined | false, what: string) =>
    when((l) => service.progress.on(l), check, `${what}: ${JSON.stringify(service.summaryOf(campaign).counts)} ${service.summaryOf(campaign).state}`);
  return { rig, service, campaignWhen };
}

const bodiesTo = (rig: RealWhatsAppRig, digits: string) => rig.standin.chats.get(`${digits}@c.us`)?.filter((m) => m.fromMe) ?? [];

/**
 * whatsapp-web.js resolves a send once WhatsApp Web has queued the message, and the page hands it to the server a
 * moment later: a campaign can be done before the server has its last message. Waits until it has `n`.
 */
const serverHas = (rig: RealWhatsAppRig, n: number) =>
  when(
    (l) => {
      rig.standin.on('sent', l);
      return () => rig.standin.off('sent', l);
    },
    () => rig.standin.sentMessages().length >= n,
    `the stand-in's server to hold ${n} message(s)`,
  );

describe.skipIf(!haveChromium).each(GENERATIONS)(
  `campaigns through the real path, %s message keys (${haveChromium ? CHROMIUM : 'skipped'})`,
  (generation) => {
    it('sends each registered contact once, skips unregistered numbers, survives "No LID" and @lid answers, and records receipts', async () => {
      const { rig, service, campaignWhen } = await setup(generation);
      const digits = Array.from({ length: 8 }, (_, i) => `3161234${String(5000 + i)}`);
      digits.forEach((d, i) => {
        if (i === 2) return; // not on WhatsApp
        if (i === 3) rig.standin.register(d, { noLidTimes: 1 });
        else if (i === 4) rig.standin.register(d, { answer: '99887766554433@lid' });
        else if (i === 5) rig.standin.register(d, { ackUpTo: 3 });
        else rig.standin.register(d);
      });
      // A contact who wrote first: with July-2026 keys, unpatched, reading this chat fails.
      rig.standin.receive(digits[0]!, 'Hi, is my order ready?');
      const campaign = await service.create({
        template: 'Hello {{Name}}, your order is ready.',
        pacing: fast,
        contacts: contactsFor(digits),
        columns: ['Name'],
      });
      const { done } = await service.run(campaign.id);
      await done;
      await serverHas(rig, 7);
      expect(service.summaryOf(campaign).counts).toMatchObject({ total: 8, sent: 7, skipped: 1, failed: 0, pending: 0, unconfirmed: 0 });
      for (const [i, d] of digits.entries()) {
        if (i === 2 || i === 4) continue;
        expect(
          bodiesTo(rig, d).map((m) => m.body),
          `messages to ${d}`,
        ).toEqual([`Hello Person ${i}, your order is ready.`]);
      }
      expect(rig.standin.chats.get('99887766554433@lid')?.map((m) => m.body)).toEqual(['Hello Person 4, your order is ready.']);
      expect(rig.standin.sentMessages()).toHaveLength(7);
      // Every message id the journal holds is the one WhatsApp gave it, so receipts find their contact.
      const ids = new Set(rig.standin.sentMessages().map((m) => `true_${m.chat}_${m.id}`));
      for (let i = 0; i < 8; i++) if (i !== 2) expect(ids.has(campaign.model.contact(i).messageId ?? '')).toBe(true);
      await campaignWhen(campaign, () => campaign.model.counts().delivered === 7 && campaign.model.counts().read === 1, 'every receipt');
      expect(rig.standin.seen, 'no sendSeen: it breaks every send since January 2026').toEqual([]);
    }, 90_000);

    it('waits while the phone or network is gone, sends nothing then, and goes on without sending twice', async () => {
      const { rig, service, campaignWhen } = await setup(generation);
      const digits = Array.from({ length: 12 }, (_, i) => `3161234${String(6000 + i)}`);
      digits.forEach((d) => rig.standin.register(d));
      const campaign = await service.create({ template: 'Hi {{Name}}', pacing: fast, contacts: contactsFor(digits), columns: ['Name'] });
      const { done } = await service.run(campaign.id);
      await campaignWhen(campaign, () => campaign.model.counts().sent >= 3, 'three sent');
      rig.standin.setSocketState('TIMEOUT');
      await campaignWhen(campaign, () => service.summaryOf(campaign).state === 'waiting', 'the campaign to wait');
      const journalledWhileDown = campaign.model.counts().sent;
      const serverWhileDown = rig.standin.sentMessages().length;
      // Nothing is journalled as sent that the server has not taken, not even a send caught in the drop.
      expect(journalledWhileDown).toBeLessThanOrEqual(serverWhileDown + 1);
      rig.standin.setSocketState('CONNECTED');
      await done;
      await serverHas(rig, 12);
      expect(service.summaryOf(campaign).counts).toMatchObject({ sent: 12, failed: 0, unconfirmed: 0 });
      for (const d of digits) expect(bodiesTo(rig, d), `messages to ${d}`).toHaveLength(1);
    }, 90_000);

    it('sends an image with the text as caption, and an audio file with the text as its own message', async () => {
      const { rig, service } = await setup(generation);
      const dir = fs.mkdtempSync(path.join(rig.root, 'files-'));
      const png = path.join(dir, 'flyer.png');
      fs.writeFileSync(png, Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(64, 7)]));
      const mp3 = path.join(dir, 'greeting.mp3');
      fs.writeFileSync(mp3, Buffer.concat([Buffer.from('ID3'), Buffer.from([3, 0, 0, 0, 0, 0, 0]), Buffer.alloc(64, 9)]));
      const [imageTo, audioTo] = ['3161234700001', '3161234700002'];
      rig.standin.register(imageTo);
      rig.standin.register(audioTo);

      const image = await service.create({
        template: 'Our flyer, {{Name}}',
        pacing: fast,
        contacts: contactsFor([imageTo]),
        columns: ['Name'],
        attachment: await checkAttachment(png),
      });
      await (
        await service.run(image.id)
      ).done;
      const audio = await service.create({
        template: 'Listen, {{Name}}',
        pacing: fast,
        contacts: contactsFor([audioTo]),
        columns: ['Name'],
        attachment: await checkAttachment(mp3),
      });
      await (
        await service.run(audio.id)
      ).done;
      await serverHas(rig, 3);

      expect(service.summaryOf(image).counts).toMatchObject({ sent: 1, failed: 0 });
      expect(bodiesTo(rig, imageTo).map((m) => [m.type, m.caption])).toEqual([['image', 'Our flyer, Person 0']]);
      expect(service.summaryOf(audio).counts).toMatchObject({ sent: 1, failed: 0 });
      expect(bodiesTo(rig, audioTo).map((m) => [m.type, m.caption ?? m.body ?? null])).toEqual([
        ['audio', null],
        ['chat', 'Listen, Person 0'],
      ]);
    }, 90_000);

    it('records a send that finishes after the timeout as sent (a slow upload)', async () => {
      const { rig, service, campaignWhen } = await setup(generation);
      const dir = fs.mkdtempSync(path.join(rig.root, 'files-'));
      const png = path.join(dir, 'big.png');
      fs.writeFileSync(png, Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(256, 1)]));
      const to = '3161234800001';
      rig.standin.register(to);
      let finishUpload: () => void = () => undefined;
      rig.standin.uploadGate = new Promise((resolve) => (finishUpload = resolve));
      const campaign = await service.create({
        template: 'Slow one, {{Name}}',
        pacing: { ...fast, sendTimeoutSec: 3 },
        contacts: contactsFor([to]),
        columns: ['Name'],
        attachment: await checkAttachment(png),
      });
      const { done } = await service.run(campaign.id);
      await campaignWhen(campaign, () => campaign.model.counts().failed === 1, 'the send to time out');
      expect(campaign.model.contact(0).reason ?? '').toMatch(/within 3 s/);
      finishUpload();
      await campaignWhen(campaign, () => campaign.model.counts().sent === 1, 'the late send to be recorded');
      await done;
      await serverHas(rig, 1);
      expect(bodiesTo(rig, to)).toHaveLength(1);
      expect(campaign.model.counts()).toMatchObject({ sent: 1, failed: 0 });
    }, 90_000);

    it('sends to the form of a Brazilian or Mexican mobile that WhatsApp knows (ninth digit, +52 1)', async () => {
      const { rig, service } = await setup(generation);
      // The list has today's forms; WhatsApp knows these accounts only under the older ones.
      rig.standin.register('551187654321');
      rig.standin.register('5215512345678');
      const campaign = await service.create({
        template: 'Olá {{Name}}',
        pacing: fast,
        contacts: contactsFor(['5511987654321', '525512345678']),
        columns: ['Name'],
      });
      await (
        await service.run(campaign.id)
      ).done;
      await serverHas(rig, 2);
      expect(campaign.model.counts()).toMatchObject({ sent: 2, failed: 0, skipped: 0 });
      expect(bodiesTo(rig, '551187654321').map((m) => m.body)).toEqual(['Olá Person 0']);
      expect(bodiesTo(rig, '5215512345678').map((m) => m.body)).toEqual(['Olá Person 1']);
      expect(rig.standin.sentMessages()).toHaveLength(2);
    }, 90_000);

    it('shows "typing…" in the chat before each message when the typing delay is on', async () => {
      const { rig, service } = await setup(generation);
      const digits = ['3161234900001', '3161234900002'];
      digits.forEach((d) => rig.standin.register(d));
      const campaign = await service.create({
        template: 'Hi',
        pacing: { ...fast, typingDelay: true },
        contacts: contactsFor(digits),
        columns: ['Name'],
      });
      await (
        await service.run(campaign.id)
      ).done;
      expect(campaign.model.counts()).toMatchObject({ sent: 2, failed: 0 });
      expect(rig.standin.typing.filter((t) => t.state === 'typing').map((t) => t.chat)).toEqual(digits.map((d) => `${d}@c.us`));
    }, 90_000);
  },
);
