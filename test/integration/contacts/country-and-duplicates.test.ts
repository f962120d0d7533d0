import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Campaign } from '../../../src/campaign/campaign';
import { contactsFromService, followImportedContacts, importContactFile } from '../../../src/campaign/contacts-source';
import { ContactsService } from '../../../src/contacts/contacts-service';
import { inProcessRunner } from '../../../src/contacts/import-runner';
import { jsonFile, memoryJsonFile } from '../../../src/contacts/json-file';
import { MappingStore } from '../../../src/contacts/mapping-store';
import { OptOutList } from '../../../src/contacts/opt-out';
import { DEFAULT_PACING } from '../../../src/core/pacing';
import { writeProblemsCsv } from '../../../src/ipc/handlers/contacts';
import { KeepDuplicatesRequest } from '../../../src/shared/contract/contacts';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'wa-country-dups-'));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

async function csv(name: string, text: string) {
  const file = path.join(dir, name);
  await writeFile(file, text);
  return { path: file, name };
}

/** A UK clinic's list: 30 mobiles written the British way, no country code (0740-0754 and 0771-0785: mobile ranges). */
const UK_MOBILES = Array.from({ length: 30 }, (_, i) => `07${i < 15 ? 40 + i : 56 + i}0 ${String(123_456 + i * 7_919).padStart(6, '0')}`);
const UK_CSV = `Name,Mobile\n${UK_MOBILES.map((m, i) => `Patient ${i + 1},${m}`).join('\n')}\n`;

/** The account is American (the demo's), as when a UK file was read as US numbers. */
const service = (mappings = new MappingStore(memoryJsonFile())) =>
  new ContactsService({ runner: inProcessRunner, optOut: new OptOutList(memoryJsonFile()), mappings, fallbackCountry: () => 'US' });

describe('country of numbers without a country code', () => {
  it('asks for a UK file, with United Kingdom as the likely country, and reads the numbers as British meanwhile', async () => {
    const svc = service();
    const summary = await svc.importFile(await csv('uk.csv', UK_CSV));
    expect(summary.country).toEqual({ withoutCode: 30, likely: 'GB', chosen: false, needed: true });
    expect(summary.defaultCountry).toBe('GB');
    expect(summary.counts).toMatchObject({ rows: 30, valid: 30, invalid: 0 });
    // Not ready to send while the question is open.
    expect(contactsFromService(svc, summary).notReady).toBe(
      'uk.csv: 30 numbers have no country code. Choose the country they are from on the Contacts screen first.',
    );

    const answered = await svc.setMapping({ defaultCountry: 'GB' });
    expect(answered.country).toEqual({ withoutCode: 30, likely: 'GB', chosen: true, needed: false });
    expect(contactsFromService(svc, answered).notReady).toBeNull();
    expect(svc.rows(0, 1).items[0]!.phone).toBe(`+44${UK_MOBILES[0]!.slice(1).replace(' ', '')}`);
  });

  it('re-reads every number when the operator changes the country (the US reads none of them)', async () => {
    const svc = service();
    await svc.importFile(await csv('uk2.csv', UK_CSV));
    const asUs = await svc.setMapping({ defaultCountry: 'US' });
    expect(asUs.counts).toMatchObject({ valid: 0, invalid: 30 });
    expect(asUs.country).toMatchObject({ chosen: true, needed: false, likely: 'GB' });
  });

  it('asks again for the next file, even one with the same columns (the choice is per file)', async () => {
    const mappings = new MappingStore(jsonFile(path.join(dir, 'state', 'mappings.json')));
    const svc = service(mappings);
    await svc.importFile(await csv('monday.csv', UK_CSV));
    await svc.setMapping({ defaultCountry: 'GB' });
    const next = await service(mappings).importFile(await csv('tuesday.csv', UK_CSV));
    expect(next.mappingRemembered).toBe(true);
    expect(next.country).toMatchObject({ chosen: false, needed: true, likely: 'GB' });
  });

  it('does not ask when every number has its country code, or when the country came with the import', async () => {
    const svc = service();
    const international = await svc.importFile(await csv('intl.csv', 'Name,Phone\nAli,+971501234567\nBea,971527654321\nCat,0044 7400 123456\n'));
    expect(international.country).toEqual({ withoutCode: 0, likely: null, chosen: false, needed: false });
    expect(international.counts.valid).toBe(3);
    const told = await svc.importFile(await csv('told.csv', UK_CSV), { defaultCountry: 'GB' });
    expect(told.country).toMatchObject({ withoutCode: 30, chosen: true, needed: false });
    const pasted = await svc.importText('07400 123456\n07512 345678');
    expect(pasted.country).toMatchObject({ withoutCode: 2, likely: 'GB', needed: true });
  });

  it('guesses again for another phone column until a country is chosen', async () => {
    const svc = service();
    const text = 'Name,Phone,Office\nAli,+971501234567,050 123 4567\nBea,+971527654321,052 765 4321\n';
    const first = await svc.importFile(await csv('two-cols.csv', text));
    expect(first.country).toMatchObject({ withoutCode: 0, needed: false });
    const office = await svc.setMapping({ phoneColumn: 2 });
    expect(office.country).toEqual({ withoutCode: 2, likely: 'AE', chosen: false, needed: true });
    expect(office.defaultCountry).toBe('AE');
    expect(office.counts.valid).toBe(2);
  });
});

