/**
 * Replies through the real path: the stand-in WhatsApp Web delivers a contact's message, the real whatsapp-web.js
 * emits `message`, the adapter maps an `@lid` sender back to its number (the library's getContactLidAndPhone, or the
 * chat id the campaign sent to), and the reply tracker journals it on that contact; a STOP goes on the list.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { CampaignService } from '../../../../src/campaign/campaign-service';
import { readJournal } from '../../../../src/campaign/journal';
import { linkLidChats, ReplyTracker, type ReplyEvent } from '../../../../src/campaign/replies';
import { ReplyStore } from '../../../../src/campaign/replies-store';
import { jsonFile } from '../../../../src/contacts/json-file';
import { OptOutList } from '../../../../src/contacts/opt-out';
import { DEFAULT_OPT_OUT_KEYWORDS } from '../../../../src/core/opt-out-keywords';
import { systemClock } from '../../../../src/platform/clock';
import type { IncomingMessage } from '../../../../src/whatsapp/port';
import { noWaitPacing } from '../../../fakes/no-wait-pacing';
import { CHROMIUM, GENERATIONS, haveChromium, realWhatsAppRig, when } from '../../../standin/real-whatsapp-rig';

const cleanups: Array<() => Promise<unknown>> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c().catch(() => undefined);
});

describe.skipIf(!haveChromium).each(GENERATIONS)(
  `replies through the real path, %s message keys (${haveChromium ? CHROMIUM : 'skipped'})`,
  (generation) => {
    it('maps incoming messages, @lid ones included, to their numbers and journals them on the contacts', async () => {
      const rig = await realWhatsAppRig(generation);
      const optOut = new OptOutList(jsonFile(rig.paths.optOutFile));
      const store = new ReplyStore(jsonFile(path.join(rig.paths.stateDir, 'replies.json')));
      await store.load();
      const service = new CampaignService({
        campaignsDir: rig.paths.campaignsDir,
        stateDir: rig.paths.stateDir,
        port: rig.port,
        clock: systemClock,
        optOut,
      });
      const tracker = new ReplyTracker({
        port: rig.port,
        clock: systemClock,
        campaigns: () => service.loadAll(),
        store,
        optOut,
        settings: () => ({ keywords: DEFAULT_OPT_OUT_KEYWORDS, confirmation: null }),
      });
      cleanups.push(
        () => rig.close(),
        () => service.close(),
        async () => tracker.close(),
      );
      linkLidChats(service, store);
      const incoming: IncomingMessage[] = [];
      rig.port.onMessage((m) => incoming.push(m));
      const replies: ReplyEvent[] = [];
      tracker.replies.on((e) => replies.push(e));
      await rig.connect();

      const digits = ['31612347001', '31612347002', '31612347003'];
      rig.standin.register(digits[0]!);
      // WhatsApp answers this number's lookup with a LID: the campaign sends to the @lid chat.
      rig.standin.register(digits[1]!, { answer: '99887766557002@lid' });
      rig.standin.register(digits[2]!);
      const contacts = digits.map((d, i) => ({ phone: `+${d}`, fields: { Name: `P${i}` }, row: i + 2 }));
      const campaign = await service.create({
        template: 'Hello {{Name}}',
        pacing: noWaitPacing({ sendTimeoutSec: 30 }),
        contacts,
        columns: ['Name'],
      });
      await (
        await service.run(campaign.id)
      ).done;
      expect(campaign.model.counts()).toMatchObject({ sent: 3, failed: 0 });
      // The @lid chat getNumberId gave is remembered with its number before anyone replies.
      await when(
        (l) => service.contactUpdates.on(l),
        () => store.numberOf('99887766557002@lid') === `+${digits[1]}`,
        'the @lid chat linked to its number',
      );

      const repliesSeen = (n: number) =>
        when(
          (l) => tracker.replies.on(l),
          () => replies.length >= n,
          `${n} reply(ies) (incoming: ${JSON.stringify(incoming)})`,
        );
      // A plain reply from the number's own chat.
      rig.standin.receive(digits[0]!, 'Thanks, got it');
      await repliesSeen(1);
      // STOP from an @lid chat WhatsApp Web can map to the number (getContactLidAndPhone).
      rig.standin.receive(digits[2]!, 'Stop!', { lid: '88877766557003' });
      await repliesSeen(2);
      // A reply from the @lid chat the campaign sent to, the page not knowing its number: the journal's chat id does.
      rig.standin.receive(digits[1]!, 'Who is this?', { lid: '99887766557002', hideNumber: true });
      await repliesSeen(3);

      expect(incoming.map((m) => [m.from, m.fromNumber, m.body])).toEqual([
        [`${digits[0]}@c.us`, digits[0], 'Thanks, got it'],
        ['88877766557003@lid', digits[2], 'Stop!'],
        ['99887766557002@lid', null, 'Who is this?'],
      ]);
      expect(incoming.every((m) => m.id !== '' && m.at > 0)).toBe(true);
      expect(replies.map((r) => [r.index, r.phone, r.optOutKeyword])).toEqual([
        [0, `+${digits[0]}`, null],
        [2, `+${digits[2]}`, 'STOP'],
        [1, `+${digits[1]}`, null],
      ]);
      expect(optOut.has(`+${digits[2]}`)).toBe(true);
      expect(store.numberOf('88877766557003@lid')).toBe(`+${digits[2]}`);
      const journal = await readJournal(path.join(campaign.dir, 'journal.jsonl'), { total: 3 });
      expect(journal.entries.filter((e) => (e as { t: string }).t === 'reply')).toEqual([
        expect.objectContaining({ i: 0, text: 'Thanks, got it' }),
        expect.objectContaining({ i: 2, text: 'Stop!', stop: true }),
        expect.objectContaining({ i: 1, text: 'Who is this?' }),
      ]);
      expect(fs.existsSync(path.join(rig.paths.stateDir, 'replies.json'))).toBe(true);
    }, 120_000);
  },
);
