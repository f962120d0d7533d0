/** `wa-bulk import` reading files as Excel shows them: quotes inside cells, date cells, a title above the header. */
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { beforeAll, describe, expect, it } from 'vitest';
import { runImportCommand } from '../../../src/cli/import';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'wa-import-reading-'));
});

async function run(argv: string[]) {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = '';
  let err = '';
  stdout.on('data', (c) => (out += c));
  stderr.on('data', (c) => (err += c));
  const code = await runImportCommand(argv, { stdout, stderr });
  return { code, out, err };
}

describe('wa-bulk import reads CSV as Excel does', () => {
  it('reads a quote inside an unquoted cell as a plain character and keeps every row after it', async () => {
    const file = path.join(dir, 'quotes.csv');
    await writeFile(
      file,
      'Name,Phone,Order\nMohammed "Mo" Ali,0501234567,"large, hot"\nBea,0527654321,12" pizza\nCem,0551234567,none\nDan,0561234567,"say ""hi"""\n',
    );
    const saved = path.join(dir, 'quotes.jsonl');
    const { code, out, err } = await run([file, '--country', 'AE', '--json', '--out', saved]);
    expect(err).toBe('');
    expect(code).toBe(0);
    const report = JSON.parse(out);
    expect(report).toMatchObject({ rows: 4, valid: 4, invalid: 0, columns: ['Name', 'Phone', 'Order'], phoneColumn: 'Phone' });
    expect(report.problems).toEqual([]);
    const contacts = (await readFile(saved, 'utf8'))
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(contacts.map((c: { fields: Record<string, string> }) => [c.fields.Name, c.fields.Order])).toEqual([
      ['Mohammed "Mo" Ali', 'large, hot'],
      ['Bea', '12" pizza'],
      ['Cem', 'none'],
      ['Dan', 'say "hi"'],
    ]);
  });
});
