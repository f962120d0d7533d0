import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ContactsService } from '../../../src/contacts/contacts-service';
import { inProcessRunner } from '../../../src/contacts/import-runner';
import { memoryJsonFile } from '../../../src/contacts/json-file';
import { MappingStore } from '../../../src/contacts/mapping-store';
import { OptOutList } from '../../../src/contacts/opt-out';
import { normaliseValues } from '../../../src/contacts/table-import';
import { codeE164, codeReason, isUsableCode } from '../../../src/contacts/phone-codes';

/** Both written forms of one Brazilian and one Mexican mobile (WHATSAPP.md #19), and a Brazilian landline. */
const LIST = [
  'Name,Mobile',
  'Ana,+55 11 98765-4321',
  'Ana (old list),+55 11 8765-4321',
  'Shop,+55 11 3456-7890',
  'Luis,+52 1 55 1234 5678',
  'Luis (new),+52 55 1234 5678',
].join('\n');

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'wa-phone-forms-'));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

const service = (optOut = new OptOutList(memoryJsonFile())) =>
  new ContactsService({ runner: inProcessRunner, optOut, mappings: new MappingStore(memoryJsonFile()), fallbackCountry: () => 'BR' });

describe('importing both forms of a Brazilian or Mexican mobile', () => {
  it('accepts both, keeps one canonical form, and counts the second form as a duplicate', async () => {
    const file = path.join(dir, 'list.csv');
    await writeFile(file, LIST);
    const contacts = service();
    const summary = await contacts.importFile({ path: file, name: 'list.csv' });
    expect(summary.counts).toMatchObject({ rows: 5, valid: 2, invalid: 1, duplicates: 2 });
    expect(contacts.rows(0, 10).items.map((r) => [r.values[0], r.phone])).toEqual([
      ['Ana', '+5511987654321'],
      ['Luis', '+525512345678'],
    ]);
  });

  it("gives the same phone codes in the import worker's helper (normaliseValues)", () => {
    const codes = normaliseValues(['11 8765-4321', '(11) 98765-4321', '+52 1 55 1234 5678', '(11) 3456-7890'], 'BR');
    expect([...codes].map((c) => (isUsableCode(c) ? codeE164(c) : codeReason(c)))).toEqual([
      '+5511987654321',
      '+5511987654321',
      '+525512345678',
      'not a mobile number',
    ]);
  });

  it('opts out both forms of a number, whichever form the opt-out list holds', async () => {
    // A list saved before the forms were made one: "+55 21 7765-4321" was then kept with 12 digits.
    const optOut = new OptOutList(memoryJsonFile({ version: 1, numbers: ['+552177654321'] }));
    await optOut.load();
    expect(optOut.has('+5521977654321')).toBe(true);
    expect(optOut.has('+552177654321')).toBe(true);
    expect(optOut.has('+5511987654321')).toBe(false);

    // Adding the other form of a number already there changes nothing; removing either form removes the person.
    expect((await optOut.add(['+55 21 97765-4321'], 'BR')).changed).toBe(0);
    expect((await optOut.add(['+52 1 55 1234 5678'], 'MX')).changed).toBe(1);
    expect(optOut.has('+525512345678')).toBe(true);
    expect(optOut.has('+5215512345678')).toBe(true);
    expect((await optOut.remove(['(21) 97765-4321'], 'BR')).total).toBe(1);
    expect(optOut.has('+552177654321')).toBe(false);

    const file = path.join(dir, 'opted.csv');
    await writeFile(file, LIST);
    const summary = await service(optOut).importFile({ path: file, name: 'opted.csv' });
    expect(summary.counts).toMatchObject({ valid: 1, optedOut: 1, duplicates: 2 });
  });
});
