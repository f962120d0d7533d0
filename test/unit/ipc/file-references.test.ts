import { execFileSync } from 'node:child_process';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { createContactsHandlers } from '../../../src/ipc/handlers/contacts';
import { createFilesHandlers, type Dialogs } from '../../../src/ipc/handlers/files';
import { FileRegistry } from '../../../src/platform/file-registry';
import { routerOver } from './helpers';

const tmp = () => mkdtemp(path.join(os.tmpdir(), 'file-refs-'));

function dialogsChoosing(open: string | null, save: string | null): Dialogs {
  return { pickOpen: async () => open, pickSave: async () => save, pickBrowser: async () => null };
}

describe('files:registerDropped', () => {
  it('registers a dropped regular file for reading, and refuses a folder, a pipe or a relative path', async () => {
    const dir = await tmp();
    const file = path.join(dir, 'list.csv');
    await writeFile(file, 'phone\n');
    const fifo = path.join(dir, 'list-pipe.csv');
    execFileSync('mkfifo', [fifo]);
    const registry = new FileRegistry();
    const t = routerOver(createFilesHandlers({ registry, dialogs: dialogsChoosing(null, null) }));

    const dropped = await t.invoke('files:registerDropped', { path: file, purpose: 'contacts' });
    expect(dropped).toMatchObject({ ok: true, value: { name: 'list.csv', size: 6 } });
    if (dropped.ok) {
      const id = (dropped.value as { id: string }).id;
      expect(() => registry.resolve(id, 'write')).toThrow(/chosen to be read, not written/);
    }
    expect(await t.invoke('files:registerDropped', { path: fifo, purpose: 'contacts' })).toEqual({
      ok: false,
      error: { code: 'bad_request', message: `${fifo} is a pipe, not a regular file: choose a file.` },
    });
    expect(await t.invoke('files:registerDropped', { path: dir, purpose: 'contacts' })).toEqual({
      ok: false,
      error: { code: 'bad_request', message: `${dir} is a folder, not a regular file: choose a file.` },
    });
    expect(await t.invoke('files:registerDropped', { path: 'list.csv', purpose: 'contacts' })).toMatchObject({
      ok: false,
      error: { code: 'bad_request' },
    });
    expect(t.internal).toEqual([]);
  });
});

describe('file references keep their direction in the contacts channels', () => {
  it('writes the problem rows only to a save target, and imports only a file chosen to be read', async () => {
    const dir = await tmp();
    const imported = path.join(dir, 'contacts.csv');
    await writeFile(imported, 'phone\n+971501234567\n');
    const registry = new FileRegistry();
    const importFile = vi.fn(async () => ({}));
    const handlers = createContactsHandlers({
      contacts: { allRowsLeftOut: () => [{ row: 2, value: 'x', reason: 'letters in the number' }], summary: () => null, importFile } as never,
      optOut: {} as never,
      resolveFile: (id, direction) => registry.resolve(id, direction),
      accountNumber: () => null,
      defaultCountry: () => 'AE',
      readNumbersFile: async () => ({ numbers: [], problems: [] }),
    });
    const t = routerOver(handlers);
    const read = await registry.register(imported);
    const target = registry.registerTarget(path.join(dir, 'problems.csv'));

    // The import's own reference as the export target: refused, the contact file untouched.
    const overwrite = await t.invoke('contacts:exportProblems', { targetFileId: read.id });
    expect(overwrite).toEqual({
      ok: false,
      error: { code: 'bad_request', message: 'contacts.csv was chosen to be read, not written: choose where to save with the save dialog.' },
    });
    expect(await readFile(imported, 'utf8')).toBe('phone\n+971501234567\n');
    expect(await t.invoke('contacts:exportProblems', { targetFileId: target.id })).toEqual({ ok: true, value: { written: 1 } });

    // A save target is no file to import.
    expect(await t.invoke('contacts:importFile', { fileId: target.id })).toMatchObject({ ok: false, error: { code: 'bad_request' } });
    expect(await t.invoke('optOut:importFile', { fileId: target.id })).toMatchObject({ ok: false, error: { code: 'bad_request' } });
    expect(importFile).not.toHaveBeenCalled();
    expect(await t.invoke('contacts:importFile', { fileId: read.id })).toMatchObject({ ok: true });
    expect(t.internal).toEqual([]);
  });
});
