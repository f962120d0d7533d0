import { existsSync } from 'node:fs';
import { mkdtemp, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { build } from 'esbuild';
import { beforeAll, describe, expect, it } from 'vitest';
import { ContactsService } from '../../../src/contacts/contacts-service';
import { workerRunner } from '../../../src/contacts/import-runner';
import { memoryJsonFile } from '../../../src/contacts/json-file';
import { MappingStore } from '../../../src/contacts/mapping-store';
import { OptOutList } from '../../../src/contacts/opt-out';

// The worker as `npm run build` emits it; built here with the same settings when the full build has not run.
const workerFile = path.resolve('out/main/import-worker.js');
let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'wa-import-worker-'));
  if (!existsSync(workerFile)) {
    await build({
      entryPoints: { 'import-worker': 'src/contacts/import-worker.ts' },
      outdir: 'out/main',
      bundle: true,
      platform: 'node',
      target: 'node20',
      format: 'cjs',
      packages: 'external',
      logLevel: 'error',
    });
  }
});

const service = () =>
  new ContactsService({
    runner: workerRunner(workerFile),
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
    const running = svc.importFile({ path: file, name: 'c.csv' });
    setTimeout(() => svc.cancel(), 20);
    await expect(running).rejects.toMatchObject({ code: 'cancelled' });
  });
});
