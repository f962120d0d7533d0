import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { browserMajorVersion, cachedBrowserMajorVersion, chromeUserAgent, parseMajorVersion } from '../../../src/whatsapp/user-agent';

describe('the user agent shown to WhatsApp Web', () => {
  it("is Chrome's reduced user agent for the OS, varying only in the major version", () => {
    expect(chromeUserAgent('win32', 150)).toBe(
      'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/150.0.0.0 Safari/537.36',
    );
    expect(chromeUserAgent('darwin', 150)).toContain('(Macintosh; Intel Mac OS X 10_15_7)');
    expect(chromeUserAgent('linux', 156)).toBe(
      'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/156.0.0.0 Safari/537.36',
    );
    expect(chromeUserAgent('linux', 156)).not.toContain('Headless');
  });

  it('reads the major version from --version output and version folder names', () => {
    expect(parseMajorVersion('Chromium 156.0.8078.108 built on Debian GNU/Linux 12 (bookworm)')).toBe(156);
    expect(parseMajorVersion('Google Chrome 141.0.7390.54 ')).toBe(141);
    expect(parseMajorVersion('Microsoft Edge 140.0.3485.94')).toBe(140);
    expect(parseMajorVersion('131.0.6778.86')).toBe(131);
    expect(parseMajorVersion('no version here')).toBeNull();
  });

  it('on Windows, takes the newest version folder beside the executable', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wa-ua-'));
    try {
      for (const name of ['130.0.6723.117', '131.0.6778.86', 'Locales', 'SetupMetrics']) fs.mkdirSync(path.join(dir, name));
      expect(await browserMajorVersion(path.join(dir, 'chrome.exe'), 'win32')).toBe(131);
      expect(await browserMajorVersion(path.join(dir, 'missing', 'chrome.exe'), 'win32')).toBeNull();
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('runs the browser for its version once, and again only when the executable changes', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wa-ua-'));
    try {
      const runs = path.join(dir, 'runs.log');
      const browser = path.join(dir, 'chromium');
      const write = (version: string) =>
        fs.writeFileSync(browser, `#!/bin/sh\necho run >> '${runs}'\necho 'Chromium ${version} built on Debian'\n`, { mode: 0o755 });
      const cache = path.join(dir, 'browser-version.json');
      const timesRun = () => (fs.existsSync(runs) ? fs.readFileSync(runs, 'utf8').split('\n').filter(Boolean).length : 0);
      write('156.0.8078.108');
      expect(await cachedBrowserMajorVersion(browser, cache, 'linux')).toBe(156);
      expect(await cachedBrowserMajorVersion(browser, cache, 'linux')).toBe(156);
      expect(timesRun()).toBe(1);
      // An update replaces the file (another size here): read afresh.
      write('157.0.1.22222');
      expect(await cachedBrowserMajorVersion(browser, cache, 'linux')).toBe(157);
      expect(timesRun()).toBe(2);
      // A damaged cache is read past, never trusted.
      fs.writeFileSync(cache, '{"path": 1');
      expect(await cachedBrowserMajorVersion(browser, cache, 'linux')).toBe(157);
      expect(timesRun()).toBe(3);
      expect(await cachedBrowserMajorVersion(path.join(dir, 'missing'), cache, 'linux')).toBeNull();
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('elsewhere, a browser that cannot run gives null (the caller falls back)', async () => {
    expect(await browserMajorVersion('/nonexistent/chromium', 'linux')).toBeNull();
  });
});
