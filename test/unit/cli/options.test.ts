import { PassThrough } from 'node:stream';
import fs from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { pacingFromFlags, parseFlags, UsageError } from '../../../src/cli/options';
import { runImportCommand } from '../../../src/cli/import';
import { runReportCommand } from '../../../src/cli/report';
import { runSendCommand } from '../../../src/cli/send';
import { DEFAULT_PACING } from '../../../src/core/pacing';
import { tmpDir } from '../campaign/helpers';

const VALUES = ['--min-delay', '--max-delay', '--batch', '--batch-pause', '--daily-cap', '--window', '--send-timeout'];
const SWITCHES = ['--simulate', '--typing', '--no-typing'];
const pacing = (argv: string[], simulate = false) => pacingFromFlags(parseFlags(argv, VALUES, SWITCHES), simulate);

function io() {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = '';
  let err = '';
  stdout.on('data', (c: Buffer) => (out += c));
  stderr.on('data', (c: Buffer) => (err += c));
  return { io: { stdout, stderr }, out: () => out, err: () => err };
}

describe('CLI pacing flags', () => {
  it('keeps the safe defaults but no window, and a real cap unless simulated', () => {
    expect(pacing([])).toMatchObject({ ...DEFAULT_PACING, window: null });
    expect(pacing([], true).dailyCap).toBe(100_000);
    expect(pacing(['--daily-cap', '7'], true).dailyCap).toBe(7);
  });

  it('zero delays zero everything else unless given', () => {
    expect(pacing(['--min-delay', '0', '--max-delay', '0'])).toMatchObject({
      minDelaySec: 0,
      maxDelaySec: 0,
      batchPauseMinSec: 0,
      batchPauseMaxSec: 0,
      typingDelay: false,
    });
    expect(pacing(['--min-delay', '0', '--max-delay', '0', '--batch', '10', '--batch-pause', '60', '--typing'])).toMatchObject({
      batchSizeMin: 10,
      batchSizeMax: 10,
      batchPauseMinSec: 60,
      batchPauseMaxSec: 60,
      typingDelay: true,
    });
    expect(pacing(['--window', '9-17']).window).toEqual({ startHour: 9, endHour: 17 });
  });

  it('names the flag that is wrong', () => {
    expect(() => pacing(['--min-delay', 'soon'])).toThrow(/--min-delay must be a number/);
    expect(() => pacing(['--min-delay', '50', '--max-delay', '10'])).toThrow(/minDelaySec must not exceed maxDelaySec/);
    expect(() => pacing(['--batch', '2.5'])).toThrow(/--batch must be a whole number/);
    expect(() => pacing(['--window', 'mornings'])).toThrow(/--window must look like 9-20/);
    expect(() => parseFlags(['--bogus'], VALUES, SWITCHES)).toThrow(UsageError);
    expect(() => parseFlags(['--batch'], VALUES, SWITCHES)).toThrow(/--batch needs a value/);
  });
});

describe('the one parser (import, send, resume, report)', () => {
  it('takes up to the positionals a command allows, and names what it refuses', () => {
    const parsed = parseFlags(['list.csv', '--sheet=Two', '--json', '--out', 'o.jsonl'], ['--sheet', '--out'], ['--json'], 1);
    expect(parsed.positionals).toEqual(['list.csv']);
    expect(parsed.values).toEqual(
      new Map([
        ['--sheet', 'Two'],
        ['--out', 'o.jsonl'],
      ]),
    );
    expect([...parsed.switches]).toEqual(['--json']);
    expect(() => parseFlags(['a.csv', 'b.csv'], [], [], 1)).toThrow('unexpected argument "b.csv"');
    expect(() => parseFlags(['a.csv'], [], [])).toThrow('unexpected argument "a.csv"');
    expect(() => parseFlags(['--json=yes'], [], ['--json'])).toThrow('--json takes no value');
    expect(() => parseFlags(['--sheet=x'], [], [], 1)).toThrow('unknown option --sheet');
  });

  it('gives wa-bulk import the messages it always gave', async () => {
    const usage = async (argv: string[]) => {
      const a = io();
      expect(await runImportCommand(argv, a.io)).toBe(1);
      return a.err().split('\n')[0];
    };
    expect(await usage([])).toBe('wa-bulk import: no FILE given');
    expect(await usage(['x.csv', '--bogus'])).toBe('wa-bulk import: unknown option --bogus');
    expect(await usage(['x.csv', '--bogus=1'])).toBe('wa-bulk import: unknown option --bogus');
    expect(await usage(['x.csv', 'y.csv'])).toBe('wa-bulk import: unexpected argument "y.csv"');
    expect(await usage(['x.csv', '--sheet'])).toBe('wa-bulk import: --sheet needs a value');
    expect(await usage(['--country', 'GB'])).toBe('wa-bulk import: no FILE given');
  });
});

describe('wa-bulk send and report errors', () => {
  it('explains missing arguments and template errors with exit codes', async () => {
    const a = io();
    expect(await runSendCommand(['--message', 'hi'], a.io)).toBe(1);
    expect(a.err()).toMatch(/--contacts FILE is required/);

    const dir = await tmpDir();
    await fs.writeFile(path.join(dir, 'c.csv'), 'Name,Phone\nAna,+14155550100\n');
    const b = io();
    const code = await runSendCommand(
      ['--contacts', path.join(dir, 'c.csv'), '--message', 'Hi {{name', '--state', path.join(dir, 'st'), '--simulate'],
      b.io,
    );
    expect(code).toBe(1);
    expect(b.err()).toMatch(/--message: "\{\{" at position 4 is never closed/);

    const c = io();
    expect(await runSendCommand(['--contacts', path.join(dir, 'c.csv'), '--message', 'x', '--template', 'y', '--state', dir], c.io)).toBe(1);
    expect(c.err()).toMatch(/either --message TEXT or --template FILE/);

    const d = io();
    expect(await runReportCommand(['--state', path.join(dir, 'nothing'), '--json'], d.io)).toBe(2);
    expect(d.err()).toMatch(/no campaign in/);
  });
});
