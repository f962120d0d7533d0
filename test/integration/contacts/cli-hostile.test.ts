import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { cliCommand, repoRoot } from '../campaign/cli-build';
import { repeatedCellsOds, repeatedRowsOds } from './ods-parts';

/**
 * `wa-bulk import` as built (bin/wa-bulk.cjs over out/; `npm test` builds first), where the import runs in a
 * worker thread beside the CLI bundle: hostile files end with exit 2 and one line naming the file (issue 13 points
 * 7 and 12), where they used to abort the process (exit 134) or hang.
 */

let dir: string;
let command: string[];
beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'wa-cli-hostile-'));
  command = cliCommand();
  return () => rm(dir, { recursive: true, force: true });
});

/** Children still running when a test ends (one that hangs, as the named pipe did) are stopped with it. */
const running = new Set<ChildProcess>();
afterEach(() => {
  for (const child of running) child.kill('SIGKILL');
  running.clear();
});

function runImport(file: string): Promise<{ code: number | null; signal: NodeJS.Signals | null; out: string; err: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...command, 'import', file, '--country', 'AE'], { cwd: repoRoot, stdio: ['ignore', 'pipe', 'pipe'] });
    running.add(child);
    let out = '';
    let err = '';
    child.stdout.on('data', (c) => (out += c));
    child.stderr.on('data', (c) => (err += c));
    child.on('error', reject);
    child.on('close', (code, signal) => {
      running.delete(child);
      resolve({ code, signal, out, err });
    });
  });
}

describe('wa-bulk import with hostile files', () => {
  it('a cell repeated a billion times: exit 2, one line naming the file', async () => {
    const file = path.join(dir, 'cells.ods');
    await writeFile(file, repeatedCellsOds());
    const r = await runImport(file);
    expect(r).toMatchObject({ code: 2, signal: null, out: '' });
    expect(r.err).toBe(
      'wa-bulk import: cells.ods: sheet "Sheet1" row 2 repeats a cell 1,000,000,000 times: past the 16,384 columns a sheet can have, so it is too large to import\n',
    );
  });

  it('a row repeated a billion times: exit 2, one line naming the file', async () => {
    const file = path.join(dir, 'rows.ods');
    await writeFile(file, repeatedRowsOds());
    const r = await runImport(file);
    expect(r).toMatchObject({ code: 2, signal: null, out: '' });
    expect(r.err).toBe(
      'wa-bulk import: rows.ods: sheet "Sheet1" row 2 is repeated 1,000,000,000 times: past the 1,048,576 rows a sheet can have, so it is too large to import\n',
    );
  });

  it.runIf(process.platform !== 'win32')('a named pipe: exit 2 at once, one line naming it (it used to wait forever)', async () => {
    const fifo = path.join(dir, 'list.csv');
    execFileSync('mkfifo', [fifo]);
    const r = await runImport(fifo);
    expect(r).toMatchObject({ code: 2, signal: null, out: '' });
    expect(r.err).toBe('wa-bulk import: list.csv: is not a regular file (it is a named pipe); save the list to a file and import that\n');
  });
});
