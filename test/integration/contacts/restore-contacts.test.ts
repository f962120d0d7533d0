/**
 * The imported contact list across an app restart (issue 10): the contacts module is built twice over the same data
 * folder, as the app does on each start, with the real import worker and real files. The list comes back with the
 * same counts, sheet, header row, phone column, country and kept duplicates; a file changed or gone since is not
 * read again (the notice says which and where, the record stays); clearing the list forgets it.
 */
import { mkdir, mkdtemp, readFile, rm, stat, utimes, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import * as XLSX from 'xlsx';
import { afterEach, describe, expect, it } from 'vitest';
import { createContactsModule } from '../../../src/app/contacts';
import { importRecordFile, StoredImportRecord } from '../../../src/contacts/import-record';
import { Notifier } from '../../../src/ipc/notifier';
import { appPathsFor } from '../../../src/platform/app-paths';
import { FileRegistry } from '../../../src/platform/file-registry';
import { Logger } from '../../../src/platform/logger';
import type { ImportSummary, RestoredContacts } from '../../../src/shared/contract/contacts';
import { FakeClock } from '../../fakes/fake-clock';
import { until } from '../../unit/campaign/helpers';
import { book, writeWorkbook } from './workbook-fixtures';

const WORKER = path.resolve(__dirname, '../../../out/main/import-worker.js');
const dirs: string[] = [];
afterEach(async () => {
  await Promise.all(dirs.splice(0).map((d) => rm(d, { recursive: true, force: true })));
});

async function dataFolder(): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'wa-restore-contacts-'));
  dirs.push(dir);
  return dir;
}

/** One start of the app's contacts part over the data folder; resolves once the list from before is read again. */
async function start(dir: string) {
  const paths = appPathsFor(path.join(dir, 'data'));
  const logger = new Logger(new FakeClock());
  const warnings: string[] = [];
  logger.onLine((line) => line.level !== 'info' && warnings.push(line.message));
  const files = new FileRegistry();
  const module = await createContactsModule({ paths, logger, notifier: new Notifier(), files, status: () => ({ kind: 'idle' }), workerFile: WORKER });
  await module.restored.done;
  const h = module.handlers as unknown as Record<string, (request?: unknown) => Promise<unknown> | unknown>;
  const call = async <T>(channel: string, request?: unknown) => (await h[channel]!(request)) as T;
  return { ...module, paths, files, warnings, call };
}

const CLASS = [
  'Class 5B parents,,',
  'Updated 3 May,,',
  'Parent,Mobile,Child',
  'Huda,0501234567,Sara',
  'Karim,0527654321,Omar',
  'Huda again,0501234567,Yusuf',
  'Nour,call me,Lina',
  'Layla,0551112222,Adam',
  'Karim again,0527654321,Zaid',
].join('\n');

async function written(dir: string, name: string, text: string) {
  const file = path.join(dir, name);
  await writeFile(file, text);
  return file;
}

/** What the Contacts screen shows of a list: the summary and every valid row. */
async function shown(app: Awaited<ReturnType<typeof start>>) {
  const summary = await app.call<ImportSummary | null>('contacts:getSummary');
  return { summary, rows: summary ? app.contacts.rows(0, 100).items : [] };
}

const storedRecord = async (app: Awaited<ReturnType<typeof start>>) =>
  StoredImportRecord.parse(JSON.parse(await readFile(importRecordFile(app.paths.stateDir), 'utf8')));

/** Waits for the record to say what `ok` wants (it is written just after each change of the list). */
async function recordWhere(
  app: Awaited<ReturnType<typeof start>>,
  ok: (r: StoredImportRecord | null) => boolean,
): Promise<StoredImportRecord | null> {
  let record: StoredImportRecord | null = null;
  await until(async () => ok((record = await storedRecord(app).catch(() => null))), 'the record to become as expected');
  return record;
}

