import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { e2eUnavailable, launchBrowser, snap, startHost, type RunningHost } from './support/app-host';

const unavailable = e2eUnavailable();
if (unavailable) console.warn(`Skipping the diagnostics end-to-end test: ${unavailable}`);

describe.skipIf(unavailable !== null)('Settings: logs folder and Copy diagnostics (browser host, simulated WhatsApp)', () => {
  let host: RunningHost;
  let browser: Browser;

  beforeAll(async () => {
    host = await startHost(['--auto-scan-ms', '0']);
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await host?.stop();
  });

  it('shows where the logs are (no folder button: a page cannot open folders) and copies redacted diagnostics', async () => {
    const context = await browser.newContext({ viewport: { width: 1200, height: 900 } });
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: new URL(host.url).origin });
    const page = await context.newPage();
    const pageErrors: string[] = [];
    page.on('pageerror', (e) => pageErrors.push(e.message));
    await page.goto(`${host.url}/`);
    await page.getByTestId('account').waitFor({ timeout: 15_000 });

    await page.locator('summary', { hasText: 'Settings' }).click();
    const logsFolder = path.join(host.dataDir, 'logs');
    expect(await page.getByTestId('logs-folder').innerText()).toBe(logsFolder);
    expect(await page.getByTestId('open-logs-folder').count()).toBe(0);

    await page.getByTestId('copy-diagnostics').click();
    await page.getByRole('status').filter({ hasText: 'Copied' }).waitFor();
    const copied = await page.evaluate(() => navigator.clipboard.readText());
    expect(copied).toMatch(/^WA Bulk Sender .* \(browser host, demo\)\nOS: .*\nNode .*\nwhatsapp-web\.js 1\.34\.7\nWhatsApp: ready\n/);
    expect(copied).toMatch(/Last \d+ log lines:\n/);
    // The demo account (+15550100123) appears in the log only masked, in the file and in the copy.
    expect(copied).toContain('Ready as');
    expect(copied).not.toContain('5550100123');
    expect(readFileSync(path.join(logsFolder, 'app.log'), 'utf8')).not.toContain('5550100123');

    const settings = page.locator('details.settings');
    for (const theme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme: theme });
      await settings.scrollIntoViewIfNeeded();
      await snap(page, `settings-logs-diagnostics-${theme}`);
    }
    expect(pageErrors).toEqual([]);
    await context.close();
  });
});
