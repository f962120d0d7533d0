import { execFileSync } from 'node:child_process';
import { mkdir, mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
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
    expect((await again.load()).settings).toEqual({ browserPath: '', logoutOnExit: true, language: 'system' });
    expect(JSON.parse(await readFile(file, 'utf8'))).toEqual({ browserPath: '', logoutOnExit: true, language: 'system' });
  });

  it('never takes the browser from a change the page sends; only main sets it, and no change is lost to another', async () => {
    const file = path.join(await tmp(), 'settings.json');
    const store = new SettingsStore(file);
    await store.load();
    // A renderer that slipped a browser path past the types still changes nothing but logoutOnExit.
    await store.update({ logoutOnExit: true, browserPath: '/bin/sh' } as never);
    expect(store.get()).toEqual({ browserPath: '', logoutOnExit: true, language: 'system' });
    await Promise.all([store.setBrowserPath('/usr/bin/chromium'), store.update({ logoutOnExit: false })]);
    expect(store.get()).toEqual({ browserPath: '/usr/bin/chromium', logoutOnExit: false, language: 'system' });
    expect(JSON.parse(await readFile(file, 'utf8'))).toEqual({ browserPath: '/usr/bin/chromium', logoutOnExit: false, language: 'system' });
  });

  it('a damaged file is reported naming file and field, kept aside unchanged, and never written over', async () => {
    const dir = await tmp();
    const file = path.join(dir, 'settings.json');
    const damaged = '{"browserPath": "/opt/chrome", "logoutOnExit": "maybe"}';
    await writeFile(file, damaged);
    const store = new SettingsStore(file, () => Date.UTC(2026, 10, 30, 7, 30));
    const { settings, problem } = await store.load();
    expect(settings).toEqual(defaultSettings);
    const copy = `${file}.damaged-2026-11-30T07-30-00-000Z`;
    expect(problem).toBe(
      `Settings file ${file}: field logoutOnExit: expected boolean, received string: it was kept as ${copy}, and the default settings are used.`,
    );
    expect(await readdir(dir)).toEqual(['settings.json.damaged-2026-11-30T07-30-00-000Z']);

    await store.update({ logoutOnExit: true });
    expect(JSON.parse(await readFile(file, 'utf8'))).toEqual({ browserPath: '', logoutOnExit: true, language: 'system' });
    expect(await readFile(copy, 'utf8')).toBe(damaged);
  });

  it('text that is not JSON is damage too; a second damaged copy in the same millisecond does not replace the first', async () => {
    const dir = await tmp();
    const file = path.join(dir, 'settings.json');
    const now = () => Date.UTC(2026, 10, 30, 7, 30);
    await writeFile(file, '{"logoutOnExit": tr');
    expect((await new SettingsStore(file, now).load()).problem).toMatch(/^Settings file .*settings\.json: not valid JSON \(/);
    await writeFile(file, '[]');
    expect((await new SettingsStore(file, now).load()).problem).toContain('expected object, received array');
    expect((await readdir(dir)).sort()).toEqual([
      'settings.json.damaged-2026-11-30T07-30-00-000Z',
      'settings.json.damaged-2026-11-30T07-30-00-000Z-1',
    ]);
    expect(await readFile(path.join(dir, 'settings.json.damaged-2026-11-30T07-30-00-000Z'), 'utf8')).toBe('{"logoutOnExit": tr');
  });

  it('reads a file of an older version that lacks a setting: the default fills it in, nothing is reported', async () => {
    const file = path.join(await tmp(), 'settings.json');
    await writeFile(file, '{"browserPath": "/usr/bin/chromium"}');
    expect(await new SettingsStore(file).load()).toEqual({
      settings: { browserPath: '/usr/bin/chromium', logoutOnExit: false, language: 'system' },
      problem: null,
    });
  });

  it('keeps the language chosen in Settings, and reads a language this version does not have as the system language', async () => {
    const file = path.join(await tmp(), 'settings.json');
    const store = new SettingsStore(file);
    await store.load();
    await store.update({ language: 'ar' });
    expect((await new SettingsStore(file).load()).settings.language).toBe('ar');
    await store.update({ logoutOnExit: true });
    expect(store.get()).toEqual({ browserPath: '', logoutOnExit: true, language: 'ar' });
    await writeFile(file, '{"logoutOnExit": true, "language": "tlh"}');
    expect(await new SettingsStore(file).load()).toEqual({ settings: { browserPath: '', logoutOnExit: true, language: 'system' }, problem: null });
  });

  it('a file that cannot be read is left in place, reported, and no change is saved over it', async () => {
    const file = path.join(await tmp(), 'settings.json');
    // A folder where the file should be: reading fails (EISDIR) as a permission or disk error would, even as root.
    await mkdir(file);
    await writeFile(path.join(file, 'keep.txt'), 'x');
    const store = new SettingsStore(file);
    const { settings, problem } = await store.load();
    expect(settings).toEqual(defaultSettings);
    expect(problem).toContain(`Settings file ${file} cannot be read (`);
    expect(problem).toContain('settings cannot be changed until it can be read');
    await expect(store.update({ logoutOnExit: true })).rejects.toMatchObject({ code: 'io', message: problem });
    await expect(store.setBrowserPath('/usr/bin/chromium')).rejects.toMatchObject({ code: 'io' });
    expect(await readdir(file)).toEqual(['keep.txt']);
    expect(store.get()).toEqual(defaultSettings);
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
  });

  it('registers for reading only regular files: a folder or a pipe is refused, saying what it is', async () => {
    const dir = await tmp();
    const files = new FileRegistry();
    await expect(files.register(dir)).rejects.toMatchObject({
      code: 'bad_request',
      message: `${dir} is a folder, not a regular file: choose a file.`,
    });
    const fifo = path.join(dir, 'pipe.csv');
    execFileSync('mkfifo', [fifo]);
    await expect(files.register(fifo)).rejects.toMatchObject({
      code: 'bad_request',
      message: `${fifo} is a pipe, not a regular file: choose a file.`,
    });
  });

  it('keeps each reference to its direction: a file to read is never written, a save target never read', async () => {
    const dir = await tmp();
    const imported = path.join(dir, 'contacts.csv');
    await writeFile(imported, 'phone\n+971501234567\n');
    const files = new FileRegistry();
    const read = await files.register(imported);
    const target = files.registerTarget(path.join(dir, 'results.csv'));
    expect(files.resolve(read.id, 'read')).toEqual({ path: imported, name: 'contacts.csv' });
    expect(files.resolve(target.id, 'write')).toEqual({ path: path.join(dir, 'results.csv'), name: 'results.csv' });
    expect(() => files.resolve(read.id, 'write')).toThrow(
      'contacts.csv was chosen to be read, not written: choose where to save with the save dialog.',
    );
    expect(() => files.resolve(target.id, 'read')).toThrow(/results\.csv was chosen as a place to save/);
  });
});
