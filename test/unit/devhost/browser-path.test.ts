import { mkdtemp } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { pinBrowserPath } from '../../../src/devhost/browser-path';
import { parseHostArgs } from '../../../src/devhost/server';
import { SettingsStore } from '../../../src/platform/settings-store';
import { AppFailure } from '../../../src/shared/result';

let file = '';

async function storeWith(browserPath: string): Promise<SettingsStore> {
  file = path.join(await mkdtemp(path.join(os.tmpdir(), 'host-browser-')), 'settings.json');
  const store = new SettingsStore(file);
  await store.load();
  if (browserPath) await store.setBrowserPath(browserPath);
  return store;
}

const isChromium = async (chosen: string) => {
  if (!chosen.endsWith('chromium')) throw new AppFailure('bad_request', `${chosen} is not Chrome, Edge or Chromium`);
  return { executablePath: chosen, version: 'Chromium 156' };
};

describe('browser host: the browser comes from the command line or the environment', () => {
  it('drops a browser saved earlier when none is given, and says so', async () => {
    const store = await storeWith('/tmp/evil.sh');
    const note = await pinBrowserPath(store, null, isChromium);
    expect(store.get().browserPath).toBe('');
    expect(note).toContain('/tmp/evil.sh');
    expect(note).toContain('--browser');
    expect(note).toContain('WA_BROWSER_PATH');
    // Read back from disk: the next start finds it gone too.
    const reloaded = new SettingsStore(file);
    expect((await reloaded.load()).settings.browserPath).toBe('');
  });

  it('uses --browser once checked, replacing what was saved', async () => {
    const store = await storeWith('/tmp/evil.sh');
    expect(await pinBrowserPath(store, '/usr/bin/chromium', isChromium)).toBeNull();
    expect(store.get().browserPath).toBe('/usr/bin/chromium');
  });

  it('refuses a --browser that is not a browser, and keeps nothing of it', async () => {
    const store = await storeWith('');
    await expect(pinBrowserPath(store, '/bin/sh', isChromium)).rejects.toThrow('not Chrome, Edge or Chromium');
    expect(store.get().browserPath).toBe('');
  });

  it('says nothing when nothing was saved', async () => {
    expect(await pinBrowserPath(await storeWith(''), null, isChromium)).toBeNull();
  });

  it('reads --browser from the command line as an absolute path, and refuses it empty', () => {
    expect(parseHostArgs(['--browser', '/opt/chrome/chrome']).browser).toBe('/opt/chrome/chrome');
    expect(parseHostArgs([]).browser).toBeNull();
    expect(() => parseHostArgs(['--browser'])).toThrow('--browser takes');
    expect(() => parseHostArgs(['--browser', ' '])).toThrow('--browser takes');
  });
});