describe('duplicates', () => {
  const FAMILY =
    'Name,Mobile,Appointment\nJane Smith,+44 7400 123456,3 May\nOmar,+971501234567,4 May\nJohn Smith,07400 123456,3 May\nJane Smith,+447400123456,9 May\nBad,12ab,\n';

  it('lists each duplicate with the row it repeats; one kept becomes a contact of its own, and the change can be undone', async () => {
    const svc = service();
    const summary = await svc.importFile(await csv('family.csv', FAMILY), { defaultCountry: 'GB' });
    expect(summary.counts).toEqual({ rows: 5, valid: 2, invalid: 1, duplicates: 2, optedOut: 0 });
    expect(svc.duplicates(0, 10)).toEqual({
      total: 2,
      offset: 0,
      items: [
        {
          row: 4,
          repeatsRow: 2,
          phone: '+44 7400 123456',
          value: '07400 123456',
          details: 'John Smith, 3 May',
          repeatsDetails: 'Jane Smith, 3 May',
          kept: false,
        },
        {
          row: 5,
          repeatsRow: 2,
          phone: '+44 7400 123456',
          value: '+447400123456',
          details: 'Jane Smith, 9 May',
          repeatsDetails: 'Jane Smith, 3 May',
          kept: false,
        },
      ],
    });

    const changes: number[] = [];
    svc.onChanged((s) => changes.push(s?.counts.valid ?? -1));
    const kept = svc.keepDuplicates({ change: 'rows', rows: [4], keep: true });
    expect(kept).toMatchObject({ keptDuplicates: 1, canUndoKeep: true, counts: { valid: 3, duplicates: 1 } });
    expect(changes).toEqual([3]);
    expect(svc.rows(0, 10).items.map((r) => [r.row, r.repeatsRow])).toEqual([
      [2, undefined],
      [3, undefined],
      [4, 2],
    ]);
    expect(contactsFromService(svc, kept).contacts.map((c) => [c.row, c.keptDuplicate])).toEqual([
      [2, undefined],
      [3, undefined],
      [4, true],
    ]);

    // The export lists the problem and the duplicate still left out, in file order.
    const out = path.join(dir, 'family-problems.csv');
    expect(await writeProblemsCsv(out, svc.allRowsLeftOut())).toBe(2);
    expect((await readFile(out, 'utf8')).split('\r\n').slice(1, -1)).toEqual([
      '5,"+447400123456","repeats row 2 (+44 7400 123456, Jane Smith, 3 May)"',
      '6,"12ab","letters in the number"',
    ]);

    expect(svc.keepDuplicates({ change: 'all', keep: true })).toMatchObject({ keptDuplicates: 2, counts: { valid: 4, duplicates: 0 } });
    expect(svc.keepDuplicates({ change: 'undo' })).toMatchObject({ keptDuplicates: 1, counts: { valid: 3 } });
    expect(svc.keepDuplicates({ change: 'undo' })).toMatchObject({ keptDuplicates: 0, canUndoKeep: false, counts: { valid: 2, duplicates: 2 } });
  });

  it('keeps the kept duplicates through a new country, and forgets them for another phone column', async () => {
    const svc = service();
    await svc.importFile(await csv('family2.csv', FAMILY), { defaultCountry: 'GB' });
    svc.keepDuplicates({ change: 'all', keep: true });
    expect(await svc.setMapping({ defaultCountry: 'IE' })).toMatchObject({ keptDuplicates: 1 }); // row 4 is no UK number in Ireland
    expect(await svc.setMapping({ defaultCountry: 'GB' })).toMatchObject({ keptDuplicates: 2 });
    expect(await svc.setMapping({ phoneColumn: 0 })).toMatchObject({ keptDuplicates: 0, canUndoKeep: false });
  });

  it('refuses a keep request of the wrong shape', () => {
    expect(KeepDuplicatesRequest.safeParse({ change: 'rows', rows: [], keep: true }).success).toBe(false);
    expect(KeepDuplicatesRequest.safeParse({ change: 'rows', rows: [0], keep: true }).success).toBe(false);
    expect(KeepDuplicatesRequest.safeParse({ change: 'all' }).success).toBe(false);
    expect(KeepDuplicatesRequest.safeParse({ change: 'undo', keep: true }).success).toBe(false);
    expect(KeepDuplicatesRequest.safeParse({ change: 'rows', rows: [4, 5], keep: false }).success).toBe(true);
  });

  it('a campaign sends one message per kept row: only the duplicates left out are skipped', async () => {
    const file = (await csv('family3.csv', FAMILY)).path;
    const imported = await importContactFile(file, { country: 'GB', keepDuplicates: false });
    const keeping = await importContactFile(file, { country: 'GB', keepDuplicates: true });
    expect(imported.contacts.map((c) => c.row)).toEqual([2, 3]);
    expect(keeping.contacts.map((c) => c.row)).toEqual([2, 3, 4, 5]);

    const campaignDir = path.join(dir, 'c_kept');
    const meta = {
      id: 'c_kept',
      name: 't',
      createdAt: 1,
      template: 'Hi {{Name}}',
      pacing: DEFAULT_PACING,
      attachment: null,
      columns: keeping.columns,
    };
    const campaign = await Campaign.create(campaignDir, { meta, contacts: keeping.contacts, attachmentSource: null });
    expect(campaign.model.counts()).toMatchObject({ pending: 4, skipped: 0 });
    await campaign.close();
    // Reloaded (a resume), the kept rows are still to send: nothing about them had to be stored.
    const again = (await Campaign.load(campaignDir))!;
    expect(again.model.counts()).toMatchObject({ pending: 4, skipped: 0 });
    await again.close();

    // Two rows with one number that were not kept (a list built elsewhere): the later one is still skipped.
    const plain = keeping.contacts.map(({ keptDuplicate: _kept, ...c }) => c);
    const old = await Campaign.create(path.join(dir, 'c_plain'), { meta: { ...meta, id: 'c_plain' }, contacts: plain, attachmentSource: null });
    expect(old.model.counts()).toMatchObject({ pending: 2, skipped: 2 });
    await old.close();
  });

  it('the campaign side follows a keep change', async () => {
    const svc = service();
    await svc.importFile(await csv('family4.csv', FAMILY), { defaultCountry: 'GB' });
    const current = followImportedContacts(svc);
    expect(current()!.contacts).toHaveLength(2);
    svc.keepDuplicates({ change: 'rows', rows: [5], keep: true });
    expect(current()!.contacts.map((c) => c.row)).toEqual([2, 3, 5]);
  });
});
