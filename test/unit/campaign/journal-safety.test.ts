/**
 * The journal when the disk or the file misbehaves (issue 13, points 5 and 6): a write that does not reach the disk
 * whole stops sending before the next message and pauses the campaign with the reason; a torn "about to send" line
 * is reconciled against the chat, never dropped; a damaged or bit-flipped line stops loading at its line, and the
 * campaign is listed as damaged instead of vanishing.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { Campaign } from '../../../src/campaign/campaign';
import { campaignPaths } from '../../../src/campaign/campaign-files';
import { CampaignDamagedError, CampaignService } from '../../../src/campaign/campaign-service';
import { JournalCorruptError, nodeJournalFs, readJournal, type JournalFile, type JournalFs } from '../../../src/campaign/journal';
import { FakeClock } from '../../fakes/fake-clock';
import { FakeWhatsApp } from '../../fakes/fake-whatsapp';
import { seededRandom } from '../../fakes/seeded-random';
import { chatOf, fastPacing, makeContacts, tmpDir } from './helpers';

const enospc = () => Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC', errno: -28, syscall: 'write' });

/**
 * The real file system, until the disk "fills up": from the `afterWrites`-th write whose bytes contain `text`, a
 * write takes half its bytes and the next one fails with ENOSPC (a short write, then no space), as a full disk does.
 */
class FullDiskFs implements JournalFs {
  private trigger: { text: string; afterWrites: number } | null = null;
  private full = false;
  truncateFails = false;
  readonly shortWrites: string[] = [];

  fillOn(text: string, afterWrites = 1): void {
    this.trigger = { text, afterWrites };
  }

  freeSpace(): void {
    this.trigger = null;
    this.full = false;
    this.truncateFails = false;
  }

  async open(file: string): Promise<JournalFile> {
    const real = await nodeJournalFs.open(file);
    return {
      write: async (buffer, offset, length, position) => {
        const text = Buffer.from(buffer.subarray(offset, offset + length)).toString('utf8');
        if (!this.full && this.trigger && text.includes(this.trigger.text) && --this.trigger.afterWrites === 0) {
          this.full = true;
          const half = Math.floor(length / 2);
          this.shortWrites.push(text.slice(0, half));
          return real.write(buffer, offset, half, position);
        }
        if (this.full) throw enospc();
        return real.write(buffer, offset, length, position);
      },
      datasync: () => real.datasync(),
      truncate: async (len) => {
        if (this.truncateFails) throw Object.assign(new Error('EIO: i/o error, ftruncate'), { code: 'EIO', syscall: 'ftruncate' });
        return real.truncate(len);
      },
      stat: () => real.stat(),
      close: () => real.close(),
    };
  }
}

interface Rig {
  root: string;
  clock: FakeClock;
  port: FakeWhatsApp;
  disk: FullDiskFs;
  service: CampaignService;
  /** A new service over the same folders (a restart), through the same disk. */
  restart(): Promise<CampaignService>;
}

const services: CampaignService[] = [];
const clocks: FakeClock[] = [];
afterEach(async () => {
  for (const c of clocks.splice(0)) c.stopAuto();
  for (const s of services.splice(0)) await s.close().catch(() => undefined);
});

async function rig(): Promise<Rig> {
  const root = await tmpDir('wa-journal-safety-');
  const clock = new FakeClock();
  clocks.push(clock);
  const port = new FakeWhatsApp(clock);
  const disk = new FullDiskFs();
  const make = () => {
    const service = new CampaignService({
      campaignsDir: path.join(root, 'campaigns'),
      stateDir: path.join(root, 'state'),
      port,
      clock,
      optOut: { has: () => false },
      random: seededRandom(7),
      journalFs: disk,
    });
    services.push(service);
    return service;
  };
  const r: Rig = {
    root,
    clock,
    port,
    disk,
    service: make(),
    restart: async () => {
      await r.service.close();
      r.service = make();
      return r.service;
    },
  };
  return r;
}

const journalText = (dir: string) => fs.readFile(campaignPaths(dir).journal, 'utf8');

