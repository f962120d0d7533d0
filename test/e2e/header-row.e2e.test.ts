import * as fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as XLSX from 'xlsx';
import { e2eUnavailable, launchBrowser, snap, startHost, type RunningHost } from './support/app-host';

const unavailable = e2eUnavailable();
if (unavailable) console.warn(`Skipping the header-row end-to-end test: ${unavailable}`);

XLSX.set_fs(fs);

/** 18 May 2025 09:30 as Excel stores it. */
const APPOINTMENT = 45795.395833333336;

/**
 * A sheet as a clinic's reception makes it: a title merged across the columns, a note, a blank row, then the
 * header on row 4 and the patients, their appointments in date cells formatted dd/mm/yyyy hh:mm.
 */
function clinicWorkbook(file: string): void {
  const ws = XLSX.utils.aoa_to_sheet([
    ['Al Noor Clinic: appointments, week 21', null, null],
    ['Printed by reception, please check before sending', null, null],
    [],
    ['Patient', 'Mobile', 'Appointment'],
    ['Aisha Rahman', '+971 50 123 4567', null],
    ['Omar Haddad', '+971 52 765 4321', null],
    ['Sara Nasser', '+971 55 111 2233', null],
  ]);
  for (const [i, row] of [5, 6, 7].entries()) ws[`C${row}`] = { t: 'n', v: APPOINTMENT + i + i / 24, z: 'dd/mm/yyyy hh:mm' };
  ws['!merges'] = [{ s: { r: 0, c: 0 }, e: { r: 0, c: 2 } }];
  ws['!ref'] = 'A1:C7';
  const wb = XLSX.utils.book_new();
  XLSX.utils.book_append_sheet(wb, ws, 'Week 21');
  XLSX.writeFile(wb, file);
}

const countOf = (page: Page, key: string) =>
  page
    .getByTestId(`count-${key}`)
    .locator('dd')
    .innerText()
    .then((t) => Number(t.replace(/,/g, '')));

/** How far the page and the main content are wider than the window (0: nothing scrolls sideways). */
const overflow = (page: Page) =>
  page.evaluate(() => {
    const doc = document.documentElement;
    const main = document.querySelector('main.content');
    return { page: doc.scrollWidth - doc.clientWidth, main: main ? main.scrollWidth - main.clientWidth : -1 };
  });

describe.skipIf(unavailable !== null)('the header row of a sheet with a title above it (browser host)', () => {
  let host: RunningHost;
  let browser: Browser;
  let page: Page;
  const pageErrors: string[] = [];
  const files = fs.mkdtempSync(path.join(os.tmpdir(), 'wa-e2e-header-'));

  beforeAll(async () => {
    host = await startHost();
    browser = await launchBrowser();
    page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    page.on('pageerror', (e) => pageErrors.push(e.message));
    await page.goto(`${host.url}/`);
    await page.getByRole('button', { name: 'Contacts', exact: true }).click();
  });
  afterAll(async () => {
    await browser?.close();
    await host?.stop();
  });

  it(
    'finds row 4 by itself, shows the appointments as the sheet does, and reads again from a row the operator picks',
    { timeout: 120_000 },
    async () => {
      // The start card says a title above the column names is fine.
      await page.setViewportSize({ width: 800, height: 600 });
      expect(await page.getByTestId('contacts-empty').innerText()).toContain('a title or notes above it are fine');
      await snap(page, 'contacts-start-800-light');
      await page.setViewportSize({ width: 1280, height: 800 });

      const file = path.join(files, 'clinic-week-21.xlsx');
      clinicWorkbook(file);
      const [chooser] = await Promise.all([page.waitForEvent('filechooser'), page.getByRole('button', { name: 'Choose a file…' }).click()]);
      await chooser.setFiles(file);
      await page.getByTestId('import-summary').waitFor({ timeout: 30_000 });

      expect(await page.locator('#mapping-header-row').inputValue()).toBe('4');
      expect(await page.locator('#mapping-phone').inputValue()).toBe('1');
      expect(await countOf(page, 'rows')).toBe(3);
      expect(await countOf(page, 'valid')).toBe(3);
      expect(await countOf(page, 'invalid')).toBe(0);
      const rows = page.getByTestId('contact-row');
      expect(await rows.evaluateAll((r) => r.map((e) => e.getAttribute('data-row')))).toEqual(['5', '6', '7']);
      expect(await rows.first().innerText()).toContain('18/05/2025 09:30');
      expect(await page.getByTestId('header-row').innerText()).toContain('Rows above row 4');

      await page.getByTestId('column-mapping').scrollIntoViewIfNeeded();
      for (const size of [
        { width: 1280, height: 800 },
        { width: 800, height: 600 },
      ]) {
        await page.setViewportSize(size);
        for (const theme of ['light', 'dark'] as const) {
          await page.emulateMedia({ colorScheme: theme });
          await page.getByTestId('column-mapping').scrollIntoViewIfNeeded();
          await snap(page, `contacts-header-row-${size.width}-${theme}`);
          expect({ size, theme, ...(await overflow(page)) }).toEqual({ size, theme, page: 0, main: 0 });
        }
      }
      await page.emulateMedia({ colorScheme: 'light' });
      await page.setViewportSize({ width: 1280, height: 800 });

      // The operator says the header is row 2: the file is read again, row 4 is then a row without a number.
      await page.locator('#mapping-header-row').fill('2');
      await page.getByRole('button', { name: 'Read from this row' }).click();
      await expect.poll(() => page.locator('#mapping-header-row').inputValue(), { timeout: 30_000 }).toBe('2');
      await expect.poll(() => countOf(page, 'invalid')).toBe(1);
      await expect.poll(() => page.getByTestId('problem-row').allInnerTexts()).toEqual([expect.stringMatching(/^4\s/)]);

      // An empty row cannot be the header: the file's own words say so, and the list stays as it was.
      await page.locator('#mapping-header-row').fill('3');
      await page.getByRole('button', { name: 'Read from this row' }).click();
      await expect
        .poll(() => page.getByTestId('import-error').innerText(), { timeout: 30_000 })
        .toContain('row 3 is empty, so it cannot be the header row');
      // Beside the field too (the banner may be scrolled out of view): the row still in use, and why the other was not.
      expect(await page.getByTestId('header-row').innerText()).toContain('Row 3 was not used');
      expect(await page.locator('#mapping-header-row').inputValue()).toBe('2');
      await page.getByTestId('header-row').scrollIntoViewIfNeeded();
      await snap(page, 'contacts-header-row-refused');

      await page.locator('#mapping-header-row').fill('4');
      await page.getByRole('button', { name: 'Read from this row' }).click();
      await expect.poll(() => countOf(page, 'invalid'), { timeout: 30_000 }).toBe(0);
      expect(await countOf(page, 'valid')).toBe(3);
      expect(pageErrors).toEqual([]);
    },
  );
});
