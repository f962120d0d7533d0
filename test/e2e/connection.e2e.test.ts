import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { e2eUnavailable, launchBrowser, snap, startHost, type RunningHost } from './support/app-host';

const unavailable = e2eUnavailable();
if (unavailable) console.warn(`Skipping the connection end-to-end test: ${unavailable}`);

describe.skipIf(unavailable !== null)('operator journey: connect, scan, log out (browser host, simulated WhatsApp)', () => {
  let host: RunningHost;
  let browser: Browser;

  beforeAll(async () => {
    host = await startHost();
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await host?.stop();
  });

  it('shows a QR, links on simulated scan, shows the account, and log out deletes the session folder', async () => {
    const page = await browser.newPage({ viewport: { width: 1200, height: 820 } });
    const pageErrors: string[] = [];
    page.on('pageerror', (e) => pageErrors.push(e.message));
    page.on('console', (m) => m.type() === 'error' && pageErrors.push(m.text()));
    await page.goto(`${host.url}/`);

    await expect.poll(() => page.getByText('DEMO', { exact: true }).count()).toBe(1);
    const qr = page.getByTestId('qr');
    await qr.waitFor({ timeout: 15_000 });
    expect(await qr.getAttribute('src')).toMatch(/^data:image\/png;base64,/);
    await snap(page, 'connection-1-qr');

    await page.getByRole('button', { name: 'Simulate scan' }).click();
    await page.getByTestId('account').waitFor({ timeout: 15_000 });
    expect(await page.getByTestId('account').innerText()).toContain('+15550100123');
    expect(await page.getByTestId('status-pill').getAttribute('data-status')).toBe('ready');
    const sessionDir = path.join(host.dataDir, 'whatsapp', 'session');
    expect(readdirSync(sessionDir).length).toBeGreaterThan(0);
    // The activity panel starts collapsed to its latest line, in plain words.
    await expect.poll(() => page.getByTestId('log-latest').innerText()).toMatch(/ready|connected/i);
    await snap(page, 'connection-2-ready');

    // Settings: the browser is chosen in the app's own dialog; the browser host has none and says where its
    // browser comes from instead.
    await page.locator('summary', { hasText: 'Settings' }).click();
    expect(await page.getByTestId('browser-path').innerText()).toBe('Found automatically');
    await page.getByTestId('choose-browser').click();
    const refusal = page.getByRole('alert').filter({ hasText: '--browser' });
    await refusal.waitFor();
    expect(await refusal.innerText()).toContain('WA_BROWSER_PATH');
    expect(await page.getByTestId('browser-path').innerText()).toBe('Found automatically');
    await snap(page, 'connection-2b-settings-browser');

    await page.getByRole('button', { name: 'Log out' }).click();
    await page.getByRole('dialog').waitFor();
    await snap(page, 'connection-3-confirm-logout');
    await page.getByRole('button', { name: 'Log out and delete session' }).click();
    await page.getByTestId('logout-result').waitFor({ timeout: 30_000 });
    expect(await page.getByTestId('logout-result').innerText()).toMatch(/deleted/i);
    expect(existsSync(sessionDir) && readdirSync(sessionDir).length > 0).toBe(false);
    expect(existsSync(path.join(host.dataDir, 'whatsapp', 'web-cache'))).toBe(false);
    // The status push may trail the logout reply by one notifier flush.
    await expect.poll(() => page.getByTestId('status-pill').getAttribute('data-status')).toBe('idle');
    await snap(page, 'connection-4-logged-out');
    expect(pageErrors).toEqual([]);
  });
});
