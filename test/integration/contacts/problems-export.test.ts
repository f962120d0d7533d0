import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ContactsService } from '../../../src/contacts/contacts-service';
import { inProcessRunner } from '../../../src/contacts/import-runner';
import { memoryJsonFile } from '../../../src/contacts/json-file';
import { MappingStore } from '../../../src/contacts/mapping-store';
import { OptOutList } from '../../../src/contacts/opt-out';
import { createContactsHandlers, writeProblemsCsv } from '../../../src/ipc/handlers/contacts';
import { own } from '../../unit/ipc/helpers';
import { INJECTIONS } from '../../unit/core/csv-injection-payloads';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'wa-problems-export-'));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

const csvQuote = (s: string) => `"${s.replace(/"/g, '""')}"`;

describe('problem-rows export (CSV injection)', () => {
  it('writes every problem value that starts like a formula with a leading quote', async () => {
    const file = path.join(dir, 'p.csv');
    const problems = INJECTIONS.map((value, i) => ({ row: i + 2, value, reason: 'letters in the number' }));
    expect(await writeProblemsCsv(file, problems)).toBe(INJECTIONS.length);
    const expected = INJECTIONS.map((v, i) => `${i + 2},${csvQuote(`'${v}`)},"letters in the number"`);
    expect(await readFile(file, 'utf8')).toBe(`\ufeffrow,value,reason\r\n${expected.join('\r\n')}\r\n`);
  });

  it('from an imported file: the payloads in the phone column come out neutralised, a bare number stays usable', async () => {
    const source = path.join(dir, 'hostile.csv');
    const cells = ["=cmd|' /C calc'!A0", "-2+3+cmd|' /C calc'!A0", "@SUM(1+1)*cmd|' /C calc'!A0", '+1234567', '12'];
    await writeFile(source, `Name,Phone\n${cells.map((c, i) => `P${i},${csvQuote(c)}`).join('\n')}\n`);
    const svc = new ContactsService({
      runner: inProcessRunner,
      optOut: new OptOutList(memoryJsonFile()),
      mappings: new MappingStore(memoryJsonFile()),
      fallbackCountry: () => 'AE',
    });
    const summary = await svc.importFile({ path: source, name: 'hostile.csv' });
    expect(summary.counts.invalid).toBe(cells.length);
    const out = path.join(dir, 'hostile-problems.csv');
    await writeProblemsCsv(out, svc.allProblems());
    const values = (await readFile(out, 'utf8'))
      .split('\r\n')
      .slice(1, -1)
      .map((line) => line.split(',')[1]);
    expect(values).toEqual([`"'=cmd|' /C calc'!A0"`, `"'-2+3+cmd|' /C calc'!A0"`, `"'@SUM(1+1)*cmd|' /C calc'!A0"`, '"+1234567"', '"12"']);
  });

  it('through the contacts channel: each problem row whole, with its name and the other columns of the file', async () => {
    const source = path.join(dir, 'patients.csv');
    await writeFile(
      source,
      'Name,Phone,Appointment\nJane Smith,+14155550100,3 May\n"Haddad, Omar",not a number,4 May\nJane again,+14155550100,6 May\n',
    );
    const svc = new ContactsService({
      runner: inProcessRunner,
      optOut: new OptOutList(memoryJsonFile()),
      mappings: new MappingStore(memoryJsonFile()),
      fallbackCountry: () => 'US',
    });
    await svc.importFile({ path: source, name: 'patients.csv' }, { defaultCountry: 'US' });
    const out = path.join(dir, 'patients-problems.csv');
    const handlers = createContactsHandlers({
      contacts: svc,
      optOut: new OptOutList(memoryJsonFile()),
      resolveFile: () => ({ path: out, name: 'patients-problems.csv' }),
      accountNumber: () => null,
      defaultCountry: () => 'US',
      readNumbersFile: async () => ({ numbers: [], problems: [] }),
    });
    expect(await handlers['contacts:exportProblems']({ targetFileId: 'f_target' }, own)).toEqual({ written: 2 });
    const lines = (await readFile(out, 'utf8')).replace(/^\ufeff/, '').split('\r\n');
    expect(lines[0]).toBe('"Row","Phone as written","Reason","Name","Phone","Appointment"');
    expect(lines[1]).toMatch(/^3,"not a number","[^"]+","Haddad, Omar","not a number","4 May"$/);
    expect(lines[2]).toMatch(/^4,"\+14155550100","repeats row 2[^"]*","Jane again","\+14155550100","6 May"$/);
    expect(lines[3]).toBe('');
  });
});
