import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ContactsService } from '../../../src/contacts/contacts-service';
import { inProcessRunner } from '../../../src/contacts/import-runner';
import { jsonFile, memoryJsonFile } from '../../../src/contacts/json-file';
import { MappingStore } from '../../../src/contacts/mapping-store';
import { OptOutList } from '../../../src/contacts/opt-out';
import { createContactsHandlers } from '../../../src/ipc/handlers/contacts';
import { contactsInvokes } from '../../../src/shared/contract/contacts';
import type { ImportProgress } from '../../../src/shared/contract/contacts';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'wa-contacts-svc-'));
});

async function csv(name: string, text: string) {
  const file = path.join(dir, name);
  await writeFile(file, text);
  return { path: file, name };
}

describe('ContactsService', () => {
  it('re-applies a changed mapping and remembers it for the next file with the same layout', async () => {
    const mappings = new MappingStore(jsonFile(path.join(dir, 'state', 'mappings.json')));
    const make = () =>
      new ContactsService({ runner: inProcessRunner, optOut: new OptOutList(memoryJsonFile()), mappings, fallbackCountry: () => 'AE' });
    const text = 'Name,Mobile,Office\nAli,0501234567,0527654321\nBea,0501234567,0551112222\n';
    const svc = make();
    const first = await svc.importFile(await csv('a.csv', text));
    expect(first.phoneColumn).toBe(1);
    expect(first.counts).toMatchObject({ valid: 1, duplicates: 1 });

    const remapped = await svc.setMapping({ phoneColumn: 2 });
    expect(remapped.counts).toMatchObject({ rows: 2, valid: 2, duplicates: 0 });
    expect(svc.rows(0, 5).items.map((r) => r.phone)).toEqual(['+971527654321', '+971551112222']);

    const again = await make().importFile(await csv('b.csv', text.replace('Name,Mobile,Office', ' name , MOBILE,office')));
    expect(again).toMatchObject({ phoneColumn: 2, mappingRemembered: true });
    const saved = JSON.parse(await readFile(path.join(dir, 'state', 'mappings.json'), 'utf8'));
    expect(Object.values(saved.mappings)).toEqual([{ phoneColumn: 2, hasHeader: true, defaultCountry: 'AE' }]);
  });

  it('switches the header row off and on, keeping row numbers', async () => {
    const svc = new ContactsService({
      runner: inProcessRunner,
      optOut: new OptOutList(memoryJsonFile()),
      mappings: new MappingStore(memoryJsonFile()),
      fallbackCountry: () => 'GB',
    });
    await svc.importFile(await csv('h.csv', '07911123456\n07911123457\n'));
    const withHeader = await svc.setMapping({ hasHeader: true });
    expect(withHeader.columns).toEqual(['07911123456']);
    expect(svc.rows(0, 5).items.map((r) => r.row)).toEqual([2]);
    const without = await svc.setMapping({ hasHeader: false, defaultCountry: 'GB' });
    expect(without.counts.rows).toBe(2);
    expect(svc.rows(0, 5).items.map((r) => r.row)).toEqual([1, 2]);
  });

  it('applies the opt-out list at import and again when it changes; persists it', async () => {
    const file = path.join(dir, 'opt-out.json');
    const optOut = new OptOutList(jsonFile(file));
    await optOut.load();
    const added = await optOut.add(['050 123 4567', 'nonsense', ''], 'AE');
    expect(added).toEqual({ changed: 1, total: 1, problems: [{ row: 2, value: 'nonsense', reason: 'letters in the number' }] });

    const svc = new ContactsService({ runner: inProcessRunner, optOut, mappings: new MappingStore(memoryJsonFile()), fallbackCountry: () => 'AE' });
    const summary = await svc.importFile(await csv('o.csv', 'phone\n+971501234567\n+971527654321\n'));
    expect(summary.counts).toMatchObject({ valid: 1, optedOut: 1 });

    const changes: Array<number | undefined> = [];
    svc.onChanged((s) => changes.push(s?.counts.optedOut));
    await optOut.remove(['+971501234567'], 'AE');
    expect(changes).toEqual([0]);
    expect(svc.summary()!.counts.valid).toBe(2);

    await optOut.add(['0527654321'], 'AE');
    const reloaded = new OptOutList(jsonFile(file));
    await reloaded.load();
    expect(reloaded.has('+971527654321')).toBe(true);
    expect(reloaded.has('+971501234567')).toBe(false);
    expect(JSON.parse(await readFile(file, 'utf8'))).toEqual({ version: 1, numbers: ['+971527654321'] });
  });

  it('refuses a damaged opt-out file instead of starting empty', async () => {
    const file = path.join(dir, 'bad-opt-out.json');
    await writeFile(file, '{"numbers": [1, 2');
    const list = new OptOutList(jsonFile(file));
    await expect(list.load()).rejects.toThrow(`Opt-out list ${file} is damaged`);
    // Changes are refused so the damaged file (the only record of who opted out) is never overwritten.
    await expect(list.add(['+12125550123'], 'US')).rejects.toThrow(/Repair or remove that file/);
    expect(await readFile(file, 'utf8')).toBe('{"numbers": [1, 2');
  });

  it('cancels a running import and reports progress phases', async () => {
    const rows = ['phone'];
    for (let i = 0; i < 60_000; i++) rows.push('+9715' + String(10000000 + i));
    const file = await csv('big.csv', rows.join('\n'));
    const svc = new ContactsService({
      runner: inProcessRunner,
      optOut: new OptOutList(memoryJsonFile()),
      mappings: new MappingStore(memoryJsonFile()),
      fallbackCountry: () => 'AE',
    });
    const phases: ImportProgress['phase'][] = [];
    svc.onProgress((p) => {
      phases.push(p.phase);
      if (p.phase === 'reading' && p.rowsRead > 0) svc.cancel();
    });
    await expect(svc.importFile(file)).rejects.toMatchObject({ code: 'cancelled' });
    expect(phases.at(-1)).toBe('cancelled');
    expect(svc.summary()).toBeNull();
  });
});

