import { describe, expect, it } from 'vitest';
import { BrowserNotFoundError, findBrowser, type BrowserSearchEnv } from '../../../src/whatsapp/browser';
import { systemBrowserSearchEnv } from '../../../src/whatsapp/browser-search-env';
import fs from 'node:fs';

function searchEnv(platform: NodeJS.Platform, present: string[], env: BrowserSearchEnv['env'] = {}) {
  const asked: string[] = [];
  const search: BrowserSearchEnv = {
    platform,
    env,
    exists: (p) => {
      asked.push(p);
      return present.includes(p);
    },
  };
  return { search, asked };
}

describe('findBrowser', () => {
  it('prefers the explicit setting over env and installed browsers', () => {
    const { search } = searchEnv('linux', ['/opt/my/chrome', '/usr/bin/chromium'], { WA_BROWSER_PATH: '/usr/bin/chromium' });
    expect(findBrowser('/opt/my/chrome', search)).toEqual({ executablePath: '/opt/my/chrome', source: 'setting' });
  });

  it('checks WA_BROWSER_PATH, then PUPPETEER_EXECUTABLE_PATH, then CHROME_PATH', () => {
    const env = { WA_BROWSER_PATH: '/a', PUPPETEER_EXECUTABLE_PATH: '/b', CHROME_PATH: '/c' };
    expect(findBrowser('', searchEnv('linux', ['/b', '/c'], env).search)).toEqual({ executablePath: '/b', source: 'env' });
    expect(findBrowser('', searchEnv('linux', ['/c'], env).search)).toEqual({ executablePath: '/c', source: 'env' });
  });

  it('falls back to installed browsers, Chrome before Chromium on linux', () => {
    const { search } = searchEnv('linux', ['/usr/bin/chromium', '/usr/bin/google-chrome-stable']);
    expect(findBrowser(undefined, search).executablePath).toBe('/usr/bin/google-chrome-stable');
    expect(findBrowser(undefined, searchEnv('linux', ['/snap/bin/chromium']).search).executablePath).toBe('/snap/bin/chromium');
  });

  it('finds Edge under Program Files (x86) and Chrome under LocalAppData on windows', () => {
    const env = { LOCALAPPDATA: 'C:\\Users\\op\\AppData\\Local' };
    const edge = 'C:\\Program Files (x86)\\Microsoft\\Edge\\Application\\msedge.exe';
    expect(findBrowser(null, searchEnv('win32', [edge], env).search).executablePath).toBe(edge);
    const userChrome = 'C:\\Users\\op\\AppData\\Local\\Google\\Chrome\\Application\\chrome.exe';
    expect(findBrowser(null, searchEnv('win32', [userChrome, edge], env).search).executablePath).toBe(userChrome);
  });

  it('finds Chrome in /Applications on macOS', () => {
    const chrome = '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome';
    expect(findBrowser(null, searchEnv('darwin', [chrome]).search)).toEqual({ executablePath: chrome, source: 'installed' });
  });

  it('names every path it tried, and how to set one, when nothing is found', () => {
    const { search, asked } = searchEnv('linux', [], { CHROME_PATH: '/nope/chrome' });
    let error: unknown;
    try {
      findBrowser('/missing/browser', search);
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(BrowserNotFoundError);
    const message = (error as Error).message;
    expect(message).toContain('/missing/browser (from Settings)');
    expect(message).toContain('/nope/chrome (from CHROME_PATH)');
    for (const p of asked) expect(message).toContain(p);
    expect(message).toContain('/usr/bin/microsoft-edge');
    expect(message).toMatch(/Settings/);
    expect(message).toContain('WA_BROWSER_PATH');
    expect((error as BrowserNotFoundError).tried).toHaveLength(asked.length);
  });

  it('the system search env accepts files only, not folders', () => {
    const search = systemBrowserSearchEnv();
    expect(search.exists(process.execPath)).toBe(true);
    expect(search.exists(fs.realpathSync('.'))).toBe(false);
    expect(search.exists('/definitely/not/here')).toBe(false);
  });
});
