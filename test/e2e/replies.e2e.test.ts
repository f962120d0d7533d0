/**
 * Replies on screen: the demo's simulated WhatsApp plays a reply script (--demo-replies); the Send screen and the
 * campaign in History show who replied and the reply rate, and a STOP is marked as opted out. Screenshots in light
 * and dark at 1280x800 and 800x600, none of them scrolling sideways.
 */
import { mkdtemp, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { e2eUnavailable, launchBrowser, snap, startHost, type RunningHost } from './support/app-host';
import { importCsv, nav, openReadyPage, setPace, startAndConfirm } from './support/journey';

const unavailable = e2eUnavailable();
if (unavailable) console.warn(`Skipping the replies end-to-end test: ${unavailable}`);

const names = ['Aisha', 'Omar', 'Sara', 'Yusuf', 'Lina', 'Karim'];
const phones = names.map((_, i) => `+97150${String(7654300 + i)}`);
const csv = ['name,phone', ...names.map((n, i) => `${n},${phones[i]}`)].join('\n') + '\n';
const script = [
  { from: phones[0], body: 'Thank you, see you then!', afterMs: 0 },
  { from: phones[1], body: 'STOP', afterMs: 0 },
  { from: phones[2], body: 'Can I come at 5 pm instead? The morning is difficult for me this week because of work.', afterMs: 0 },
]
  .map((r) => JSON.stringify(r))
  .join('\n');

/** The page and the scrolling content fit the window's width. */
const scrollsSideways = (page: Page) =>
  page.evaluate(() => {
    const content = document.querySelector('.content');
    const doc = document.documentElement;
    return doc.scrollWidth > doc.clientWidth + 1 || (content !== null && content.scrollWidth > content.clientWidth + 1);
  });

async function shots(page: Page, name: string) {
  for (const theme of ['light', 'dark'] as const) {
    for (const [width, height] of [
      [1280, 800],
      [800, 600],
    ] as const) {
      await page.emulateMedia({ colorScheme: theme });
      await page.setViewportSize({ width, height });
      await page.getByTestId('replies').first().scrollIntoViewIfNeeded();
      expect(await scrollsSideways(page), `${name} ${theme} ${width}x${height} scrolls sideways`).toBe(false);
      await snap(page, `${name}-${theme}-${width}x${height}`);
    }
  }
}

describe.skipIf(unavailable !== null)('replies on the Send screen and in History (browser host, simulated WhatsApp)', () => {
  let host: RunningHost;
  let browser: Browser;

  beforeAll(async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'wa-e2e-replies-'));
    const file = path.join(dir, 'replies.jsonl');
    await writeFile(file, script);
    host = await startHost(['--auto-scan-ms', '300', '--demo-replies', file]);
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await host?.stop();
  });

  it('shows who replied, the reply rate and the opt-out, live and in History', { timeout: 180_000 }, async () => {
    const { page, pageErrors } = await openReadyPage(browser, host);

    await importCsv(page, 'patients.csv', csv);

    await nav(page, 'Message');
    await page.getByTestId('template').fill('Hello {{name}}, your appointment is tomorrow at 9.');
    await expect.poll(() => page.getByTestId('template-check').innerText()).toMatch(/every contact gets a complete message/);
    await page.getByRole('button', { name: 'Next: sending' }).click();
    await setPace(page, '0');
    await page.getByLabel('Campaign name (optional, shown in History)').fill('Tomorrow’s appointments');
    await startAndConfirm(page, 'Start sending to 6');
    await page.getByTestId('campaign-progress').waitFor({ timeout: 15_000 });

    // Replies come 1.5 s after each delivery (the demo's receipts); the card updates as they do.
    const rate = page.getByTestId('reply-rate');
    await expect.poll(() => rate.innerText().catch(() => ''), { timeout: 60_000, interval: 500 }).toBe('3 replied (50%)');
    await expect.poll(() => page.getByTestId('campaign-progress').getAttribute('data-state'), { timeout: 60_000 }).toBe('finished');
    expect(await page.getByTestId('reply-optouts').innerText()).toBe('1 asked to stop: on the do-not-message list');
    const rows = page.getByTestId('reply-row');
    expect(await rows.count()).toBe(3);
    const omar = rows.filter({ hasText: 'Omar' });
    expect(await omar.getAttribute('data-opted-out')).toBe('true');
    expect(await omar.innerText()).toContain('“STOP”');
    expect(await rows.filter({ hasText: 'Sara' }).innerText()).toContain('…');
    await shots(page, 'replies-send');

    await nav(page, 'History');
    await page.getByRole('button', { name: 'Open Tomorrow’s appointments' }).click();
    await page.getByTestId('campaign-detail').waitFor();
    await expect.poll(() => page.getByTestId('campaign-detail').getByTestId('reply-rate').innerText()).toBe('3 replied (50%)');
    await shots(page, 'replies-history');

    // Settings: the opt-out keywords in force, editable.
    await page.setViewportSize({ width: 800, height: 600 });
    await nav(page, 'Connection');
    await page.locator('details.settings > summary').click();
    const keywords = page.getByTestId('opt-out-keywords');
    await page.getByLabel('Confirmation text').scrollIntoViewIfNeeded();
    expect(await keywords.inputValue()).toMatch(/^STOP\n[\s\S]*BAJA[\s\S]*BERHENTI/);
    for (const theme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme: theme });
      expect(await scrollsSideways(page)).toBe(false);
      await snap(page, `replies-settings-${theme}-800x600`);
    }
    expect(pageErrors).toEqual([]);
  });
});
