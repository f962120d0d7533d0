import { existsSync } from 'node:fs';
import { chmod, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { createConnectionHandlers } from '../../../src/ipc/handlers/connection';
import { checkBrowser } from '../../../src/platform/browser-check';
import { systemClock } from '../../../src/platform/clock';
import { Logger } from '../../../src/platform/logger';
import { SettingsStore } from '../../../src/platform/settings-store';
import { routerOver } from './helpers';

const CHROMIUM = '/usr/bin/chromium';

/**
 * The connection channels over the router with the real settings store and browser check; `picked` is what the
 * operator chooses in the (fake) dialog main opens, or null for the browser host, which has no dialog.
 */
async function setup(picked: string | null | undefined) {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'browser-setting-'));
  const settings = new SettingsStore(path.join(dir, 'settings.json'));
  await settings.load();
  const logger = new Logger(systemClock);
  const pickBrowser = picked === undefined ? null : vi.fn(async () => picked);
  const onSettingsChanged = vi.fn();
  const handlers = createConnectionHandlers({
    info: { version: '1', demo: false, host: 'electron', platform: process.platform, dataDir: dir, systemLanguages: [] },
    connection: {
      getStatus: () => ({ kind: 'idle' }),
      connect: async () => {},
      resetCache: async () => {},
      logout: async () => ({ wiped: true, pendingWipe: false, message: '' }),
    },
    logger,
    settings,
    pickBrowser,
    checkBrowser: (chosen) => checkBrowser(chosen, { timeoutMs: 5000 }),
    onSettingsChanged,
  });
  const saved = async () => JSON.parse(await readFile(path.join(dir, 'settings.json'), 'utf8').catch(() => '{}'));
  return { dir, settings, logger, pickBrowser, onSettingsChanged, saved, ...routerOver(handlers) };
}

describe('the browser setting: chosen in main, checked, never a path from the page', () => {
  it('refuses settings:update with a browserPath, saying how to choose one, and changes nothing', async () => {
    const t = await setup('/usr/bin/chromium');
    for (const payload of [{ browserPath: '/bin/sh' }, { browserPath: '', logoutOnExit: true }, { browserPath: '/bin/sh', logoutOnExit: true }]) {
      const r = await t.invoke('settings:update', payload);
      expect(r).toMatchObject({ ok: false, error: { code: 'bad_request' } });
      if (!r.ok) expect(r.error.message).toContain('browserPath cannot be set from the page: choose the browser with "Choose…"');
    }
    expect(t.settings.get()).toEqual({ browserPath: '', logoutOnExit: false, language: 'system' });
    expect(await t.saved()).toEqual({});
    // The other setting still changes as before.
    expect(await t.invoke('settings:update', { logoutOnExit: true, language: 'system' })).toEqual({
      ok: true,
      value: { browserPath: '', logoutOnExit: true, language: 'system' },
    });
  });

  it('refuses a program that is not Chrome, Edge or Chromium with a clear message, and keeps the setting', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'browser-setting-'));
    const impostor = path.join(dir, 'chrome');
    await writeFile(impostor, '#!/bin/sh\necho "uid=0(root) gid=0(root)"\n');
    await chmod(impostor, 0o755);
    for (const program of ['/bin/sh', impostor]) {
      const t = await setup(program);
      const r = await t.invoke('settings:chooseBrowser');
      expect(r).toMatchObject({ ok: false, error: { code: 'bad_request' } });
      if (!r.ok) expect(r.error.message).toMatch(new RegExp(`^${program.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')} is not Chrome, Edge or Chromium`));
      expect(t.pickBrowser).toHaveBeenCalledTimes(1);
      expect(t.settings.get().browserPath).toBe('');
      expect(t.onSettingsChanged).not.toHaveBeenCalled();
      // The refusal is logged, not silent.
      expect(t.logger.recent().some((l) => l.level === 'warn' && l.message.includes('not Chrome, Edge or Chromium'))).toBe(true);
    }
  });

  it.skipIf(!existsSync(CHROMIUM))('accepts the installed Chromium, saves it and says its version', async () => {
    const t = await setup(CHROMIUM);
    const r = await t.invoke('settings:chooseBrowser');
    expect(r).toMatchObject({ ok: true, value: { settings: { browserPath: CHROMIUM, logoutOnExit: false } } });
    if (r.ok) expect((r.value as { version: string }).version).toMatch(/^Chromium \d+\./);
    expect((await t.saved()).browserPath).toBe(CHROMIUM);
    expect(t.onSettingsChanged).toHaveBeenCalledTimes(1);
    // And back to "find one".
    expect(await t.invoke('settings:clearBrowser')).toEqual({ ok: true, value: { browserPath: '', logoutOnExit: false, language: 'system' } });
  });

  it('returns null and changes nothing when the dialog is cancelled', async () => {
    const t = await setup(null);
    expect(await t.invoke('settings:chooseBrowser')).toEqual({ ok: true, value: null });
    expect(t.settings.get().browserPath).toBe('');
  });

  it('in the browser host (no dialog in main) refuses, saying the browser comes from --browser or WA_BROWSER_PATH', async () => {
    const t = await setup(undefined);
    const r = await t.invoke('settings:chooseBrowser');
    expect(r).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    if (!r.ok) {
      expect(r.error.message).toMatch(/--browser/);
      expect(r.error.message).toMatch(/WA_BROWSER_PATH/);
    }
    expect(t.internal).toEqual([]);
    expect(t.logger.recent().some((l) => l.level === 'warn' && l.message.startsWith('Refused settings:chooseBrowser'))).toBe(true);
  });
});
