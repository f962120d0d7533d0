import { execFileSync } from 'node:child_process';
import { appendFileSync, truncateSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import * as XLSX from 'xlsx';
import { beforeAll, describe, expect, it } from 'vitest';
import { ContactsService } from '../../../src/contacts/contacts-service';
import { inProcessRunner, workerRunner, type ImportRunner } from '../../../src/contacts/import-runner';
import { memoryJsonFile } from '../../../src/contacts/json-file';
import { MappingStore } from '../../../src/contacts/mapping-store';
import { OptOutList } from '../../../src/contacts/opt-out';
import { buildImportWorker } from '../../support/build-import-worker';

/** Issue 13 point 12: files that are not files, files that change while read, and messages that said the wrong thing. */

let dir: string;
let workerFile: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'wa-file-checks-'));
  const worker = await buildImportWorker();
  workerFile = worker.file;
  return async () => {
    worker.remove();
    await rm(dir, { recursive: true, force: true });
  };
});

const service = (runner: ImportRunner = inProcessRunner) =>
  new ContactsService({
    runner,
    optOut: new OptOutList(memoryJsonFile()),
    mappings: new MappingStore(memoryJsonFile()),
    fallbackCountry: () => 'AE',
  });

const posix = process.platform !== 'win32';

describe('only regular files are read', () => {
  it.runIf(posix)('refuses a named pipe at once, in-process and in the worker (it used to wait for a writer forever)', async () => {
    const fifo = path.join(dir, 'list.csv');
    execFileSync('mkfifo', [fifo]);
    const expected = 'list.csv: is not a regular file (it is a named pipe); save the list to a file and import that';
    await expect(service().importFile({ path: fifo, name: 'list.csv' })).rejects.toMatchObject({ code: 'bad_request', message: expected });
    await expect(service(workerRunner(workerFile)).importFile({ path: fifo, name: 'list.csv' })).rejects.toThrow(expected);
  });

  it.runIf(posix)('refuses a device such as /dev/zero (it used to say "is empty")', async () => {
    await expect(service().importFile({ path: '/dev/zero', name: 'zero' })).rejects.toThrow(
      'zero: is not a regular file (it is a device); save the list to a file and import that',
    );
  });

  it('refuses a folder', async () => {
    await expect(service().importFile({ path: dir, name: 'contacts' })).rejects.toThrow('contacts: is a folder, not a file');
  });
});

describe('a file that changes while it is read', () => {
  it('fails with "the file changed while it was read" when cut short during the import, and imports nothing', async () => {
    const file = path.join(dir, 'big.csv');
    const lines = ['Name,Phone'];
    for (let i = 0; i < 200_000; i++) lines.push(`Person ${i},050${String(1_000_000 + i)}`);
    await writeFile(file, lines.join('\n') + '\n');
    const svc = service();
    let cut = false;
    svc.onProgress((p) => {
      // The first batch is in: the rest of the file is not read yet (1 MB chunks of a 5 MB file).
      if (!cut && p.phase === 'reading' && p.rowsRead > 0) {
        cut = true;
        truncateSync(file, 1_000_000);
      }
    });
    await expect(svc.importFile({ path: file, name: 'big.csv' })).rejects.toMatchObject({
      code: 'io',
      message: 'big.csv: the file changed while it was read; import it again once it is saved',
    });
    expect(cut).toBe(true);
    expect(svc.summary()).toBeNull();
  });

  it('fails the same way when the file grows during the import', async () => {
    const file = path.join(dir, 'growing.csv');
    await writeFile(file, 'Phone\n' + '0501234567\n'.repeat(300_000));
    const svc = service();
    let grown = false;
    svc.onProgress((p) => {
      if (!grown && p.phase === 'reading' && p.rowsRead > 0) {
        grown = true;
        appendFileSync(file, '0501234568\n');
      }
    });
    await expect(svc.importFile({ path: file, name: 'growing.csv' })).rejects.toThrow('growing.csv: the file changed while it was read');
  });
});

describe('damaged workbooks say so', () => {
  const xls = () => {
    const ws = XLSX.utils.aoa_to_sheet([
      ['Name', 'Phone'],
      ...Array.from({ length: 300 }, (_, i) => [`N${i}`, `05012${String(i).padStart(5, '0')}`]),
    ]);
    const wb = XLSX.utils.book_new();
    XLSX.utils.book_append_sheet(wb, ws, 'S');
    return XLSX.write(wb, { type: 'buffer', bookType: 'biff8' }) as Buffer;
  };
  const damaged = (name: string) =>
    `${name}: is damaged or incomplete (perhaps cut short while it was copied) and cannot be read as a workbook; open it in Excel, save it again and import again`;

  it('a header-only OLE file is damaged, not "password-protected"', async () => {
    const header = Buffer.alloc(512);
    Buffer.from('d0cf11e0a1b11ae1', 'hex').copy(header);
    const file = path.join(dir, 'header.xls');
    await writeFile(file, header);
    await expect(service().importFile({ path: file, name: 'header.xls' })).rejects.toThrow(damaged('header.xls'));
    // The first 512 bytes of a real .xls: the same.
    await writeFile(file, xls().subarray(0, 512));
    await expect(service().importFile({ path: file, name: 'header.xls' })).rejects.toThrow(damaged('header.xls'));
  });

  it('a truncated .xls is damaged (it used to show a TypeError from the parser)', async () => {
    const whole = xls();
    const file = path.join(dir, 'cut.xls');
    for (const fraction of [0.3, 0.6, 0.9]) {
      await writeFile(file, whole.subarray(0, Math.floor(whole.length * fraction)));
      const error = await service()
        .importFile({ path: file, name: 'cut.xls' })
        .then(
          () => null,
          (err: Error) => err,
        );
      expect(error?.message).toBe(damaged('cut.xls'));
    }
    await writeFile(file, whole);
    expect((await service().importFile({ path: file, name: 'cut.xls' })).counts.valid).toBe(300);
  });
});