describe('contacts handlers', () => {
  it('validate requests through the contract schemas and serve pages, problems export and country', async () => {
    expect(contactsInvokes['contacts:getRows'].request.safeParse({ offset: 0, limit: 5000 }).success).toBe(false);
    expect(contactsInvokes['contacts:importFile'].request.safeParse({ fileId: '/etc/passwd' }).success).toBe(false);
    expect(contactsInvokes['contacts:setMapping'].request.parse({ defaultCountry: 'gb' })).toEqual({ defaultCountry: 'GB' });

    const optOut = new OptOutList(memoryJsonFile());
    const svc = new ContactsService({ runner: inProcessRunner, optOut, mappings: new MappingStore(memoryJsonFile()), fallbackCountry: () => 'AE' });
    const files = new Map([
      ['f_list000', await csv('h.csv', 'Name,Phone\nAli,0501234567\nBo,12\nCy,"+1 (212) 555-0123"\n')],
      ['f_out0000', { path: path.join(dir, 'problems.csv'), name: 'problems.csv' }],
    ]);
    const handlers = createContactsHandlers({
      contacts: svc,
      optOut,
      resolveFile: (id) => files.get(id)!,
      accountNumber: () => '971501234567',
      defaultCountry: () => 'AE',
      readNumbersFile: async () => ({ numbers: ['+12125550123'], problems: [] }),
    });
    const ctx = {} as never;
    expect(() => handlers['contacts:getRows']({ offset: 0, limit: 10 }, ctx)).toThrow('No contacts imported yet.');
    const summary = await handlers['contacts:importFile']({ fileId: 'f_list000' }, ctx);
    expect(summary.counts).toMatchObject({ rows: 3, valid: 2, invalid: 1 });
    const page = await handlers['contacts:getRows']({ offset: 1, limit: 10 }, ctx);
    expect(page).toEqual({ total: 2, offset: 1, items: [{ row: 4, phone: '+12125550123', values: ['Cy', '+1 (212) 555-0123'] }] });
    expect(await handlers['contacts:exportProblems']({ targetFileId: 'f_out0000' }, ctx)).toEqual({ written: 1 });
    // With the import's columns, each problem row comes whole (4a4c79c).
    expect(await readFile(path.join(dir, 'problems.csv'), 'utf8')).toBe(
      '\ufeff"Row","Phone as written","Reason","Name","Phone"\r\n3,"12","too short","Bo","12"\r\n',
    );
    expect(await handlers['contacts:suggestCountry'](undefined, ctx)).toBe('AE');
    expect(await handlers['optOut:importFile']({ fileId: 'f_list000' }, ctx)).toMatchObject({ changed: 1, total: 1 });
    expect((await handlers['contacts:getSummary'](undefined, ctx))!.counts).toMatchObject({ valid: 1, optedOut: 1 });
    expect(await handlers['optOut:list']({ offset: 0, limit: 10 }, ctx)).toEqual({ total: 1, offset: 0, items: ['+12125550123'] });
  });
});
