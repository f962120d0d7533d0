import { readdir, rm } from 'node:fs/promises';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { e2eUnavailable, screenshotDir, snap, startHost, type RunningHost } from './support/app-host';
import { importCsv, nav, openReadyPage, startDemo, stopDemo, waitReady } from './support/journey';

const unavailable = e2eUnavailable();
if (unavailable) console.warn(`Skipping the draft and start end-to-end test: ${unavailable}`);

// 24 contacts: the short list whose estimate was minutes of breaks that never came.
const names = Array.from({ length: 24 }, (_, i) => `Patient ${i + 1}`);
const csv = ['name,phone', ...names.map((n, i) => `${n},+97150${String(1234500 + i)}`)].join('\n') + '\n';
const TEMPLATE = 'Hello {{name}}, a reminder of your appointment on Monday.';

const heading = (page: Page) => page.locator('main h1').first().innerText();
const campaignState = (page: Page) => page.getByTestId('campaign-progress').first().getAttribute('data-state');
const SIZES = [
  { width: 1280, height: 800 },
  { width: 800, height: 600 },
] as const;

async function importContacts(page: Page) {
  await importCsv(page, 'may.csv', csv);
}

/** The uploaded attachment in the host's data folder (the browser host keeps uploads under tmp/uploads). */
async function uploadedFile(dataDir: string, name: string): Promise<string> {
  const uploads = path.join(dataDir, 'tmp', 'uploads');
  for (const dir of await readdir(uploads)) {
    if ((await readdir(path.join(uploads, dir))).includes(name)) return path.join(uploads, dir, name);
  }
  throw new Error(`${name} not found under ${uploads}`);
}

