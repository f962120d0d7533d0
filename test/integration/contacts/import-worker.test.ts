import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ContactsService } from '../../../src/contacts/contacts-service';
import { workerRunner } from '../../../src/contacts/import-runner';
import type { WorkerRunnerSettings } from '../../../src/contacts/worker-runner';
import { memoryJsonFile } from '../../../src/contacts/json-file';
import { MappingStore } from '../../../src/contacts/mapping-store';
import { OptOutList } from '../../../src/contacts/opt-out';
import { buildImportWorker } from '../../support/build-import-worker';

let workerFile: string;
let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'wa-import-worker-'));
  const worker = await buildImportWorker();
  workerFile = worker.file;
  return async () => {
    worker.remove();
    await rm(dir, { recursive: true, force: true });
  };
});

const service = (settings: WorkerRunnerSettings = {}) =>
  new ContactsService({
    runner: workerRunner(workerFile, settings),
    optOut: new OptOutList(memoryJsonFile()),
    mappings: new MappingStore(memoryJsonFile()),
    fallbackCountry: () => 'AE',
  });

describe('import worker thread', () => {
  it('imports a file off the main thread and re-checks a new mapping there', async () => {
    const lines = ['Name,Phone,Alt'];
    for (let i = 0; i < 12_000; i++) lines.push(`P${i},050${String(1000000 + i)},${i % 1000 === 0 ? 'x' : '0527654321'}`);
    const file = path.join(dir, 'w.csv');
    await writeFile(file, lines.join('\n'));
    const svc = service();
    const summary = await svc.importFile({ path: file, name: 'w.csv' });
    expect(summary.counts).toEqual({ rows: 12_000, valid: 12_000, invalid: 0, duplicates: 0, optedOut: 0 });
    expect(svc.rows(11_999, 1).items).toEqual([{ row: 12_001, phone: '+971501011999', values: ['P11999', '0501011999', '0527654321'] }]);
    const remapped = await svc.setMapping({ phoneColumn: 2 });
    expect(remapped.counts).toEqual({ rows: 12_000, valid: 1, invalid: 12, duplicates: 11_987, optedOut: 0 });
    expect(svc.problems(0, 2).items).toEqual([
      { row: 2, value: 'x', reason: 'letters in the number' },
      { row: 1002, value: 'x', reason: 'letters in the number' },
    ]);
  });

  it('passes a file error back with its code and message', async () => {
    await expect(service().importFile({ path: path.join(dir, 'missing.csv'), name: 'missing.csv' })).rejects.toMatchObject({
      code: 'not_found',
      message: 'missing.csv: file not found',
    });
  });

  it('cancelling terminates the worker', async () => {
    const file = path.join(dir, 'c.csv');
    await writeFile(file, 'phone\n' + '0501234567\n'.repeat(200_000));
    const svc = service();
    // Cancelled while the worker is reading: on its first report of rows read (of 200,000; it reports per batch).
    const readSoFar: number[] = [];
    svc.onProgress((p) => {
      if (p.phase !== 'reading' || p.rowsRead === 0 || readSoFar.length > 0) return;
      readSoFar.push(p.rowsRead);
      svc.cancel();
    });
    const running = svc.importFile({ path: file, name: 'c.csv' });
    await expect(running).rejects.toMatchObject({ code: 'cancelled' });
    expect(readSoFar).toHaveLength(1);
    expect(readSoFar[0]).toBeLessThan(200_000);
  });

  it('puts rows and phones from the reader and the phone helper back together in file order, exactly', async () => {
    // 70,000 rows: 14 batches, some checked by the helper thread, some by the reader; every 7th row is special.
    const lines = ['Name,Phone,Note'];
    const expected: { row: number; phone: string; values: string[] }[] = [];
    for (let i = 0; i < 70_000; i++) {
      const phone = '05' + String(i % 2 === 0 ? 0 : 2) + String(1000000 + i);
      const note = i % 7 === 0 ? `said "hi", then\nleft 😀 ${i}` : i % 7 === 1 ? '' : `محمد ${i}`;
      lines.push(`P${i},${phone},${i % 7 === 0 ? '"' + note.replace(/"/g, '""') + '"' : note}`);
      expected.push({ row: i + 2, phone: '+9715' + String(i % 2 === 0 ? 0 : 2) + String(1000000 + i), values: [`P${i}`, phone, note] });
    }
    const file = path.join(dir, 'order.csv');
    await writeFile(file, lines.join('\r\n') + '\r\n');
    for (const phoneHelper of [true, false]) {
      const svc = service({ phoneHelper });
      const summary = await svc.importFile({ path: file, name: 'order.csv' });
      expect(summary.counts).toEqual({ rows: 70_000, valid: 70_000, invalid: 0, duplicates: 0, optedOut: 0 });
      const all = [...svc.allContacts()];
      expect(all.length).toBe(70_000);
      for (const i of [0, 1, 2, 4_999, 5_000, 34_567, 69_999]) expect(all[i]).toEqual(expected[i]);
      expect(all.map((c) => c.phone)).toEqual(expected.map((c) => c.phone));
    }
  });

  it('re-checks a large changed mapping in two threads, in order', async () => {
    const lines = ['Phone,Other'];
    for (let i = 0; i < 60_000; i++) lines.push(`050${String(1000000 + i)},${i % 3 === 0 ? 'x' : '052' + String(1000000 + (i % 500))}`);
    const file = path.join(dir, 'remap.csv');
    await writeFile(file, lines.join('\n'));
    const svc = service({ phoneHelper: true });
    await svc.importFile({ path: file, name: 'remap.csv' });
    const remapped = await svc.setMapping({ phoneColumn: 1 });
    expect(remapped.counts).toEqual({ rows: 60_000, valid: 500, invalid: 20_000, duplicates: 39_500, optedOut: 0 });
    expect(svc.problems(19_999, 1).items).toEqual([{ row: 59_999, value: 'x', reason: 'letters in the number' }]);
    expect(svc.rows(0, 2).items.map((r) => r.phone)).toEqual(['+971521000001', '+971521000002']);
  });
});
