import { describe, expect, it } from 'vitest';
import { memoryJsonFile } from '../../../src/contacts/json-file';
import { OptOutList } from '../../../src/contacts/opt-out';
import { normalisePhone } from '../../../src/core/phone';
import { createContactsHandlers } from '../../../src/ipc/handlers/contacts';
import { OPT_OUT_MAX_ENTRIES } from '../../../src/shared/contract/contacts';
import { seededRandom } from '../../fakes/seeded-random';
import { routerOver } from './helpers';

function setup() {
  const file = memoryJsonFile();
  const optOut = new OptOutList(file);
  const handlers = createContactsHandlers({
    contacts: {} as never,
    optOut,
    resolveFile: () => {
      throw new Error('no files here');
    },
    accountNumber: () => null,
    defaultCountry: () => 'AE',
    readNumbersFile: async () => ({ numbers: [], problems: [] }),
  });
  return { optOut, file, ...routerOver(handlers) };
}

/** Junk the phone parser reads slowly: long runs of digits (about 0.3 to 0.7 ms a line through the parser). */
const longJunk = (count: number) =>
  Array.from({ length: count }, (_, i) =>
    String(1_000_000_007 + i * 7919)
      .repeat(20)
      .slice(0, 190),
  );

describe('optOut:add and optOut:remove: bounded, and no stall of the main process', () => {
  it('refuses 100,000 lines at once with a clear error naming the limit, and changes nothing', async () => {
    const t = setup();
    for (const channel of ['optOut:add', 'optOut:remove']) {
      const r = await t.invoke(channel, { numbers: longJunk(100_000) });
      expect(r).toEqual({
        ok: false,
        error: {
          code: 'bad_request',
          message: `Invalid request for ${channel} (field numbers): at most 10,000 numbers at a time (this has 100,000): import a longer list as a file`,
        },
      });
    }
    // The service keeps the same limit for callers inside main.
    await expect(t.optOut.add(longJunk(OPT_OUT_MAX_ENTRIES + 1), 'AE')).rejects.toMatchObject({ code: 'bad_request' });
    expect(t.optOut.size).toBe(0);
    expect(t.file.value).toBeNull();
  });

  it('answers the largest allowed list of junk with every line as a problem, and other work runs meanwhile', async () => {
    const t = setup();
    const lines = longJunk(OPT_OUT_MAX_ENTRIES);
    let finished = false;
    const adding = t.invoke('optOut:add', { numbers: lines }).then((r) => {
      finished = true;
      return r;
    });
    // Another call is answered while the add runs: the add reads in slices and gives the event loop turns.
    expect(await t.invoke('optOut:list', { offset: 0, limit: 10 })).toEqual({ ok: true, value: { total: 0, offset: 0, items: [] } });
    const r = await adding;
    expect(finished).toBe(true);
    expect(r.ok).toBe(true);
    if (r.ok) {
      const change = r.value as { changed: number; total: number; problems: Array<{ row: number; reason: string }> };
      expect(change.changed).toBe(0);
      expect(change.total).toBe(0);
      expect(change.problems).toHaveLength(OPT_OUT_MAX_ENTRIES);
      expect(change.problems[9_999]).toMatchObject({ row: 10_000, reason: 'too long' });
    }
    expect(await t.invoke('optOut:remove', { numbers: lines })).toEqual({ ok: true, value: { changed: 0, problems: [], total: 0 } });
  });

  it('yields to other work while it reads a long list', async () => {
    const t = setup();
    let finished = false;
    const adding = t.optOut
      .add(
        longJunk(OPT_OUT_MAX_ENTRIES).map((l) => l.slice(0, 20)),
        'AE',
      )
      .then(() => (finished = true));
    await new Promise<void>((resolve) => setImmediate(resolve));
    expect(finished).toBe(false);
    await adding;
    expect(finished).toBe(true);
  });

  it('gives the same answers as before for numbers, duplicates, blanks and junk, saved once', async () => {
    const t = setup();
    let writes = 0;
    const write = t.file.write;
    t.file.write = async (v) => {
      writes++;
      return write(v);
    };
    const typed = [
      '+971 50 123 4567',
      '050 123 4568',
      '',
      '  ',
      '+971501234567',
      'call me',
      '1'.repeat(30),
      '+44 (0) 7911 123 456',
      '00971501234569',
    ];
    const r = await t.invoke('optOut:add', { numbers: typed });
    expect(r).toEqual({
      ok: true,
      value: {
        changed: 4,
        total: 4,
        problems: [
          { row: 6, value: 'call me', reason: 'letters in the number' },
          { row: 7, value: '1'.repeat(30), reason: 'too long' },
        ],
      },
    });
    expect(writes).toBe(1);
    expect(t.optOut.list(0, 10)).toEqual(['+447911123456', '+971501234567', '+971501234568', '+971501234569']);
    expect(await t.invoke('optOut:remove', { numbers: ['+971501234567', '050 123 4568', 'junk'] })).toEqual({
      ok: true,
      value: { changed: 2, problems: [], total: 2 },
    });
    expect(writes).toBe(2);
  });

  it('refuses without the parser only what the parser refuses too (random digit-heavy lines)', async () => {
    const random = seededRandom(10);
    const alphabet = '0123456789+ -().';
    const lines = Array.from({ length: 400 }, () => {
      const length = 20 + Math.floor(random() * 80);
      return Array.from({ length }, () => alphabet[Math.floor(random() * alphabet.length)]).join('');
    });
    const real = ['+971 50 123 4567 ext. 1234', '+44 (0) 7911 123 456', '0097150 123 4567', ` ${'+971-50-123-4567'} `];
    const list = new OptOutList(memoryJsonFile());
    const { problems } = await list.add([...lines, ...real], 'AE');
    const refused = new Set(problems.map((p) => p.row - 1));
    [...lines, ...real].forEach((line, i) => {
      if (refused.has(i)) expect({ line, ok: normalisePhone(line, 'AE').ok }).toEqual({ line, ok: false });
    });
    expect(problems.filter((p) => p.row > lines.length)).toEqual([]);
  });
});
