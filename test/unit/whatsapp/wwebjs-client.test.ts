import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startErrorStatus } from '../../../src/whatsapp/start-errors';
import { chromeUserAgent, FALLBACK_CHROME_MAJOR } from '../../../src/whatsapp/user-agent';
import * as wwebjs from 'whatsapp-web.js';
import {
  clientFactoryFor,
  createWwebjsClient,
  defaultBrowserArgs,
  loadMessageMedia,
  type WwebjsClientConfig,
} from '../../../src/whatsapp/wwebjs-client';

/** The real whatsapp-web.js Client, constructed but never given a working browser. */
let root: string;
let config: WwebjsClientConfig;
let reports: Array<{ where: string; err: unknown }>;

beforeEach(() => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), 'wa-client-'));
  config = {
    executablePath: path.join(root, 'no-such-browser'),
    sessionDir: path.join(root, 'session'),
    browserArgs: [],
    rmMaxRetries: 3,
  };
  reports = [];
});
afterEach(() => fs.rmSync(root, { recursive: true, force: true }));

const make = () => createWwebjsClient(config, (where, err) => reports.push({ where, err }));
type Internals = { inject(): Promise<void>; options: Record<string, any>; authStrategy: Record<string, any>; pupBrowser: unknown };

describe('createWwebjsClient', () => {
  it('configures LocalAuth and puppeteer under the given folders, with no web version cache', () => {
    const client = make() as unknown as Internals;
    expect(client.authStrategy.clientId).toBe('main');
    expect(client.authStrategy.dataPath).toBe(config.sessionDir);
    expect(client.authStrategy.rmMaxRetries).toBe(3);
    // 1.34.7 never reads a local cache back (WHATSAPP.md #17).
    expect(client.options.webVersionCache).toEqual({ type: 'none' });
    expect(client.options.puppeteer).toMatchObject({ executablePath: config.executablePath, headless: true });
  });

  it('ties Chromium to the app (pipe) and leaves the signals to the app', () => {
    const client = make() as unknown as Internals;
    expect(client.options.puppeteer).toMatchObject({ pipe: true, handleSIGINT: false, handleSIGTERM: false, handleSIGHUP: false });
  });

  it("replaces the library's Chrome 101 user agent with a current Chrome one for this OS", () => {
    const client = make() as unknown as Internals;
    expect(client.options.userAgent).toBe(chromeUserAgent(process.platform, FALLBACK_CHROME_MAJOR));
    expect(client.options.userAgent).not.toMatch(/Chrome\/101\./);
  });

  it.skipIf(process.platform === 'win32')("initialize() puts the browser's own major version in the user agent", async () => {
    // A "browser" that only answers --version: the launch then fails, after the user agent was set.
    const fakeBrowser = path.join(root, 'chromium');
    fs.writeFileSync(fakeBrowser, '#!/bin/sh\necho "Chromium 161.0.7000.12 built on Debian GNU/Linux 13"\n', { mode: 0o755 });
    config.executablePath = fakeBrowser;
    const client = make() as unknown as Internals & { initialize(): Promise<void> };
    await expect(client.initialize()).rejects.toBeInstanceOf(Error);
    expect(client.options.userAgent).toBe(chromeUserAgent(process.platform, 161));
  });

  it('initialize() falls back to the built-in Chrome version when the browser cannot say its own', async () => {
    const client = make() as unknown as Internals & { initialize(): Promise<void> };
    await expect(client.initialize()).rejects.toBeInstanceOf(Error);
    expect(client.options.userAgent).toBe(chromeUserAgent(process.platform, FALLBACK_CHROME_MAJOR));
  });

  it('initialize() still rejects (with an error the adapter maps) when the browser cannot start', async () => {
    const client = make();
    const err = await client.initialize().then(
      () => null,
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(Error);
    const status = startErrorStatus(err, config.executablePath);
    expect(status.message).toContain(`Could not start the browser at ${config.executablePath}`);
    expect(status.actions).toEqual(['retry']);
    expect(reports).toEqual([]);
  });

  it("the library's re-inject after a navigation reports instead of rejecting", async () => {
    const client = make() as unknown as Internals;
    // No page: the real inject() throws, as it can when the phone unlinks and the page reloads.
    await expect(client.inject()).resolves.toBeUndefined();
    expect(reports).toHaveLength(1);
    expect(reports[0]?.where).toMatch(/inject/);
  });

  it('destroy() reports a browser that fails to close instead of rejecting (the library calls it un-awaited)', async () => {
    const client = make() as unknown as Internals & { destroy(): Promise<void> };
    client.pupBrowser = { isConnected: () => true, close: () => Promise.reject(new Error('Target closed')) };
    await expect(client.destroy()).resolves.toBeUndefined();
    expect(String((reports[0]?.err as Error).message)).toBe('Target closed');
  });

  it("LocalAuth's folder removal reports instead of throwing", async () => {
    const client = make() as unknown as Internals;
    client.authStrategy.userDataDir = path.join(config.sessionDir, 'session-main');
    // Windows' EBUSY while Chromium holds a file (WHATSAPP.md #1), injected where LocalAuth calls it.
    const rm = fs.promises.rm;
    fs.promises.rm = (() => Promise.reject(Object.assign(new Error('EBUSY: resource busy or locked'), { code: 'EBUSY' }))) as typeof rm;
    try {
      await expect(client.authStrategy.logout()).resolves.toBeUndefined();
    } finally {
      fs.promises.rm = rm;
    }
    expect(reports[0]?.where).toBe('LocalAuth.logout');
    expect(String(reports[0]?.err)).toContain('EBUSY');
  });

  it('destroy() returns only after a folder removal the library started (the phone unlinked) is over', async () => {
    const order: string[] = [];
    // The library's removal when the phone unlinks outlasts the browser's close (Chromium writes, rm retries);
    // here it ends one event-loop turn after destroy() began, later than any chain of promises alone.
    class SlowLocalAuth extends wwebjs.LocalAuth {
      constructor(...args: ConstructorParameters<typeof wwebjs.LocalAuth>) {
        super(...args);
        const removeFolder = this.logout.bind(this);
        this.logout = async () => {
          await new Promise((resolve) => setImmediate(resolve));
          await removeFolder();
          order.push('folder removed');
        };
      }
    }
    const client = clientFactoryFor({ Client: wwebjs.Client, LocalAuth: SlowLocalAuth })(config, (where, err) =>
      reports.push({ where, err }),
    ) as unknown as Internals & { destroy(): Promise<void> };
    const profile = path.join(config.sessionDir, 'session-main');
    fs.mkdirSync(profile, { recursive: true });
    client.authStrategy.userDataDir = profile;
    void client.authStrategy.logout();
    await client.destroy();
    order.push('destroy returned');
    expect(order).toEqual(['folder removed', 'destroy returned']);
    expect(fs.existsSync(profile)).toBe(false);
    expect(reports).toEqual([]);
  });

  it('loadMessageMedia reads the file and keeps the type and name the operator chose', () => {
    const file = path.join(root, 'photo.dat');
    fs.writeFileSync(file, 'abc');
    expect(loadMessageMedia({ path: file, mimeType: 'image/jpeg', fileName: 'Photo.jpg' })).toMatchObject({
      mimetype: 'image/jpeg',
      filename: 'Photo.jpg',
      data: Buffer.from('abc').toString('base64'),
    });
    expect(() => loadMessageMedia({ path: path.join(root, 'missing'), mimeType: 'image/jpeg', fileName: 'x' })).toThrow(/ENOENT/);
  });

  it('default browser args add --no-sandbox only when running as root', () => {
    // The user is given through process.getuid, whoever runs the tests: root, another user, Windows (no getuid).
    const argsAs = (getuid: (() => number) | undefined) => {
      const own = Object.getOwnPropertyDescriptor(process, 'getuid');
      Object.defineProperty(process, 'getuid', { value: getuid, configurable: true, writable: true });
      try {
        return defaultBrowserArgs();
      } finally {
        if (own) Object.defineProperty(process, 'getuid', own);
        else delete (process as { getuid?: unknown }).getuid;
      }
    };
    expect(argsAs(() => 0)).toContain('--no-sandbox');
    expect(argsAs(() => 1000)).not.toContain('--no-sandbox');
    expect(argsAs(undefined)).not.toContain('--no-sandbox');
    for (const uid of [0, 1000]) expect(argsAs(() => uid)).toContain('--no-first-run');
  });
});
