/** `wa-bulk send` reads its contacts as `wa-bulk import` does: the country question and kept duplicates. */
import { PassThrough } from 'node:stream';
import fs from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runSendCommand } from '../../../src/cli/send';
import { tmpDir } from '../campaign/helpers';

function io() {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let err = '';
  stderr.on('data', (c: Buffer) => (err += c));
  return { io: { stdout, stderr }, err: () => err };
}

const zeroPace = ['--min-delay', '0', '--max-delay', '0', '--receipt-wait', '0'];
/** Jane and John share one mobile (row 3 repeats row 2, written without the country code). */
const FAMILY = 'Name,Phone\nJane,+44 7400 123456\nJohn,07400 123456\nOmar,07512 345678\n';

describe('wa-bulk send: contacts', () => {
  it('refuses numbers without a country code when --country is missing, naming the likely country, and creates no campaign', async () => {
    const dir = await tmpDir('wa-cli-send-country-');
    await fs.writeFile(path.join(dir, 'c.csv'), FAMILY);
    const run = io();
    const code = await runSendCommand(
      ['--contacts', path.join(dir, 'c.csv'), '--message', 'Hi {{Name}}', '--state', path.join(dir, 's'), '--simulate', ...zeroPace],
      run.io,
    );
    expect(code).toBe(1);
    expect(run.err()).toContain(
      'wa-bulk send: c.csv: 2 numbers have no country code, and no --country was given; they look like numbers from United Kingdom (GB): if so, add --country GB',
    );
    expect(run.err()).not.toMatch(/Campaign c_\S+ created/);
  });

  it('sends one message per kept duplicate row with --keep-duplicates, one per number without', async () => {
    const dir = await tmpDir('wa-cli-send-kept-');
    await fs.writeFile(path.join(dir, 'c.csv'), FAMILY);
    const sent = async (extra: string[], name: string) => {
      const outbox = path.join(dir, `${name}.jsonl`);
      const run = io();
      const args = ['--contacts', path.join(dir, 'c.csv'), '--message', 'Hi {{Name}}', '--country', 'GB', '--state', path.join(dir, name)];
      const code = await runSendCommand([...args, '--simulate', '--simulate-outbox', outbox, ...zeroPace, ...extra], run.io);
      expect(code, run.err()).toBe(0);
      return (await fs.readFile(outbox, 'utf8'))
        .split('\n')
        .filter(Boolean)
        .map((l) => JSON.parse(l) as { to: string; body: string })
        .map((m) => `${m.to.replace(/\D/g, '')} ${m.body}`);
    };
    expect(await sent([], 'plain')).toEqual(['447400123456 Hi Jane', '447512345678 Hi Omar']);
    expect(await sent(['--keep-duplicates'], 'kept')).toEqual(['447400123456 Hi Jane', '447400123456 Hi John', '447512345678 Hi Omar']);
  });
});
