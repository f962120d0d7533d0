import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { e2eUnavailable, launchBrowser, snap, startHost, type RunningHost } from './support/app-host';

const unavailable = e2eUnavailable();
if (unavailable) console.warn(`Skipping the host restart end-to-end test: ${unavailable}`);

/**
 * The browser host stops (Ctrl+C, a crash) while the page is open: the page says so over everything, instead of
 * "Loading…" forever or a stale "Sending…", and when the host is started again on the same folder and port, the page
 * comes back by itself.
 */
describe.skipIf(unavailable !== null)('the browser host stops and starts again under an open page', () => {
  let host: RunningHost | undefined;
  let browser: Browser;

  beforeAll(async () => {
    host = await startHost(['--auto-scan-ms', '300']);
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await host?.stop();
  });

  it('shows "The app has stopped. Reconnecting…", then the app again', { timeout: 120_000 }, async () => {
    const first = host!;
    const port = new URL(first.url).port;
    const page = await browser.newPage({ viewport: { width: 1024, height: 700 } });
    const pageErrors: string[] = [];
    page.on('pageerror', (e) => pageErrors.push(e.message));
    await page.goto(`${first.url}/`);
    const pill = page.getByTestId('status-pill');
    await expect.poll(() => pill.getAttribute('data-status'), { timeout: 20_000 }).toBe('ready');
    const notice = page.getByTestId('host-lost');
    expect(await notice.count()).toBe(0);

    await first.stop();
    await notice.waitFor({ timeout: 15_000 });
    expect(await notice.innerText()).toMatch(/The app has stopped[\s\S]*Reconnecting…/);
    // A modal: the page behind cannot be used meanwhile (nothing stale to press), and focus is in the notice.
    expect(await page.evaluate(() => document.querySelector('dialog[open]')?.matches(':modal') ?? false)).toBe(true);
    expect(await page.evaluate(() => document.activeElement?.closest('dialog') !== null)).toBe(true);
    await snap(page, 'host-stopped-1024-light');
    await page.emulateMedia({ colorScheme: 'dark' });
    await page.setViewportSize({ width: 800, height: 600 });
    await snap(page, 'host-stopped-800-dark');
    await page.emulateMedia({ colorScheme: 'light' });

    // The same folder and port: the same address, so the open page is let back in.
    host = await startHost(['--auto-scan-ms', '300', '--port', port], first.dataDir);
    expect(host.url).toBe(first.url);
    await expect.poll(() => notice.count(), { timeout: 60_000 }).toBe(0);
    await expect.poll(() => pill.getAttribute('data-status'), { timeout: 30_000 }).toBe('ready');
    await snap(page, 'host-restarted-800-light');
    expect(pageErrors).toEqual([]);
  });
});
