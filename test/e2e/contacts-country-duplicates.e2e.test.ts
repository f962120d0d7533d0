import { readFile, writeFile } from 'node:fs/promises';
import * as fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { e2eUnavailable, launchBrowser, snap, startHost, type RunningHost } from './support/app-host';
import { openCollectingErrors } from './support/journey';

const unavailable = e2eUnavailable();
if (unavailable) console.warn(`Skipping the country and duplicates end-to-end test: ${unavailable}`);

/**
 * A UK clinic's list, numbers written the British way (no +44). Row 4 repeats row 2's number (John shares Jane's
 * mobile); row 6 repeats row 3's (a second appointment).
 */
const UK_CSV = [
  'Name,Mobile,Appointment',
  'Jane Smith,07400 123456,3 May 10:00',
  'Omar Khan,07512 345678,3 May 10:30',
  'John Smith,07400 123456,3 May 11:00',
  'Priya Patel,07856 123987,4 May 09:00',
  'Omar Khan,07512 345678,9 May 14:00',
  'Tom Jones,07911 123456,4 May 09:30',
].join('\n');

const SIZES = [
  { name: '1280x800', width: 1280, height: 800 },
  { name: '1024x700', width: 1024, height: 700 },
  { name: '800x600', width: 800, height: 600 },
] as const;

const countOf = (page: Page, key: string) =>
  page
    .getByTestId(`count-${key}`)
    .locator('dd')
    .first()
    .innerText()
    .then((t) => Number(t.replace(/,/g, '')));

