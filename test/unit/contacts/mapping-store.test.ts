import { mkdir, mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { jsonFile, memoryJsonFile, type JsonFile } from '../../../src/contacts/json-file';
import { MappingStore } from '../../../src/contacts/mapping-store';

const tmp = () => mkdtemp(path.join(os.tmpdir(), 'mapping-store-'));

/** A MappingStore whose problems are collected as "context: error message". */
function store(file: JsonFile) {
  const reports: string[] = [];
  const mappings = new MappingStore(file, (err, context) => reports.push(`${context}: ${(err as Error).message}`));
  return { mappings, reports };
}

describe('MappingStore', () => {
  it('remembers a mapping per layout and reads it back from the file', async () => {
    const file = path.join(await tmp(), 'column-mappings.json');
    await store(jsonFile(file)).mappings.remember('k1', { phoneColumn: 2, hasHeader: true, defaultCountry: 'AE' });
    const { mappings, reports } = store(jsonFile(file));
    expect(await mappings.all()).toEqual({ k1: { phoneColumn: 2, hasHeader: true, defaultCountry: 'AE' } });
    expect(reports).toEqual([]);
  });

  it('a damaged file is reported with its field, kept aside unchanged, and the next save starts a new file', async () => {
    const dir = await tmp();
    const file = path.join(dir, 'column-mappings.json');
    const damaged = JSON.stringify({ version: 1, mappings: { k1: { phoneColumn: 'B', hasHeader: true } } });
    await writeFile(file, damaged);
    const { mappings, reports } = store(jsonFile(file));

    expect(await mappings.all()).toEqual({});
    const copies = (await readdir(dir)).filter((name) => name.startsWith('column-mappings.json.damaged-'));
    expect(copies).toHaveLength(1);
    expect(reports).toEqual([
      `The remembered column mappings were damaged; the file was kept as ${path.join(dir, copies[0]!)} and mappings are remembered afresh: ` +
        `${file}: field mappings.k1.phoneColumn: expected number, received string`,
    ]);

    await mappings.remember('k2', { phoneColumn: 0, hasHeader: false });
    expect(JSON.parse(await readFile(file, 'utf8'))).toEqual({ version: 1, mappings: { k2: { phoneColumn: 0, hasHeader: false } } });
    expect(await readFile(path.join(dir, copies[0]!), 'utf8')).toBe(damaged);
  });

  it('text that is not JSON is damage too', async () => {
    const dir = await tmp();
    const file = path.join(dir, 'column-mappings.json');
    await writeFile(file, '{"version":1,"mappi');
    const { mappings, reports } = store(jsonFile(file));
    expect(await mappings.all()).toEqual({});
    expect(reports).toHaveLength(1);
    expect(reports[0]).toContain(`${file}: not valid JSON (`);
    expect((await readdir(dir)).filter((name) => name.includes('.damaged-'))).toHaveLength(1);
  });

  it('a file that cannot be read is reported, left in place, and nothing is saved over it', async () => {
    const file = path.join(await tmp(), 'column-mappings.json');
    await mkdir(file); // reading fails with EISDIR, as a permission or disk error would
    const { mappings, reports } = store(jsonFile(file));
    expect(await mappings.all()).toEqual({});
    expect(reports).toHaveLength(1);
    expect(reports[0]).toContain(`The column mappings file ${file} cannot be read; it is left as it is`);
    await expect(mappings.remember('k1', { phoneColumn: 1, hasHeader: true })).rejects.toMatchObject({ code: 'io' });
    expect(await readdir(file)).toEqual([]);
  });

  it('a failed write is reported (and still fails the call, whose caller treats it as a lost convenience)', async () => {
    const file = memoryJsonFile();
    file.write = async () => {
      throw Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' });
    };
    const { mappings, reports } = store(file);
    await expect(mappings.remember('k1', { phoneColumn: 1, hasHeader: true })).rejects.toThrow(/ENOSPC/);
    expect(reports).toEqual(['The column mapping could not be saved to (memory): ENOSPC: no space left on device, write']);
  });
});