describe.skipIf(unavailable !== null)('the draft is kept, the start is confirmed, a campaign shows everywhere (browser host)', () => {
  let host: RunningHost;
  let browser: Browser;

  beforeAll(async () => ({ host, browser } = await startDemo(['--auto-scan-ms', '300'])));
  afterAll(() => stopDemo(browser, host));

  it('message, attachment and pacing survive a reload and a restart; discard has an undo', { timeout: 180_000 }, async () => {
    const { page, pageErrors } = await openReadyPage(browser, host);

    await importContacts(page);

    await nav(page, 'Message');
    await page.getByTestId('template').fill(TEMPLATE);
    const attach = page.waitForEvent('filechooser');
    await page.getByRole('button', { name: 'Choose a file…' }).click();
    await (await attach).setFiles({ name: 'leaflet.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.4\n% a leaflet\n') });
    await page.getByTestId('attachment').waitFor();

    await nav(page, 'Send');
    await page.getByLabel('Shortest delay (seconds)').fill('1');
    await page.getByLabel('Longest delay (seconds)').fill('2');
    await page.getByLabel('Only send between').uncheck();
    await page.getByLabel('Campaign name (optional, shown in History)').fill('May reminders');
    await expect.poll(() => page.getByTestId('draft-bar').getAttribute('data-state')).toBe('saved');
    expect(await page.getByTestId('draft-bar').innerText()).toMatch(/Draft kept on this computer until you start sending \(saved/);

    // A reload: everything is back, on every screen.
    await page.reload();
    await waitReady(page);
    await nav(page, 'Message');
    await expect.poll(() => page.getByTestId('template').inputValue()).toBe(TEMPLATE);
    await expect
      .poll(() =>
        page
          .getByTestId('attachment')
          .innerText()
          .catch(() => ''),
      )
      .toContain('leaflet.pdf');
    await nav(page, 'Send');
    expect(await page.getByLabel('Shortest delay (seconds)').inputValue()).toBe('1');
    expect(await page.getByLabel('Longest delay (seconds)').inputValue()).toBe('2');
    expect(await page.getByLabel('Only send between').isChecked()).toBe(false);
    expect(await page.getByLabel('Campaign name (optional, shown in History)').inputValue()).toBe('May reminders');
    expect(await page.getByTestId('setup-attachment').innerText()).toContain('leaflet.pdf');

    // Discard, then undo while the screen is open.
    await page.getByRole('button', { name: 'Discard draft' }).click();
    await expect.poll(() => page.getByLabel('Campaign name (optional, shown in History)').inputValue()).toBe('');
    expect(await page.getByLabel('Only send between').isChecked()).toBe(true);
    await page.getByRole('button', { name: 'Undo' }).click();
    await expect.poll(() => page.getByLabel('Campaign name (optional, shown in History)').inputValue()).toBe('May reminders');
    expect(await page.getByLabel('Shortest delay (seconds)').inputValue()).toBe('1');
    await expect.poll(() => page.getByTestId('draft-bar').getAttribute('data-state')).toBe('saved');

    // A restart of the app, with the attachment deleted meanwhile: said plainly, the rest is back.
    await page.close();
    const dataDir = host.dataDir;
    await host.stop();
    await rm(await uploadedFile(dataDir, 'leaflet.pdf'));
    host = await startHost(['--auto-scan-ms', '300'], dataDir);
    const again = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    again.on('pageerror', (e) => pageErrors.push(e.message));
    await again.goto(`${host.url}/`);
    await waitReady(again);
    await nav(again, 'Send');
    await expect.poll(() => again.getByLabel('Campaign name (optional, shown in History)').inputValue()).toBe('May reminders');
    expect(await again.getByLabel('Longest delay (seconds)').inputValue()).toBe('2');
    expect(await again.getByTestId('draft-attachment-problem').innerText()).toMatch(
      /The attachment leaflet\.pdf chosen for this message is no longer in .*Choose it again, or send without it\./,
    );
    expect(await again.getByTestId('setup-attachment').count()).toBe(0);
    await again.getByTestId('draft-attachment-problem').scrollIntoViewIfNeeded();
    await snap(again, 'draft-attachment-gone-after-restart');
    await nav(again, 'Message');
    expect(await again.getByTestId('template').inputValue()).toBe(TEMPLATE);
    await again.close();
    expect(pageErrors).toEqual([]);
  });

  it(
    'the estimate and the confirmation: figures, focus, Escape; after Start the badge shows on other screens and the app reopens on Send',
    { timeout: 180_000 },
    async () => {
      const { page, pageErrors } = await openReadyPage(browser, host);
      // The list imported before the restart is back (state/contacts-source.json), as the draft's message and pacing are.
      await nav(page, 'Contacts');
      await page.getByTestId('import-summary').waitFor({ timeout: 30_000 });
      expect(await page.getByTestId('import-source').innerText()).toBe('may.csv');
      await nav(page, 'Send');
      await expect.poll(() => page.getByLabel('Longest delay (seconds)').inputValue()).toBe('2');

      // 24 contacts at 1-2 s, no breaks reached (a batch is 15-25: at most one), no sending hours: well under 2 minutes.
      await page.getByLabel('Fewest messages before a break').fill('30');
      await page.getByLabel('Most messages before a break').fill('40');
      await page.getByLabel('Wait as long as typing the message would take').uncheck();
      expect(
        await page
          .getByTestId('start-blockers')
          .innerText({ timeout: 2000 })
          .catch(() => ''),
      ).toBe('');
      const eta = page.getByTestId('setup-eta');
      await expect.poll(() => eta.innerText()).toMatch(/^Estimated finish: today \d{1,2}:\d\d(?: [AP]M)? \(about 35 s(?:ec)?\)/);

      const start = page.getByRole('button', { name: 'Start sending to 24' });
      const dialog = page.getByTestId('start-confirm');
      for (const theme of ['light', 'dark'] as const) {
        await page.emulateMedia({ colorScheme: theme });
        for (const size of SIZES) {
          await page.setViewportSize(size);
          await page.locator('.content').evaluate((e) => e.scrollTo(0, e.scrollHeight));
          await snap(page, `draft-send-setup-eta-${theme}-${size.width}x${size.height}`);
          await start.click();
          await dialog.waitFor();
          await snap(page, `draft-start-confirm-${theme}-${size.width}x${size.height}`);
          // The dialog has the focus and the page behind is inert; Escape closes it and nothing starts.
          expect(await page.evaluate(() => document.activeElement?.closest('dialog') !== null)).toBe(true);
          expect(
            await page.evaluate(
              () => document.querySelector('main')?.matches(':modal') === false && document.querySelector('dialog')?.matches(':modal'),
            ),
          ).toBe(true);
          await page.keyboard.press('Escape');
          await expect.poll(() => dialog.count()).toBe(0);
          expect(await page.getByTestId('campaign-progress').count()).toBe(0);
        }
      }
      await page.emulateMedia({ colorScheme: 'light' });
      await page.setViewportSize({ width: 1280, height: 800 });

      // The safe defaults with a daily limit of 10: the estimate and the confirmation say it spreads over days.
      await page.getByRole('button', { name: 'Use the safe defaults' }).click();
      await page.getByLabel('Messages per day').fill('10');
      await expect.poll(() => eta.innerText()).toMatch(/Spread over \d days: at most 10 messages a day from this account\./);
      await page.locator('.content').evaluate((e) => e.scrollTo(0, e.scrollHeight));
      await snap(page, 'draft-send-setup-eta-defaults-light-1280x800');
      await start.click();
      await dialog.waitFor();
      expect(await page.getByTestId('confirm-cap').innerText()).toMatch(/^at most 10 messages a day, so this takes \d days$/);
      // The hours as the browser's language writes them (en-US: 9:00 AM–8:00 PM).
      expect(await page.getByTestId('confirm-hours').innerText()).toMatch(/^0?9:00( AM)?–(0?8:00 PM|20:00)$/);
      await snap(page, 'draft-start-confirm-defaults-light-1280x800');
      await dialog.getByRole('button', { name: 'Cancel' }).click();
      await expect.poll(() => dialog.count()).toBe(0);
      await page.getByLabel('Messages per day').fill('200');
      await page.getByLabel('Shortest delay (seconds)').fill('1');
      await page.getByLabel('Longest delay (seconds)').fill('2');
      await page.getByLabel('Fewest messages before a break').fill('30');
      await page.getByLabel('Most messages before a break').fill('40');
      await page.getByLabel('Only send between').uncheck();
      await page.getByLabel('Wait as long as typing the message would take').uncheck();
      await expect.poll(() => eta.innerText()).toMatch(/\(about 35 s(?:ec)?\)/);

      // The figures, then Start from the dialog.
      await start.click();
      await dialog.waitFor();
      expect(await dialog.getByRole('heading').innerText()).toBe('Start sending to 24 people?');
      expect((await page.getByTestId('confirm-people').innerText()).replace(/\s+/g, ' ')).toBe('24 people from may.csv');
      expect(await page.getByTestId('confirm-first').innerText()).toBe('right away');
      expect((await page.getByTestId('confirm-finish').innerText()).replace(/\s+/g, ' ')).toMatch(
        /^today \d{1,2}:\d\d(?: [AP]M)? \(about 35 s(?:ec)?\)$/,
      );
      expect(await page.getByTestId('confirm-hours').innerText()).toBe('any hour, day and night');
      expect(await page.getByTestId('confirm-cap').count()).toBe(0);
      await dialog.getByRole('button', { name: 'Start sending' }).click();
      const progress = page.getByTestId('campaign-progress');
      await progress.waitFor({ timeout: 15_000 });
      // Brought into view after Start.
      expect(await progress.evaluate((e) => e.getBoundingClientRect().top >= 0 && e.getBoundingClientRect().top < window.innerHeight)).toBe(true);
      await expect
        .poll(
          () =>
            page
              .getByTestId('eta')
              .innerText()
              .catch(() => ''),
          { timeout: 10_000 },
        )
        .toMatch(/about \d+ s(?:ec)? left · done around today/);

      // The badge, from another screen; a click opens Send.
      await nav(page, 'Contacts');
      const badge = page.getByTestId('campaign-badge');
      await expect.poll(() => badge.innerText()).toMatch(/^Sending \d+ \/ 24/);
      await snap(page, 'draft-badge-on-contacts');
      await page.emulateMedia({ colorScheme: 'dark' });
      await page.setViewportSize({ width: 800, height: 600 });
      await page.screenshot({ path: path.join(screenshotDir, 'draft-badge-on-contacts-dark-800x600.png') });
      await page.emulateMedia({ colorScheme: 'light' });
      await page.setViewportSize({ width: 1280, height: 800 });
      await badge.click();
      expect(await heading(page)).toBe('Send');

      // Paused, then reloaded: the app opens on Send, and the badge says Paused.
      await page.getByRole('button', { name: 'Pause' }).click();
      await expect.poll(() => campaignState(page), { timeout: 15_000 }).toBe('paused');
      await page.reload();
      await page.getByTestId('campaign-progress').waitFor({ timeout: 15_000 });
      expect(await heading(page)).toBe('Send');
      await expect.poll(() => badge.innerText()).toMatch(/^Paused \d+ \/ 24/);
      // The draft was sent: a reload starts a fresh one.
      await nav(page, 'Message');
      expect(await page.getByTestId('template').inputValue()).toBe('');

      // Resumed to the end: the badge goes away.
      await badge.click();
      await page.getByRole('button', { name: 'Resume' }).click();
      await expect.poll(() => campaignState(page), { timeout: 90_000, interval: 500 }).toBe('finished');
      await expect.poll(() => badge.count()).toBe(0);
      expect(pageErrors).toEqual([]);
    },
  );
});
