import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { e2eUnavailable, launchBrowser, snap, startHost, type RunningHost } from './support/app-host';

const unavailable = e2eUnavailable();
if (unavailable) console.warn(`Skipping the reconnecting end-to-end test: ${unavailable}`);

/**
 * The phone loses its connection and gets it back by itself (WhatsApp Web's socket leaves CONNECTED, as the real
 * adapter reports it): the operator sees "Reconnecting…", no button to restart anything, and Ready again after.
 */
describe.skipIf(unavailable !== null)('operator journey: the phone goes offline and comes back (browser host, simulated WhatsApp)', () => {
  let host: RunningHost;
  let browser: Browser;

  beforeAll(async () => {
    // No scan by itself: the test scans once the page is open, so the drop (1.5 s after ready, lasting 15 s) comes
    // while the page watches, however long the host and the page took to start.
    host = await startHost(['--demo-offline-after-ms', '1500']);
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await host?.stop();
  });

  it('shows Reconnecting… without a Connect button, then Ready again, in light and dark, wide and narrow', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    const pageErrors: string[] = [];
    page.on('pageerror', (e) => pageErrors.push(e.message));
    await page.goto(`${host.url}/`);
    const pill = page.getByTestId('status-pill');
    await expect.poll(() => pill.getAttribute('data-status'), { timeout: 30_000 }).toBe('qr');
    await page.getByRole('button', { name: 'Simulate scan' }).click();
    // Ready lasts 1.5 s before the phone drops, and the drop 15 s: the page may or may not show Ready in between.
    await expect.poll(() => pill.getAttribute('data-status'), { timeout: 30_000 }).toBe('disconnected');
    // What the operator sees is checked first; the screenshots after it only record it.
    expect(await pill.innerText()).toMatch(/Reconnecting…/);
    const buttons = await page.getByRole('button').allInnerTexts();
    // Nothing to press: no Connect, Retry or restart (the nav's Connection tab aside).
    expect(buttons.filter((b) => /connect|retry|start/i.test(b) && b !== 'Connection')).toEqual([]);
    expect(await page.getByText(/comes back by itself|reconnect/i).count()).toBeGreaterThan(0);
    await snap(page, 'reconnecting-light-1280');
    await page.emulateMedia({ colorScheme: 'dark' });
    await snap(page, 'reconnecting-dark-1280');
    await page.setViewportSize({ width: 800, height: 600 });
    await snap(page, 'reconnecting-dark-800');
    await page.emulateMedia({ colorScheme: 'light' });
    await snap(page, 'reconnecting-light-800');
    // The demo's phone is back 15 s later, by itself.
    await expect.poll(() => pill.getAttribute('data-status'), { timeout: 40_000 }).toBe('ready');
    expect(pageErrors).toEqual([]);
  }, 60_000);
});
