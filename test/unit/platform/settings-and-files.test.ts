import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { FileRegistry } from '../../../src/platform/file-registry';
import { defaultSettings, SettingsStore } from '../../../src/platform/settings-store';

const tmp = () => mkdtemp(path.join(os.tmpdir(), 'platform-test-'));

describe('SettingsStore', () => {
  it('starts from defaults, saves changes, and reads them back in a new store', async () => {
    const file = path.join(await tmp(), 'nested', 'settings.json');
    const store = new SettingsStore(file);
    expect(await store.load()).toEqual({ settings: defaultSettings, problem: null });
    await store.update({ logoutOnExit: true });
    const again = new SettingsStore(file);
    expect((await again.load()).settings).toEqual({ browserPath: '', logoutOnExit: true });
    expect(JSON.parse(await readFile(file, 'utf8'))).toEqual({ browserPath: '', logoutOnExit: true });
  });

  it('falls back to defaults and names the file when the settings file is damaged', async () => {
    const file = path.join(await tmp(), 'settings.json');
    await writeFile(file, '{"logoutOnExit": "maybe"');
    const { settings, problem } = await new SettingsStore(file).load();
    expect(settings).toEqual(defaultSettings);
    expect(problem).toContain(file);
  });
});

describe('FileRegistry', () => {
  it('hands out opaque ids for real files and resolves only those', async () => {
    const dir = await tmp();
    const file = path.join(dir, 'list.csv');
    await writeFile(file, 'a,b\n');
    const files = new FileRegistry();
    const ref = await files.register(file);
    expect(ref).toMatchObject({ name: 'list.csv', size: 4 });
    expect(ref.id).toMatch(/^f_[A-Za-z0-9_-]{16}$/);
    expect(files.resolve(ref.id)).toEqual({ path: file, name: 'list.csv' });
    expect(() => files.resolve('f_madeupmadeup')).toThrow(/no longer available/);
    await expect(files.register(path.join(dir, 'missing.csv'))).rejects.toThrow(/not found/);
    await expect(files.register(dir)).rejects.toThrow(/not found/);
  });
});
