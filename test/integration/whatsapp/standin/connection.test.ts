/**
 * The connection through the real path: the app's WwebjsWhatsApp, the real whatsapp-web.js 1.34.7 (with the
 * project's patch) and Debian's Chromium, against the stand-in WhatsApp Web, in both generations of message keys.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { systemClock } from '../../../../src/platform/clock';
import { BROWSER_CACHE_DIRS, browserProfileDir, SessionFiles } from '../../../../src/whatsapp/session-files';
import {
  browsersUnder,
  CHROMIUM,
  eventually,
  GENERATIONS,
  haveChromium,
  realWhatsAppRig,
  when,
  type RealWhatsAppRig,
} from '../../../standin/real-whatsapp-rig';

const rigs: RealWhatsAppRig[] = [];
afterEach(async () => {
  for (const rig of rigs.splice(0)) await rig.close();
});
const rigFor = async (...args: Parameters<typeof realWhatsAppRig>) => {
  const rig = await realWhatsAppRig(...args);
  rigs.push(rig);
  return rig;
};

describe.skipIf(!haveChromium).each(GENERATIONS)(
  `real connection against the stand-in, %s message keys (${haveChromium ? CHROMIUM : 'skipped: no Chromium'})`,
  (generation) => {
    it('logs in by QR, restores the session without a QR, logs out, and leaves no browser and no session', async () => {
      const rig = await rigFor(generation);
      await rig.port.start();
      const qr = await rig.status('qr');
      expect(qr.kind === 'qr' && qr.qrText).toMatch(/^2@standin-ref-1,/);
      rig.standin.rotateQr();
      await when(
        (l) => rig.port.onStatus(l),
        () => {
          const s = rig.port.getStatus();
          return s.kind === 'qr' && s.qrText.startsWith('2@standin-ref-2,');
        },
        'the rotated QR',
      );
      rig.standin.scanQr();
      const ready = await rig.status('ready');
      expect(ready).toEqual({ kind: 'ready', account: { number: rig.standin.me, name: rig.standin.pushname } });
      expect(rig.statuses.map((s) => s.kind)).toContain('authenticated');
      // A current browser, as itself: not the library's Chrome/101 and not "HeadlessChrome".
      const major = /Chromium (\d+)/.exec(execFileSync(CHROMIUM, ['--version'], { encoding: 'utf8' }))![1];
      expect(rig.standin.lastUserAgent).toContain(`Chrome/${major}.0.0.0`);
      expect(rig.standin.lastUserAgent).not.toMatch(/Headless|Chrome\/101/);
      // Tied to the app over a pipe, with no DevTools port another local user could attach to (issue 13, point 2).
      const browser = browsersUnder(rig.root);
      expect(browser.some((line) => line.includes('--remote-debugging-pipe'))).toBe(true);
      expect(browser.filter((line) => line.includes('--remote-debugging-port'))).toEqual([]);

      await rig.port.destroy();
      expect(rig.port.getStatus().kind).toBe('idle');
      await eventually(() => browsersUnder(rig.root).length === 0, 'the browser to exit after destroy');

      // "Reset WhatsApp Web cache" clears the browser's caches of the page and keeps the login.
      const profile = browserProfileDir(rig.paths.sessionDir);
      const caches = () => BROWSER_CACHE_DIRS.filter((dir) => fs.existsSync(path.join(profile, dir)));
      expect(caches().length).toBeGreaterThan(0);
      expect(await new SessionFiles(fsp, systemClock, rig.paths).wipeBrowserCaches()).toMatchObject({ wiped: true, pendingWipe: false });
      expect(caches()).toEqual([]);

      const restored = new Promise((resolve) => rig.standin.once('restored', resolve));
      const before = rig.statuses.length;
      await rig.port.start();
      await rig.status('ready', 'ready after restoring the session');
      await restored;
      expect(rig.statuses.slice(before).map((s) => s.kind)).not.toContain('qr');

      await rig.port.logout();
      expect(rig.port.getStatus().kind).toBe('idle');
      expect(rig.standin.linkedDevices()).toBe(0);
      expect(fs.existsSync(path.join(rig.paths.sessionDir, 'session-main'))).toBe(false);
      await eventually(() => browsersUnder(rig.root).length === 0, 'the browser to exit after log out');
    }, 120_000);

    it('a sync that never finishes ends in an error with Retry, and Retry gets to ready', async () => {
      const rig = await rigFor(generation, { startTimeoutMs: 4_000 });
      rig.standin.stallSync = true;
      await rig.port.start();
      await rig.status('qr');
      const stalled = new Promise((resolve) => rig.standin.once('sync-stalled', resolve));
      rig.standin.scanQr();
      await stalled;
      const error = await rig.status('error', 'the stuck sync to become an error');
      expect(error).toMatchObject({ kind: 'error', actions: expect.arrayContaining(['retry']) });
      expect(error.kind === 'error' && error.message).toMatch(/did not finish loading|did not become ready|did not load/i);
      await eventually(() => browsersUnder(rig.root).length === 0, 'the stuck browser to be closed');

      rig.standin.stallSync = false;
      await rig.port.start();
      await rig.status('ready', 'ready after Retry');

      // The same for a session restore (no QR at all) whose sync never ends.
      await rig.port.destroy();
      rig.standin.stallSync = true;
      const restoring = new Promise((resolve) => rig.standin.once('restored', resolve));
      await rig.port.start();
      await restoring;
      await rig.status('error', 'the stuck restore to become an error');
      expect(rig.statuses.filter((s) => s.kind === 'qr')).toHaveLength(1);
    }, 120_000);

    it('a client closed while its browser is still starting leaves no browser behind, and the next start gets a QR', async () => {
      // A browser whose launch waits for a gate file, so the close lands mid-launch for sure.
      const gateDir = fs.mkdtempSync(path.join(os.tmpdir(), 'wa-gated-browser-'));
      const [gate, launched, wrapper] = ['gate', 'launched', 'chromium-gated.sh'].map((f) => path.join(gateDir, f)) as [string, string, string];
      // (`--version`, asked for the user agent, goes straight through: only the launch waits and is marked.)
      fs.writeFileSync(
        wrapper,
        `#!/bin/sh\ncase "$*" in *--version*) exec ${CHROMIUM} "$@";; esac\nwhile [ ! -f '${gate}' ]; do sleep 0.02; done\ntouch '${launched}'\nexec ${CHROMIUM} "$@"\n`,
        { mode: 0o755 },
      );
      const rig = await rigFor(generation, { browserPath: () => wrapper });
      try {
        await rig.port.start();
        await rig.port.destroy();
        fs.writeFileSync(gate, '');
        await eventually(() => fs.existsSync(launched), 'the late browser to launch');
        await eventually(() => browsersUnder(rig.root).length === 0, 'the late browser to be closed');
        await rig.port.start();
        await rig.status('qr', 'a QR from the next start');
      } finally {
        fs.rmSync(gateDir, { recursive: true, force: true });
      }
    }, 120_000);

    it('leaves ready while the phone or network is gone (socket TIMEOUT), and comes back on CONNECTED', async () => {
      const rig = await rigFor(generation);
      await rig.connect();
      rig.standin.setSocketState('TIMEOUT');
      const lost = await rig.status('disconnected', 'the lost connection to show');
      expect(lost.kind === 'disconnected' && lost.reason).toMatch(/connection|phone|network/i);
      rig.standin.setSocketState('CONNECTED');
      await rig.status('ready', 'ready again on CONNECTED');
      expect(rig.port.getStatus()).toMatchObject({ kind: 'ready', account: { number: rig.standin.me } });
    }, 120_000);

    it('when the phone unlinks the device, it leaves ready, says so, and the next start asks for a QR', async () => {
      const rig = await rigFor(generation);
      await rig.connect();
      rig.standin.unlinkPhone();
      await when(
        (l) => rig.port.onStatus(l),
        () => rig.port.getStatus().kind !== 'ready',
        'leaving ready after the unlink',
      );
      expect(rig.statuses.some((s) => s.kind === 'disconnected' && /log(ged)? ?out|unlink/i.test(s.reason))).toBe(true);
      await rig.port.destroy();
      await rig.port.start();
      await rig.status('qr', 'a QR for linking again');
      expect(rig.standin.linkedDevices()).toBe(0);
    }, 120_000);
  },
);