describe('a full disk', () => {
  it('stops before sending when an "about to send" line cannot be written whole, pauses with the reason, and resumes without duplicates', async () => {
    const r = await rig();
    const contacts = makeContacts(6);
    const campaign = await r.service.create({ template: 'Hi {{name}}', pacing: fastPacing(), contacts, columns: ['Name'] });
    r.disk.fillOn('"t":"sending"', 3);
    r.clock.autoAdvance();
    await (
      await r.service.run(campaign.id)
    ).done;

    // Contacts 0 and 1 went out; contact 2's "about to send" line got half-way to the disk: nothing more was sent.
    expect(r.disk.shortWrites).toHaveLength(1);
    expect(r.port.sent.map((m) => m.chatId)).toEqual([0, 1].map((i) => chatOf(contacts[i]!.phone)));
    const summary = r.service.summaryOf(campaign);
    expect(summary).toMatchObject({ state: 'paused', resumable: true });
    expect(summary.reason).toMatch(
      /^The disk is full \(no space left on device, ENOSPC\).*sending stopped before the next message\. Free some space, then resume/,
    );
    // The half line was cut off: the journal ends on a whole line and says nothing happened to contact 2.
    const text = await journalText(campaign.dir);
    expect(text.endsWith('\n')).toBe(true);
    const read = await readJournal(campaignPaths(campaign.dir).journal);
    expect(read.tornTail).toBeNull();
    expect(read.entries.some((e) => e.t !== 'campaign' && e.i === 2)).toBe(false);

    // Still full: resuming stops again at once, with the same reason, and sends nothing.
    await (
      await r.service.resume(campaign.id)
    ).done;
    expect(r.port.sent).toHaveLength(2);
    expect(r.service.summaryOf(campaign).reason).toMatch(/ENOSPC/);

    r.disk.freeSpace();
    await (
      await r.service.resume(campaign.id)
    ).done;
    for (const c of contacts) expect(r.port.countTo(chatOf(c.phone)), c.phone).toBe(1);
    expect(r.service.summaryOf(campaign)).toMatchObject({ state: 'finished', counts: { sent: 6, unconfirmed: 0 } });
  });

  it('a message that went out but whose "sent" line cannot be written is found in the chat on resume, not sent again', async () => {
    const r = await rig();
    const contacts = makeContacts(4);
    const campaign = await r.service.create({ template: 'Hey {{name}}', pacing: fastPacing(), contacts, columns: ['Name'] });
    r.disk.fillOn('"t":"sent"', 2);
    r.clock.autoAdvance();
    await (
      await r.service.run(campaign.id)
    ).done;
    expect(r.port.sent).toHaveLength(2);
    expect(r.service.summaryOf(campaign)).toMatchObject({ state: 'paused', counts: { sent: 1, unconfirmed: 1 } });
    r.disk.freeSpace();
    await (
      await r.service.resume(campaign.id)
    ).done;
    for (const c of contacts) expect(r.port.countTo(chatOf(c.phone)), c.phone).toBe(1);
    expect(campaign.row(1)).toMatchObject({ status: 'sent', messageId: r.port.sent[1]!.id });
  });

  it('a campaign paused by a full disk can be stopped once there is space', async () => {
    const r = await rig();
    const campaign = await r.service.create({ template: 'Hi', pacing: fastPacing(), contacts: makeContacts(3), columns: [] });
    r.disk.fillOn('"t":"sending"', 2);
    r.clock.autoAdvance();
    await (
      await r.service.run(campaign.id)
    ).done;
    expect(r.service.summaryOf(campaign).state).toBe('paused');
    await expect(r.service.stop(campaign.id)).rejects.toThrow(/ENOSPC/);
    r.disk.freeSpace();
    await r.service.stop(campaign.id);
    expect(r.service.summaryOf(campaign)).toMatchObject({ state: 'stopped', resumable: false });
    expect(r.port.sent).toHaveLength(1);
  });

  it('a write that also cannot be cut leaves a torn "about to send" line, which a restart reconciles against the chat', async () => {
    const r = await rig();
    const contacts = makeContacts(4);
    const campaign = await r.service.create({ template: 'Hello {{name}}', pacing: fastPacing(), contacts, columns: ['Name'] });
    r.disk.fillOn('"t":"sending"', 2);
    r.disk.truncateFails = true;
    r.clock.autoAdvance();
    await (
      await r.service.run(campaign.id)
    ).done;
    expect(r.port.sent).toHaveLength(1);
    expect(await journalText(campaign.dir)).toMatch(/\{"t":"sending","i":1,[^\n]*$/);

    r.disk.freeSpace();
    const service = await r.restart();
    const loaded = await service.get(campaign.id);
    expect(loaded.model.counts()).toMatchObject({ sent: 1, unconfirmed: 1, pending: 2 });
    const reads = r.port.chatReads.length;
    await (
      await service.resume(campaign.id)
    ).done;
    // Contact 1 was looked for in its chat before anything was sent, then sent once.
    expect(r.port.chatReads.slice(reads)).toContain(chatOf(contacts[1]!.phone));
    for (const c of contacts) expect(r.port.countTo(chatOf(c.phone)), c.phone).toBe(1);
    expect(loaded.model.counts()).toMatchObject({ sent: 4, unconfirmed: 0 });
  });
});

describe('a torn last "about to send" line', () => {
  /** A campaign whose journal ends in `torn` (no newline), written by a copy whose message to contact 1 went out. */
  async function tornJournal(torn: (chat: string) => string, delivered: boolean) {
    const r = await rig();
    const contacts = makeContacts(3);
    const created = await r.service.create({ template: '{Hi|Hey} {{name}}', pacing: fastPacing(), contacts, columns: ['Name'] });
    await created.record({ t: 'sending', i: 0, chat: chatOf(contacts[0]!.phone), at: r.clock.now() });
    await created.record({ t: 'sent', i: 0, id: 'MSG-0', at: r.clock.now() });
    await r.service.close();
    r.port.addHistory({ chatId: chatOf(contacts[0]!.phone), body: created.render(0).text, id: 'MSG-0', at: r.clock.now() });
    if (delivered) r.port.addHistory({ chatId: chatOf(contacts[1]!.phone), body: created.render(1).text, id: 'MSG-1', at: r.clock.now() + 10 });
    await fs.appendFile(campaignPaths(created.dir).journal, torn(chatOf(contacts[1]!.phone)));
    const service = await r.restart();
    return { r, service, contacts, id: created.id };
  }

  it('is reconciled against the chat: a message that went out is marked sent, never sent again', async () => {
    const { r, service, contacts, id } = await tornJournal((chat) => `{"t":"sending","i":1,"chat":"${chat}","a`, true);
    const loaded = await service.get(id);
    expect(loaded.model.counts()).toMatchObject({ sent: 1, unconfirmed: 1, pending: 1 });
    expect(loaded.loadNotes.join(' ')).toMatch(/half-written "about to send" line \(line \d+\) for contact 2/);
    r.clock.autoAdvance();
    await (
      await service.resume(id)
    ).done;
    expect(r.port.countTo(chatOf(contacts[1]!.phone))).toBe(1);
    expect(loaded.row(1)).toMatchObject({ status: 'sent', messageId: 'MSG-1' });
    expect(r.port.countTo(chatOf(contacts[2]!.phone))).toBe(1);
  });

  it('cut before its chat: the number is looked up again and the chat read', async () => {
    const { r, service, contacts, id } = await tornJournal(() => '{"t":"sending","i":1,"ch', true);
    r.clock.autoAdvance();
    await (
      await service.resume(id)
    ).done;
    expect(r.port.countTo(chatOf(contacts[1]!.phone))).toBe(1);
    expect((await service.get(id)).row(1)).toMatchObject({ status: 'sent', messageId: 'MSG-1' });
  });

  it('not in the chat: sent once', async () => {
    const { r, service, contacts, id } = await tornJournal((chat) => `{"t":"sending","i":1,"chat":"${chat}","at":1`, false);
    r.clock.autoAdvance();
    await (
      await service.resume(id)
    ).done;
    for (const c of contacts) expect(r.port.countTo(chatOf(c.phone))).toBe(1);
  });
});

describe('a damaged journal', () => {
  async function finishedJournal(n = 5, sendTo = 3) {
    const r = await rig();
    const contacts = makeContacts(n);
    const campaign = await r.service.create({ name: 'May reminders', template: 'Hi {{name}}', pacing: fastPacing(), contacts, columns: ['Name'] });
    for (let i = 0; i < sendTo; i++) {
      await campaign.record({ t: 'sending', i, chat: chatOf(contacts[i]!.phone), at: 1000 + i });
      await campaign.record({ t: 'sent', i, id: `M${i}`, at: 1001 + i });
    }
    await campaign.record({ t: 'campaign', state: 'paused', reason: 'Paused by the operator.', at: 2000 });
    await r.service.close();
    const file = campaignPaths(campaign.dir).journal;
    return { r, campaign, contacts, file, lines: (await fs.readFile(file, 'utf8')).split('\n') };
  }

  it('a line that is not JSON: the campaign is listed as damaged with its file, line and cause, and is not resumed', async () => {
    const { r, campaign, file, lines } = await finishedJournal();
    lines[3] = '{"t":"sent","i":0,"id":"M0"!!!';
    await fs.writeFile(file, lines.join('\n'));
    const service = await r.restart();
    const list = await service.list();
    expect(list).toHaveLength(1);
    expect(list[0]).toMatchObject({
      id: campaign.id,
      name: 'May reminders',
      state: 'stopped',
      resumable: false,
      damage: { file, line: 4, cause: expect.stringMatching(/^no checksum: /) },
    });
    expect(list[0]!.reason).toContain(`${file}, line 4`);
    await expect(service.latestResumable()).rejects.toThrow(CampaignDamagedError);
    await expect(service.latestResumable()).rejects.toThrow(/May reminders.*cannot be loaded: .*journal\.jsonl, line 4/);
    await expect(service.run(campaign.id)).rejects.toThrow(/line 4/);
    expect(r.port.sent).toHaveLength(0);
  });

  it('a one-bit flip that keeps the JSON valid (contact 2 -> 3) stops loading at its line', async () => {
    const { r, campaign, file, lines } = await finishedJournal();
    const at = lines.findIndex((l) => l.startsWith('{"t":"sent","i":2,'));
    // '2' (0x32) -> '3' (0x33): one bit, still valid JSON, and contact 3 was never sent to.
    lines[at] = lines[at]!.replace('"i":2,', '"i":3,');
    await fs.writeFile(file, lines.join('\n'));
    await expect(Campaign.load(campaign.dir)).rejects.toThrow(
      new JournalCorruptError(file, at + 1, 'its checksum does not match (the line was changed after it was written)'),
    );
    const service = await r.restart();
    const [summary] = await service.list();
    expect(summary!.damage).toEqual({ file, line: at + 1, cause: expect.stringMatching(/checksum does not match/) });
    expect(summary!.counts.sent).toBe(0);
  });

  it('every bit of a line flipped in turn is caught', async () => {
    const { campaign, file, lines } = await finishedJournal(3, 1);
    const target = lines.findIndex((l) => l.startsWith('{"t":"sent"'));
    const original = Buffer.from(lines[target]!, 'utf8');
    let caught = 0;
    for (let bit = 0; bit < original.length * 8; bit++) {
      const flipped = Buffer.from(original);
      flipped[bit >> 3]! ^= 1 << (bit & 7);
      // A flip that makes a newline splits the line: damage all the same, caught at this line or the next.
      const text = Buffer.concat([
        Buffer.from(lines.slice(0, target).join('\n') + '\n'),
        flipped,
        Buffer.from('\n' + lines.slice(target + 1).join('\n')),
      ]);
      await fs.writeFile(file, text);
      const err = await Campaign.load(campaign.dir, { readOnly: true }).then(
        () => null,
        (e: unknown) => e,
      );
      expect(err, `bit ${bit}`).toBeInstanceOf(JournalCorruptError);
      expect((err as JournalCorruptError).line).toBeGreaterThanOrEqual(target + 1);
      caught += 1;
    }
    expect(caught).toBe(original.length * 8);
  });

  it('an old journal without checksums still loads; lines appended to it carry them', async () => {
    const r = await rig();
    const contacts = makeContacts(3);
    const campaign = await r.service.create({ template: 'Hi', pacing: fastPacing(), contacts, columns: [] });
    await r.service.close();
    const file = campaignPaths(campaign.dir).journal;
    // As the previous version wrote it: no header, no checksums.
    const chat = chatOf(contacts[0]!.phone);
    await fs.writeFile(
      file,
      `{"t":"campaign","state":"running","reason":null,"at":1}\n{"t":"sending","i":0,"chat":"${chat}","at":2}\n{"t":"sent","i":0,"id":"M0","at":3}\n`,
    );
    const service = await r.restart();
    const loaded = await service.get(campaign.id);
    expect(loaded.model.counts()).toMatchObject({ sent: 1, pending: 2 });
    r.clock.autoAdvance();
    await (
      await service.resume(campaign.id)
    ).done;
    const text = await fs.readFile(file, 'utf8');
    const appended = text.split('\n').slice(3).filter(Boolean);
    expect(appended[0]).toMatch(/^\{"t":"journal","v":2,"c":"[0-9a-f]{8}"\}$/);
    for (const line of appended) expect(line).toMatch(/,"c":"[0-9a-f]{8}"\}$/);
    const again = await readJournal(file, { total: 3 });
    expect(again.version).toBe(2);
    expect(r.port.sent).toHaveLength(2);
  });
});
