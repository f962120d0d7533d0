/**
 * The campaign's files and saved templates are parsed with schemas when read back: a file that does not fit is
 * refused with an error naming the file, the line (for line-per-record files) and the field.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { campaignPaths, CampaignFilesError, readContacts, readMeta, writeCampaign } from '../../../src/campaign/campaign-files';
import { describeDamage } from '../../../src/campaign/campaign-service';
import { formatLine, JournalCorruptError, parseJournal } from '../../../src/campaign/journal';
import { TemplateStore } from '../../../src/campaign/template-store';
import { FakeClock } from '../../fakes/fake-clock';
import { fastPacing, makeContacts, tmpDir } from './helpers';

async function campaignDir(): Promise<string> {
  const dir = path.join(await tmpDir('wa-stored-'), 'c_1');
  await writeCampaign(dir, {
    meta: { id: 'c_1', name: 'May reminders', createdAt: 1, template: 'Hi {{Name}}', pacing: fastPacing(), attachment: null, columns: ['Name'] },
    contacts: makeContacts(3),
    attachmentSource: null,
  });
  return dir;
}

async function editJson(file: string, edit: (doc: Record<string, unknown>) => void): Promise<void> {
  const doc = JSON.parse(await fs.readFile(file, 'utf8')) as Record<string, unknown>;
  edit(doc);
  await fs.writeFile(file, JSON.stringify(doc));
}

const thrown = async (promise: Promise<unknown>): Promise<Error> =>
  promise.then(
    () => expect.fail('no error'),
    (err: Error) => err,
  );

describe('campaign.json', () => {
  it('reads what writeCampaign wrote, and one written before spinSeed existed', async () => {
    const dir = await campaignDir();
    expect(await readMeta(dir)).toMatchObject({ version: 1, id: 'c_1', total: 3, pacing: fastPacing() });
    expect((await readMeta(dir))!.spinSeed).toBeUndefined();
  });

  it('a missing field is named, with the file; the damaged campaign is listed with both', async () => {
    const dir = await campaignDir();
    const file = campaignPaths(dir).meta;
    await editJson(file, (doc) => delete doc.template);
    const err = await thrown(readMeta(dir));
    expect(err).toBeInstanceOf(CampaignFilesError);
    expect(err).toMatchObject({ file, line: null, field: 'template', detail: 'field template: missing (expected string)' });
    expect(err.message).toBe(`${file}: field template: missing (expected string)`);
    const damaged = await describeDamage('c_1', dir, err);
    expect(damaged.message).toContain(`cannot be loaded: ${file}: field template: missing (expected string).`);
  });

  it('a nested field of the wrong type is named by its path', async () => {
    const dir = await campaignDir();
    await editJson(campaignPaths(dir).meta, (doc) => ((doc.pacing as Record<string, unknown>).dailyCap = '500'));
    expect(await thrown(readMeta(dir))).toMatchObject({ field: 'pacing.dailyCap', problem: 'expected number, received string' });
  });

  it('a newer format is said to be one', async () => {
    const dir = await campaignDir();
    await editJson(campaignPaths(dir).meta, (doc) => (doc.version = 2));
    expect((await thrown(readMeta(dir))).message).toContain('campaign format 2, which this version cannot read');
  });
});

describe('contacts.jsonl', () => {
  it('a line with a field of the wrong type names the file, the line and the field', async () => {
    const dir = await campaignDir();
    const file = campaignPaths(dir).contacts;
    const lines = (await fs.readFile(file, 'utf8')).split('\n');
    lines[1] = JSON.stringify({ row: 3, phone: 14155550001, fields: {} });
    await fs.writeFile(file, lines.join('\n'));
    const err = await thrown(readContacts(dir, 3));
    expect(err).toMatchObject({ file, line: 2, field: 'phone' });
    expect(err.message).toBe(`${file}: line 2: field phone: expected string, received number`);
  });

  it('a line without fields (a contact with no columns) still reads, as before', async () => {
    const dir = await campaignDir();
    const file = campaignPaths(dir).contacts;
    await fs.writeFile(file, `${JSON.stringify({ row: 2, phone: '+14155550000' })}\n`);
    expect(await readContacts(dir, 1)).toEqual([{ row: 2, phone: '+14155550000', fields: {} }]);
  });
});

describe('journal lines', () => {
  const header = formatLine({ t: 'journal', v: 2 });

  it('a format-2 line with a field of the wrong type names the file, the line and the field', () => {
    const text = `${header}\n${formatLine({ t: 'sending', i: 0, chat: 'x@c.us', at: 1 })}\n${formatLine({ t: 'sent', i: '0', id: 'M0', at: 2 })}\n`;
    let err: unknown;
    try {
      parseJournal(text, '/c/journal.jsonl');
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(JournalCorruptError);
    expect(err).toMatchObject({ file: '/c/journal.jsonl', line: 3, field: 'i' });
    expect((err as Error).message).toMatch(
      /^The campaign journal \/c\/journal\.jsonl is damaged at line 3: not a journal entry \(field i: expected number, received string\): /,
    );
  });

  it('format 2 requires the time; format 1 (no header) is read as before, without it', () => {
    const noTime = formatLine({ t: 'failed', i: 0, reason: 'x' });
    expect(() => parseJournal(`${header}\n${noTime}\n`, 'j')).toThrow(/line 2: not a journal entry \(field at: missing \(expected number\)\)/);
    expect(parseJournal('{"t":"failed","i":0,"reason":"x"}\n{"t":"future-kind","i":1}\n', 'j').entries).toEqual([{ t: 'failed', i: 0, reason: 'x' }]);
  });

  it('a format-1 line with a wrong field is named too', () => {
    expect(() => parseJournal('{"t":"ack","i":0,"ack":"read","at":1}\n', '/c/journal.jsonl')).toThrow(
      /journal\.jsonl is damaged at line 1: not a journal entry \(field ack: expected number, received string\)/,
    );
  });
});

describe('templates.json', () => {
  it('a template with a field of the wrong type is named, and nothing is saved over the file', async () => {
    const file = path.join(await tmpDir('wa-templates-'), 'templates.json');
    const text = JSON.stringify({
      version: 1,
      templates: [
        { name: 'Promo', text: 'Hi', updatedAt: 5 },
        { name: 'Bye', text: 7, updatedAt: 6 },
      ],
    });
    await fs.writeFile(file, text);
    const store = new TemplateStore(file, new FakeClock());
    await expect(store.list()).rejects.toMatchObject({
      code: 'io',
      message: expect.stringContaining(`${file}: field templates.1.text: expected string, received number`),
    });
    await expect(store.save('New', 'text')).rejects.toMatchObject({ code: 'io' });
    expect(await fs.readFile(file, 'utf8')).toBe(text);
  });

  it('no file yet is no templates', async () => {
    const store = new TemplateStore(path.join(await tmpDir('wa-templates-'), 'templates.json'), new FakeClock());
    expect(await store.list()).toEqual([]);
  });
});