describe.skipIf(unavailable !== null)('contacts: the country question and repeated numbers (browser host, simulated WhatsApp)', () => {
  let host: RunningHost;
  let browser: Browser;
  let page: Page;
  const pageErrors: string[] = [];
  const files = fs.mkdtempSync(path.join(os.tmpdir(), 'wa-e2e-country-'));

  /** Screenshots of `part` in view, light and dark, at 1280x800, 1024x700 and 800x600; and no sideways scrolling at any. */
  async function lookAt(part: Locator, name: string) {
    for (const size of SIZES) {
      await page.setViewportSize({ width: size.width, height: size.height });
      for (const theme of ['light', 'dark'] as const) {
        await page.emulateMedia({ colorScheme: theme });
        await part.scrollIntoViewIfNeeded();
        await snap(page, `contacts-${name}-${theme}-${size.name}`);
      }
      const content = page.locator('.content');
      expect(await content.evaluate((e) => e.scrollWidth - e.clientWidth), `${name} at ${size.name}: sideways scrolling`).toBeLessThanOrEqual(0);
      expect(await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)).toBeLessThanOrEqual(0);
    }
    await page.emulateMedia({ colorScheme: 'light' });
    await page.setViewportSize({ width: 1280, height: 800 });
  }

  beforeAll(async () => {
    host = await startHost();
    browser = await launchBrowser();
    page = await openCollectingErrors(browser, host, { viewport: { width: 1280, height: 800 }, acceptDownloads: true }, pageErrors);
    await page.getByRole('button', { name: 'Contacts', exact: true }).click();
  });
  afterAll(async () => {
    await browser?.close();
    await host?.stop();
  });

  it('asks which country a UK file without country codes is from, with United Kingdom selected, before the list is ready', async () => {
    const csv = path.join(files, 'uk-clinic.csv');
    await writeFile(csv, UK_CSV);
    const [chooser] = await Promise.all([page.waitForEvent('filechooser'), page.getByRole('button', { name: 'Choose a file…' }).click()]);
    await chooser.setFiles(csv);

    const question = page.getByTestId('country-question');
    await question.waitFor({ timeout: 20_000 });
    expect(await question.innerText()).toContain('6 numbers in uk-clinic.csv have no country code');
    expect(await page.locator('#country-question-select').inputValue()).toBe('GB');
    await expect.poll(() => question.innerText()).toContain('Most of them are mobile numbers in United Kingdom (+44), so it is selected.');
    // Not ready: no way on to the message, and no green "will get your message".
    expect(await page.getByTestId('next-message').count()).toBe(0);
    expect(await page.getByTestId('import-summary').innerText()).not.toContain('will get your message');
    await lookAt(question, 'country-question');

    await page.getByTestId('country-confirm').click();
    const note = page.getByTestId('country-note');
    await note.waitFor();
    await expect.poll(() => note.innerText()).toContain('Numbers without a country code were read as United Kingdom (+44).');
    expect(await question.count()).toBe(0);
    await page.getByTestId('next-message').waitFor();
    expect(await countOf(page, 'valid')).toBe(4);
    expect(await countOf(page, 'duplicates')).toBe(2);
  });

  it('changing the country reads every number again', async () => {
    await page.getByRole('button', { name: 'Change country' }).click();
    await page.locator('#country-change-select').selectOption('US');
    await expect.poll(() => countOf(page, 'valid')).toBe(0);
    await expect.poll(() => page.getByTestId('country-note').innerText()).toContain('read as United States (+1)');
    await page.getByRole('button', { name: 'Change country' }).click();
    await page.locator('#country-change-select').selectOption('GB');
    await expect.poll(() => countOf(page, 'valid')).toBe(4);
  });

  it('lists each repeated number with the row it repeats; one kept gets its own message, and Undo takes it back', async () => {
    const card = page.getByTestId('duplicate-rows');
    const rows = card.getByTestId('duplicate-row');
    await expect
      .poll(() => rows.allInnerTexts())
      .toEqual([
        expect.stringMatching(/Row 4 repeats row 2: \+44 7400 123456, John Smith, 3 May 11:00\s+Row 2: Jane Smith, 3 May 10:00/),
        expect.stringMatching(/Row 6 repeats row 3: \+44 7512 345678, Omar Khan, 9 May 14:00\s+Row 3: Omar Khan, 3 May 10:30/),
      ]);
    expect(await card.getByTestId('duplicates-kept').innerText()).toBe('None kept: each number gets one message.');

    await page.getByLabel('Keep row 4').click();
    await expect.poll(() => countOf(page, 'valid')).toBe(5);
    expect(await countOf(page, 'duplicates')).toBe(1);
    expect(await page.getByTestId('count-duplicates').innerText()).toContain('1 kept');
    await expect.poll(() => card.getByTestId('duplicates-kept').innerText()).toBe('1 repeated row is kept: it gets its own message.');
    // The kept row is a contact of its own in the table.
    await page.locator('[data-row="4"]').waitFor();
    await lookAt(card, 'duplicates');

    await card.getByTestId('duplicates-undo').click();
    await expect.poll(() => countOf(page, 'valid')).toBe(4);
    await expect.poll(() => page.getByLabel('Keep row 4').isChecked()).toBe(false);

    await card.getByRole('button', { name: 'Keep all' }).click();
    await expect.poll(() => countOf(page, 'valid')).toBe(6);
    await card.getByTestId('duplicates-undo').click();
    await page.getByLabel('Keep row 4').click();
    await expect.poll(() => countOf(page, 'valid')).toBe(5);

    // No problem rows here, so the export is on this card: the duplicate left out, with the row it repeats.
    const [download] = await Promise.all([page.waitForEvent('download'), card.getByRole('button', { name: 'Export (CSV)' }).click()]);
    const saved = path.join(files, 'left-out.csv');
    await download.saveAs(saved);
    const lines = (await readFile(saved, 'utf8'))
      .replace(/^\ufeff/, '')
      .trim()
      .split(/\r?\n/);
    expect(lines.slice(1)).toEqual([expect.stringMatching(/^"?6"?,"07512 345678","repeats row 3 \(\+44 7512 345678, Omar Khan, 3 May 10:30\)"/)]);
    await card.getByText('Saved 1 row that will not be messaged').waitFor();
    expect(pageErrors).toEqual([]);
  });

  it('asks again for the next file (the choice is per file), and not for a file whose numbers all have their country code', async () => {
    const again = path.join(files, 'uk-clinic-tuesday.csv');
    await writeFile(again, UK_CSV);
    const [chooser] = await Promise.all([page.waitForEvent('filechooser'), page.getByRole('button', { name: 'Import another file…' }).click()]);
    await chooser.setFiles(again);
    await expect.poll(() => page.getByTestId('import-source').innerText(), { timeout: 20_000 }).toBe('uk-clinic-tuesday.csv');
    await page.getByTestId('country-question').waitFor();

    const international = path.join(files, 'international.csv');
    await writeFile(international, 'Name,Mobile\nJane,+44 7400 123456\nAli,+971 50 123 4567\n');
    const [second] = await Promise.all([page.waitForEvent('filechooser'), page.getByRole('button', { name: 'Import another file…' }).click()]);
    await second.setFiles(international);
    await expect.poll(() => page.getByTestId('import-source').innerText(), { timeout: 20_000 }).toBe('international.csv');
    expect(await page.getByTestId('country-question').count()).toBe(0);
    expect(await page.getByTestId('country-note').count()).toBe(0);
    await page.getByTestId('next-message').waitFor();

    // Pasted numbers without their country code are asked about too.
    await page.getByRole('button', { name: 'Paste numbers…' }).click();
    await page.getByLabel('Pasted phone numbers').fill('07400 123456\n07512 345678\n+971 50 123 4567');
    await page.getByRole('button', { name: 'Use these 3 numbers' }).click();
    const question = page.getByTestId('country-question');
    await question.waitFor({ timeout: 20_000 });
    expect(await question.innerText()).toContain('2 of the pasted numbers have no country code');
    expect(await page.locator('#country-question-select').inputValue()).toBe('GB');
    expect(pageErrors).toEqual([]);
  });
  it('a country picked on the start screen is for that file only: a UK file dropped later is asked about again', async () => {
    await page.getByRole('button', { name: 'Clear the list' }).click();
    await page.getByTestId('contacts-empty').waitFor();
    await page.locator('#import-country').selectOption('AE');
    const uae = path.join(files, 'uae.csv');
    await writeFile(uae, 'Name,Mobile\nAisha,050 123 4567\nOmar,052 765 4321\n');
    const [chooser] = await Promise.all([page.waitForEvent('filechooser'), page.getByRole('button', { name: 'Choose a file…' }).click()]);
    await chooser.setFiles(uae);
    await expect.poll(() => page.getByTestId('import-source').innerText(), { timeout: 20_000 }).toBe('uae.csv');
    await expect.poll(() => page.getByTestId('country-note').innerText()).toContain('read as United Arab Emirates (+971)');
    expect(await page.getByTestId('country-question').count()).toBe(0);

    const dropped = await page.evaluateHandle((csv) => {
      const data = new DataTransfer();
      data.items.add(new File([csv], 'uk-dropped.csv', { type: 'text/csv' }));
      return data;
    }, UK_CSV);
    const target = page.getByTestId('contacts-drop-target');
    await target.dispatchEvent('dragenter', { dataTransfer: dropped });
    await target.dispatchEvent('drop', { dataTransfer: dropped });
    await expect.poll(() => page.getByTestId('import-source').innerText(), { timeout: 20_000 }).toBe('uk-dropped.csv');
    await page.getByTestId('country-question').waitFor();
    expect(await page.locator('#country-question-select').inputValue()).toBe('GB');
    expect(pageErrors).toEqual([]);
  });
});
