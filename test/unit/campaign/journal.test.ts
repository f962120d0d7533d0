import fs from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { JournalCorruptError, JournalWriter, parseJournal, readJournal } from '../../../src/campaign/journal';
import { Campaign } from '../../../src/campaign/campaign';
import { campaignPaths } from '../../../src/campaign/campaign-files';
import { DEFAULT_PACING } from '../../../src/core/pacing';
import { makeContacts, tmpDir } from './helpers';

describe('journal', () => {
  it('appends entries that read back in order', async () => {
    const file = path.join(await tmpDir(), 'journal.jsonl');
    const writer = await JournalWriter.open(file);
    await Promise.all([
      writer.append({ t: 'sending', i: 0, chat: 'a@c.us', at: 1 }),
      writer.append({ t: 'sent', i: 0, id: 'm1', at: 2 }),
      writer.append({ t: 'skipped', i: 1, reason: 'opted_out', at: 3 }),
    ]);
    await writer.close();
    const read = await readJournal(file);
    expect(read.entries.map((e) => e.t)).toEqual(['sending', 'sent', 'skipped']);
    expect(read.tornTail).toBeNull();
    await expect(writer.append({ t: 'unsent', i: 0, at: 4 })).rejects.toThrow(/closed/);
  });

  it('drops a torn last line, and the next append starts on a clean line', async () => {
    const file = path.join(await tmpDir(), 'journal.jsonl');
    await fs.writeFile(file, '{"t":"sending","i":0,"chat":"a@c.us","at":1}\n{"t":"sent","i":0,"id":"m');
    const read = await readJournal(file);
    expect(read.entries).toHaveLength(1);
    expect(read.tornTail).toBe('{"t":"sent","i":0,"id":"m');
    const writer = await JournalWriter.open(file, { goodLength: read.goodLength, version: read.version });
    await writer.append({ t: 'unsent', i: 0, at: 5 });
    await writer.close();
    expect((await readJournal(file)).entries.map((e) => e.t)).toEqual(['sending', 'unsent']);
  });

  it('a complete-looking last line without its newline does not count', () => {
    const parsed = parseJournal('{"t":"sending","i":0,"chat":"x","at":1}\n{"t":"sent","i":0,"id":"m","at":2}', 'j');
    expect(parsed.entries).toHaveLength(1);
    expect(parsed.tornTail).not.toBeNull();
  });

  it('refuses damage in the middle, naming the file and line', () => {
    const text = '{"t":"sending","i":0,"chat":"x","at":1}\nGARBAGE\n{"t":"unsent","i":0,"at":2}\n';
    expect(() => parseJournal(text, '/x/journal.jsonl')).toThrow(JournalCorruptError);
    expect(() => parseJournal(text, '/x/journal.jsonl')).toThrow(/journal.jsonl is damaged at line 2/);
    expect(() => parseJournal('{"t":"sent"}\n', 'j')).toThrow(/not a journal entry/);
  });

  it('a campaign reloads to the same state, its torn tail cut', async () => {
    const dir = path.join(await tmpDir(), 'c_test_1');
    const contacts = makeContacts(3);
    const campaign = await Campaign.create(dir, {
      meta: { id: 'c_test_1', name: 't', createdAt: 1, template: 'hi', pacing: DEFAULT_PACING, attachment: null, columns: ['Name'] },
      contacts,
      attachmentSource: null,
    });
    await campaign.record({ t: 'sending', i: 0, chat: 'x@c.us', at: 10 });
    await campaign.record({ t: 'sent', i: 0, id: 'm0', at: 11 });
    await campaign.record({ t: 'sending', i: 1, chat: 'y@c.us', at: 12 });
    await campaign.close();
    await fs.appendFile(campaignPaths(dir).journal, '{"t":"sent","i":1,"id":"m1","a');
    const again = (await Campaign.load(dir))!;
    expect(again.tornTailRecovered).toBe(true);
    expect(again.model.counts()).toMatchObject({ sent: 1, unconfirmed: 1, pending: 1 });
    expect(again.row(0)).toMatchObject({ status: 'sent', messageId: 'm0', sentAt: 11, row: 2 });
    await again.record({ t: 'unsent', i: 1, at: 13 });
    await again.close();
    const third = (await Campaign.load(dir))!;
    expect(third.tornTailRecovered).toBe(false);
    expect(third.model.counts()).toMatchObject({ sent: 1, unconfirmed: 0, pending: 2 });
    await third.close();
  });

  it('read-only loading leaves a torn tail on disk', async () => {
    const dir = path.join(await tmpDir(), 'c_test_2');
    const created = await Campaign.create(dir, {
      meta: { id: 'c_test_2', name: 't', createdAt: 1, template: 'hi', pacing: DEFAULT_PACING, attachment: null, columns: [] },
      contacts: makeContacts(1),
      attachmentSource: null,
    });
    await created.close();
    await fs.appendFile(campaignPaths(dir).journal, '{"t":"sen');
    const ro = (await Campaign.load(dir, { readOnly: true }))!;
    // It may have been an "about to send" line for the only contact: unconfirmed, in memory only.
    expect(ro.model.counts()).toMatchObject({ pending: 0, unconfirmed: 1 });
    await expect(ro.record({ t: 'unsent', i: 0, at: 1 })).rejects.toThrow(/read-only/);
    expect(await fs.readFile(campaignPaths(dir).journal, 'utf8')).toBe('{"t":"sen');
  });
});
