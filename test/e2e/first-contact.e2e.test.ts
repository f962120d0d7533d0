/**
 * The Send screen when WhatsApp refuses first messages (issue 11, point 4): the simulated WhatsApp refuses the
 * first message to three listed numbers (--simulate-reject), the guard pauses new contacts, and the screen shows the
 * notice with its resume button, the rejected count and the meter of unanswered first messages (with its warning).
 */
import { mkdtemp, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { e2eUnavailable, launchBrowser, snap, startHost, type RunningHost } from './support/app-host';
import { importCsv, nav, openReadyPage, setPace, startAndConfirm } from './support/journey';

const unavailable = e2eUnavailable();
if (unavailable) console.warn(`Skipping the first-contact end-to-end test: ${unavailable}`);

// Two accepted, three refused (the guard pauses new contacts after the third), two held back.
const names = ['Aisha', 'Omar', 'Sara', 'Yusuf', 'Lina', 'Karim', 'Noor'];
const phones = names.map((_, i) => `+97150${String(2234500 + i)}`);
const csv = ['name,phone', ...names.map((n, i) => `${n},${phones[i]}`)].join('\n') + '\n';

const top = (page: Page) => page.locator('.content').evaluate((e) => e.scrollTo(0, 0));

describe.skipIf(unavailable !== null)('first-contact refusals on the Send screen (browser host, simulated WhatsApp)', () => {
  let host: RunningHost;
  let browser: Browser;

  beforeAll(async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'wa-e2e-reject-'));
    const rejectFile = path.join(dir, 'reject.txt');
    await writeFile(rejectFile, phones.slice(2, 5).join('\n'));
    host = await startHost(['--auto-scan-ms', '300', '--simulate-reject', rejectFile]);
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await host?.stop();
  });

  it('pauses new contacts after three refusals and says what it means, with the meter', { timeout: 180_000 }, async () => {
    const { page, pageErrors } = await openReadyPage(browser, host);

    await importCsv(page, 'offers.csv', csv);

    await nav(page, 'Message');
    await page.getByTestId('template').fill('Hello {{name}}, our new opening hours start on Monday.');
    await page.getByRole('button', { name: 'Next: sending' }).click();
    // Two seconds apart: each refusal, and each delivery, is in before the next message goes.
    await setPace(page, '2');

    // The meter warns from 2 unanswered first messages (the settings under the meter).
    await page.getByText('Limits for new accounts and new contacts').click();
    await page.getByLabel('Unanswered first messages to warn at').fill('2');
    await page.getByRole('button', { name: 'Save limits' }).click();
    await expect.poll(() => page.getByTestId('limits-card').innerText()).toMatch(/Saved\./);

    await startAndConfirm(page, 'Start sending to 7');
    await page.getByTestId('campaign-progress').waitFor({ timeout: 15_000 });

    const notice = page.getByTestId('reject-notice');
    await notice.waitFor({ timeout: 60_000 }).catch(async (err: unknown) => {
      await snap(page, 'first-contact-debug');
      console.log('DEBUG', await page.locator('.content').innerText());
      throw err;
    });
    expect(await notice.innerText()).toContain(
      'WhatsApp refused 3 first messages in a row. New contacts are paused to protect your account; people you have chatted with still get the message. Wait a day before messaging new contacts.',
    );
    await expect.poll(() => page.getByTestId('campaign-progress').getAttribute('data-state'), { timeout: 30_000 }).toBe('waiting');
    await expect.poll(() => page.getByTestId('count-rejected').locator('.tile-value').innerText()).toBe('3');
    await expect.poll(() => page.getByTestId('no-reply-meter').innerText()).toMatch(/Unanswered first messages this month\s*2/);
    await page.getByTestId('no-reply-warning').waitFor();
    expect(await page.getByTestId('campaign-reason').innerText()).toMatch(/Only new contacts are left \(2 contacts\)/);

    await page.getByText('Limits for new accounts and new contacts').click(); // the settings closed again, as usual
    for (const scheme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme: scheme });
      for (const [w, h] of [
        [1280, 800],
        [800, 600],
      ] as const) {
        await page.setViewportSize({ width: w, height: h });
        await top(page);
        const wide = await page.evaluate(() => document.documentElement.scrollWidth > document.documentElement.clientWidth);
        expect(wide, `no horizontal scrolling at ${w}x${h}`).toBe(false);
        await snap(page, `first-contact-notice-${scheme}-${w}x${h}`);
      }
    }

    // The operator resumes new contacts on purpose: the two held back get the message.
    await page.emulateMedia({ colorScheme: 'light' });
    await notice.getByRole('button', { name: 'Resume new contacts…' }).click();
    await notice.getByRole('button', { name: 'Yes, send to new contacts again' }).click();
    await expect.poll(() => page.getByTestId('campaign-progress').getAttribute('data-state'), { timeout: 60_000 }).toBe('finished');
    expect(await page.getByTestId('reject-notice').count()).toBe(0);

    // History counts the refusals too.
    await nav(page, 'History');
    const item = page.getByTestId('campaign-item');
    await expect.poll(() => item.count()).toBe(1);
    for (const [w, h] of [
      [1280, 800],
      [1024, 700],
      [800, 600],
    ] as const) {
      await page.setViewportSize({ width: w, height: h });
      expect(await item.innerText()).toMatch(/3/);
      const wide = await page.evaluate(() => document.documentElement.scrollWidth > document.documentElement.clientWidth);
      expect(wide, `no horizontal scrolling on History at ${w}x${h}`).toBe(false);
      await snap(page, `first-contact-history-${w}x${h}`);
    }
    expect(pageErrors).toEqual([]);
  });
});
