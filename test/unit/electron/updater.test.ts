import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { electronUpdater, NO_FEED, NOT_INSTALLED } from '../../../src/electron/updater';

describe('Electron updater adapter', () => {
  const resources = mkdtempSync(path.join(os.tmpdir(), 'wa-resources-'));

  it('gives no updater to a copy run from source, or to a build without a feed, and does not load electron-updater for them', () => {
    const load = vi.fn();
    expect(electronUpdater({ isPackaged: false }, resources, load)).toEqual({ off: NOT_INSTALLED });
    expect(electronUpdater({ isPackaged: true }, resources, load)).toEqual({ off: NO_FEED });
    // What electron-builder writes when publish names GitHub but it finds no repository.
    writeFileSync(path.join(resources, 'app-update.yml'), 'updaterCacheDirName: wa-bulk-sender-updater\n');
    expect(electronUpdater({ isPackaged: true }, resources, load)).toEqual({ off: NO_FEED });
    expect(load).not.toHaveBeenCalled();
  });

  it("uses electron-updater's autoUpdater in an installed build that has app-update.yml", () => {
    writeFileSync(path.join(resources, 'app-update.yml'), 'provider: github\nowner: o\nrepo: r\n');
    const autoUpdater = { checkForUpdates: vi.fn() };
    const load = vi.fn(() => autoUpdater as never);
    expect(electronUpdater({ isPackaged: true }, resources, load)).toEqual({ updater: autoUpdater });
    expect(load).toHaveBeenCalledTimes(1);
    // One that cannot start leaves the app running without updates, and says why.
    const broken = () => {
      throw new Error('App version is not a valid semver version: "dev"');
    };
    expect(electronUpdater({ isPackaged: true }, resources, broken)).toEqual({
      off: 'Updates are not available: App version is not a valid semver version: "dev"',
    });
  });
});
