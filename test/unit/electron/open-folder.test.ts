import { describe, expect, it } from 'vitest';
import { folderOpener } from '../../../src/electron/open-folder';

describe('Open logs folder (Electron shell.openPath)', () => {
  it('opens the folder, and turns the message openPath resolves with into an error', async () => {
    const opened: string[] = [];
    const open = folderOpener({ openPath: async (p: string) => (opened.push(p), p === '/gone' ? 'Failed to open path' : '') });
    await expect(open('/data/logs')).resolves.toBeUndefined();
    await expect(open('/gone')).rejects.toThrow('Failed to open path');
    expect(opened).toEqual(['/data/logs', '/gone']);
  });
});