describe('the imported list after a restart', () => {
  it('comes back with the same header row, country, phone column and kept duplicates', async () => {
    const dir = await dataFolder();
    const file = await written(dir, 'may.csv', CLASS);
    const first = await start(dir);
    const ref = await first.files.register(file);
    await first.call('contacts:importFile', { fileId: ref.id, headerRow: 3 });
    await first.call('contacts:setMapping', { defaultCountry: 'AE' });
    const kept = await first.call<ImportSummary>('contacts:keepDuplicates', { change: 'rows', rows: [6], keep: true });
    expect(kept).toMatchObject({
      headerRow: 3,
      phoneColumn: 1,
      defaultCountry: 'AE',
      keptDuplicates: 1,
      counts: { valid: 4, duplicates: 1, invalid: 1 },
    });
    expect(kept.country.chosen).toBe(true);
    const before = await shown(first);
    await recordWhere(first, (r) => r?.keptRows.length === 1);

    // While the file is read again, the screen can say so (asked without waiting).
    const paths = appPathsFor(path.join(dir, 'data'));
    const early = await createContactsModule({
      paths,
      logger: new Logger(new FakeClock()),
      notifier: new Notifier(),
      files: new FileRegistry(),
      status: () => ({ kind: 'idle' }),
      workerFile: WORKER,
    });
    const getRestored = early.handlers['contacts:getRestored'] as (r: { wait: boolean }) => Promise<RestoredContacts>;
    expect(await getRestored({ wait: false })).toEqual({ reading: 'may.csv', notice: null, file: null });
    expect(await getRestored({ wait: true })).toMatchObject({ reading: null, notice: null, file: { name: 'may.csv' } });

    const second = await start(dir);
    const after = await shown(second);
    expect(after.summary).toEqual({ ...before.summary, canUndoKeep: true });
    expect(after.rows).toEqual(before.rows);
    expect(after.rows.map((r) => r.row)).toEqual([4, 5, 6, 8]);
    // The screen gets a reference to the file read again, to read another header row or sheet of it.
    const restored = await second.call<RestoredContacts>('contacts:getRestored', { wait: true });
    expect(restored).toMatchObject({ notice: null, file: { name: 'may.csv' } });
    expect(second.files.resolve(restored.file!.id, 'read').path).toBe(file);
    expect(second.warnings).toEqual([]);
  });

  it('keeps a header switched off after it was found below a title: the rows above it stay out', async () => {
    const dir = await dataFolder();
    const file = await written(dir, 'may.csv', CLASS);
    const first = await start(dir);
    await first.call('contacts:importFile', { fileId: (await first.files.register(file)).id, defaultCountry: 'AE' });
    const off = await first.call<ImportSummary>('contacts:setMapping', { hasHeader: false });
    const kept = await first.call<ImportSummary>('contacts:keepDuplicates', { change: 'rows', rows: [9], keep: true });
    expect(off).toMatchObject({ hasHeader: false, headerRow: null, counts: { rows: 7 } });
    expect(kept.keptDuplicates).toBe(1);
    const problems = first.contacts.problems(0, 100).items;
    const before = await shown(first);
    await recordWhere(first, (r) => r?.keptRows.length === 1 && !r.hasHeader);

    const second = await start(dir);
    expect(await shown(second)).toEqual(before);
    expect(second.contacts.problems(0, 100).items).toEqual(problems);
    expect(problems.map((p) => p.row)).toEqual([3, 7]);
  });

  it('keeps the sheet chosen in a workbook and a country left to the guess', async () => {
    const dir = await dataFolder();
    const file = path.join(dir, 'parents.xlsx');
    await writeWorkbook(
      file,
      book({
        Notes: XLSX.utils.aoa_to_sheet([['nothing here']]),
        Parents: XLSX.utils.aoa_to_sheet([
          ['Name', 'Phone'],
          ['Ann', '+447400123456'],
          ['Bob', '07400 654321'],
          ['Cy', '+447400123456'],
        ]),
      }),
    );
    const first = await start(dir);
    const ref = await first.files.register(file);
    const summary = await first.call<ImportSummary>('contacts:importFile', { fileId: ref.id, sheet: 'Parents' });
    expect(summary).toMatchObject({ sheet: 'Parents', counts: { valid: 2, duplicates: 1 } });
    await recordWhere(first, (r) => r?.sheet === 'Parents');

    const second = await start(dir);
    expect((await shown(second)).summary).toEqual(summary);
  });

  it('brings pasted numbers back too', async () => {
    const dir = await dataFolder();
    const first = await start(dir);
    const summary = await first.call<ImportSummary>('contacts:importText', {
      text: '+971501234567\n+971527654321\nnot a number',
      defaultCountry: 'AE',
    });
    await recordWhere(first, (r) => r?.source.kind === 'text');
    const second = await start(dir);
    expect(await shown(second)).toEqual({ summary, rows: first.contacts.rows(0, 100).items });
  });

  it('is not read again when the file changed since: the notice names it, the record stays', async () => {
    const dir = await dataFolder();
    const file = await written(dir, 'may.csv', CLASS);
    const first = await start(dir);
    await first.call('contacts:importFile', { fileId: (await first.files.register(file)).id, defaultCountry: 'AE' });
    const record = await recordWhere(first, (r) => r !== null);

    await writeFile(file, CLASS + '\nSam,0509998888,Rami');
    const second = await start(dir);
    expect((await shown(second)).summary).toBeNull();
    expect(await second.call('contacts:getRestored', { wait: true })).toEqual({
      reading: null,
      notice: { name: 'may.csv', folder: dir, reason: 'changed', detail: null },
      file: null,
    });
    expect(second.warnings.join('\n')).toContain('may.csv');
    expect(await storedRecord(second)).toEqual(record);

    // Only the time changed (saved again by a spreadsheet program): still not read behind the operator's back.
    await writeFile(file, CLASS);
    const { mtime } = await stat(file);
    await utimes(file, mtime, new Date(mtime.getTime() + 60_000));
    const third = await start(dir);
    expect(await third.call('contacts:getRestored', { wait: true })).toMatchObject({ notice: { reason: 'changed' } });

    // Clearing the list forgets it: the next start has neither list nor notice.
    await third.call('contacts:clear');
    expect(await third.call('contacts:getRestored', { wait: true })).toEqual({ reading: null, notice: null, file: null });
    await recordWhere(third, (r) => r === null);
    const fourth = await start(dir);
    expect(await fourth.call('contacts:getRestored', { wait: true })).toEqual({ reading: null, notice: null, file: null });
  });

  it('is not read again when the file is gone: the notice says where it was', async () => {
    const dir = await dataFolder();
    const file = await written(dir, 'may.csv', CLASS);
    const first = await start(dir);
    await first.call('contacts:importFile', { fileId: (await first.files.register(file)).id, defaultCountry: 'AE' });
    await recordWhere(first, (r) => r !== null);
    await rm(file);
    const second = await start(dir);
    expect((await shown(second)).summary).toBeNull();
    expect(await second.call('contacts:getRestored', { wait: true })).toEqual({
      reading: null,
      notice: { name: 'may.csv', folder: dir, reason: 'missing', detail: null },
      file: null,
    });

    // Another import replaces the list kept from before (and its notice).
    await second.call('contacts:importText', { text: '+971501234567', defaultCountry: 'AE' });
    expect(await second.call('contacts:getRestored', { wait: true })).toEqual({ reading: null, notice: null, file: null });
    expect(await recordWhere(second, (r) => r?.source.kind === 'text')).toMatchObject({ source: { kind: 'text', text: '+971501234567' } });
  });

  it('does not come back once cleared', async () => {
    const dir = await dataFolder();
    const file = await written(dir, 'may.csv', CLASS);
    const first = await start(dir);
    await first.call('contacts:importFile', { fileId: (await first.files.register(file)).id, defaultCountry: 'AE' });
    await recordWhere(first, (r) => r !== null);
    await first.call('contacts:clear');
    await recordWhere(first, (r) => r === null);
    const second = await start(dir);
    expect((await shown(second)).summary).toBeNull();
    expect(await second.call('contacts:getRestored', { wait: true })).toEqual({ reading: null, notice: null, file: null });
  });

  it('a mapping changed after the file was edited does not make the edited file look unchanged', async () => {
    const dir = await dataFolder();
    const file = await written(dir, 'may.csv', CLASS);
    const first = await start(dir);
    await first.call('contacts:importFile', { fileId: (await first.files.register(file)).id, defaultCountry: 'AE' });
    const record = await recordWhere(first, (r) => r !== null);
    await writeFile(file, CLASS + '\nSam,0509998888,Rami');
    await first.call('contacts:setMapping', { defaultCountry: 'SA' });
    const remapped = await recordWhere(first, (r) => r?.defaultCountry === 'SA');
    expect(remapped?.source).toEqual(record?.source);
    const second = await start(dir);
    expect(await second.call('contacts:getRestored', { wait: true })).toMatchObject({ notice: { reason: 'changed' } });
  });

  it('a damaged record is set aside and the app starts without a list', async () => {
    const dir = await dataFolder();
    const paths = appPathsFor(path.join(dir, 'data'));
    await mkdir(paths.stateDir, { recursive: true });
    await writeFile(importRecordFile(paths.stateDir), '{"version":1,"source":{"kind":"file"}}');
    const app = await start(dir);
    expect((await shown(app)).summary).toBeNull();
    expect(app.warnings.join('\n')).toContain('damaged');
    await expect(stat(importRecordFile(paths.stateDir))).rejects.toThrow();
  });
});
