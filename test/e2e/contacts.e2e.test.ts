import { readFile, writeFile } from 'node:fs/promises';
import * as fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as XLSX from 'xlsx';
import { e2eUnavailable, launchBrowser, snap, startHost, type RunningHost } from './support/app-host';
import { openCollectingErrors } from './support/journey';

const unavailable = e2eUnavailable();
if (unavailable) console.warn(`Skipping the contacts end-to-end test: ${unavailable}`);

/** Row 4 has letters in the number; row 5 repeats row 2's number; row 3 is a UAE number without its country code. */
const CLINIC_CSV = [
  'Name,Phone,City',
  'Aisha,+971 50 123 4567,Dubai',
  'Omar,050 765 4321,Sharjah',
  'Bad Row,12ab34,Dubai',
  'Fatima,+971501234567,Abu Dhabi',
  'Lina,+44 7911 123456,London',
].join('\n');

const BIG_ROWS = 50_000;

// The ES module build of SheetJS has no file system until it is given one (for XLSX.writeFile).
XLSX.set_fs(fs);

/** The number shown in one of the summary tiles (rows, valid, invalid, duplicates, optedOut). */
const countOf = (page: Page, key: string) =>
  page
    .getByTestId(`count-${key}`)
    .locator('dd')
    .innerText()
    .then((t) => Number(t.replace(/,/g, '')));

const contactRows = (page: Page) => page.getByTestId('contact-row');

/** Opens the file dialog with `button` and answers it with `file`, as an operator would. */
async function chooseFile(page: Page, button: string, file: string) {
  const [chooser] = await Promise.all([page.waitForEvent('filechooser'), page.getByRole('button', { name: button }).click()]);
  await chooser.setFiles(file);
}

describe.skipIf(unavailable !== null)('operator journey: import contacts (browser host, simulated WhatsApp)', () => {
  let host: RunningHost;
  let browser: Browser;
  let page: Page;
  const pageErrors: string[] = [];
  const files = fs.mkdtempSync(path.join(os.tmpdir(), 'wa-e2e-contacts-'));

  beforeAll(async () => {
    host = await startHost();
    browser = await launchBrowser();
    // Tall enough that a screenshot shows the whole screen (the content area scrolls inside the app frame).
    page = await openCollectingErrors(browser, host, { viewport: { width: 1200, height: 1900 }, acceptDownloads: true }, pageErrors);
    await page.getByRole('button', { name: 'Contacts', exact: true }).click();
  });
  afterAll(async () => {
    await browser?.close();
    await host?.stop();
  });

  it('shows a first-time operator what to bring', async () => {
    const empty = page.getByTestId('contacts-empty');
    await empty.waitFor();
    expect(await empty.innerText()).toMatch(/Excel.*CSV/s);
    expect(await page.getByRole('button', { name: 'Next: write the message →' }).count()).toBe(0);
    await snap(page, 'contacts-1-empty');
  });

  it('imports a CSV from the file dialog: counts, the problem row with its row and reason, and re-checks on a new country', async () => {
    const csv = path.join(files, 'clinic.csv');
    await writeFile(csv, CLINIC_CSV);
    // United States first: the UAE number written without +971 (row 3) is then not a valid number.
    await page.locator('#import-country').selectOption('US');
    await chooseFile(page, 'Choose a file…', csv);

    await page.getByTestId('import-summary').waitFor({ timeout: 20_000 });
    expect(await page.getByTestId('import-source').innerText()).toBe('clinic.csv');
    expect(await countOf(page, 'rows')).toBe(5);
    expect(await countOf(page, 'valid')).toBe(2);
    expect(await countOf(page, 'invalid')).toBe(2);
    expect(await countOf(page, 'duplicates')).toBe(1);
    expect(await countOf(page, 'optedOut')).toBe(0);

    const problems = page.getByTestId('problem-row');
    expect(await problems.allInnerTexts()).toEqual([
      expect.stringMatching(/^3\s+050 765 4321\s+Not a valid number$/),
      expect.stringMatching(/^4\s+12ab34\s+Letters in the number$/),
    ]);
    expect(await contactRows(page).evaluateAll((rows) => rows.map((r) => r.getAttribute('data-row')))).toEqual(['2', '6']);
    await snap(page, 'contacts-2-csv-imported');

    // The operator says the local numbers are Emirati: main re-checks every row and row 3 becomes a contact.
    await page.locator('#mapping-country').selectOption('AE');
    await expect.poll(() => countOf(page, 'valid')).toBe(3);
    expect(await countOf(page, 'invalid')).toBe(1);
    await expect.poll(() => contactRows(page).allInnerTexts()).toContainEqual(expect.stringContaining('+971507654321'));
    expect(await problems.allInnerTexts()).toEqual([expect.stringMatching(/^4\s+12ab34\s+Letters in the number$/)]);
    await snap(page, 'contacts-3-country-changed');

    // Pointing the phone column at City makes every row a problem; pointing it back restores the list.
    await page.locator('#mapping-phone').selectOption({ label: 'C · City' });
    await expect.poll(() => countOf(page, 'valid')).toBe(0);
    expect(await page.getByTestId('import-summary').innerText()).toContain('No one on this list can be messaged yet');
    await snap(page, 'contacts-4-wrong-phone-column');
    await page.locator('#mapping-phone').selectOption({ label: 'B · Phone' });
    await expect.poll(() => countOf(page, 'valid')).toBe(3);
  });

  it('exports the problem rows as CSV', async () => {
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export problems (CSV)' }).click()]);
    const saved = path.join(files, 'problems.csv');
    await download.saveAs(saved);
    const lines = (await readFile(saved, 'utf8'))
      .replace(/^\ufeff/, '')
      .trim()
      .split(/\r?\n/);
    // The repeated number left out (row 5 repeats row 2) is in the export too, with the row it repeats.
    expect(lines).toEqual([
      '"Row","Phone as written","Reason","Name","Phone","City"',
      '4,"12ab34","letters in the number","Bad Row","12ab34","Dubai"',
      '5,"+971501234567","repeats row 2 (+971 50 123 4567, Aisha, Dubai)","Fatima","+971501234567","Abu Dhabi"',
    ]);
    await page.getByText('Saved 2 rows that will not be messaged').waitFor();
  });

  it('skips a number added to the do-not-message list, and messages it again once removed', async () => {
    await page.getByLabel('Numbers to add to the do-not-message list').fill('+971 50 123 4567');
    await page.getByRole('button', { name: 'Add to the list' }).click();
    await expect.poll(() => countOf(page, 'optedOut')).toBe(1);
    expect(await countOf(page, 'valid')).toBe(2);
    expect(await page.getByTestId('opt-out-number').allInnerTexts()).toEqual([expect.stringContaining('+971501234567')]);
    await snap(page, 'contacts-5-opted-out');

    await page.getByRole('button', { name: 'Remove +971501234567 from the do-not-message list' }).click();
    await expect.poll(() => countOf(page, 'optedOut')).toBe(0);
    expect(await countOf(page, 'valid')).toBe(3);
    await page.getByText('The list is empty.').waitFor();
  });

  it('imports an XLSX workbook and reads another sheet when the operator picks it', async () => {
    const workbook = XLSX.utils.book_new();
    XLSX.utils.book_append_sheet(
      workbook,
      XLSX.utils.aoa_to_sheet([
        ['Patient', 'Mobile', 'Appointment'],
        ['Sara', '+971 55 111 2233', '12 May 10:30'],
        ['Yusuf', '+971 55 444 5566', '12 May 11:00'],
      ]),
      'Monday',
    );
    XLSX.utils.book_append_sheet(
      workbook,
      XLSX.utils.aoa_to_sheet([
        ['Patient', 'Mobile', 'Appointment'],
        ['Huda', '+971 56 777 8899', '13 May 09:00'],
        ['Karim', '+971 56 000 1122', '13 May 09:30'],
        ['Nour', 'call reception', '13 May 10:00'],
      ]),
      'Tuesday',
    );
    const xlsx = path.join(files, 'appointments.xlsx');
    XLSX.writeFile(workbook, xlsx);

    await chooseFile(page, 'Import another file…', xlsx);
    await expect.poll(() => page.getByTestId('import-source').innerText(), { timeout: 20_000 }).toBe('appointments.xlsx');
    expect(await page.locator('#mapping-sheet').inputValue()).toBe('Monday');
    expect(await page.locator('#mapping-phone').inputValue()).toBe('1');
    expect(await countOf(page, 'valid')).toBe(2);
    expect(await contactRows(page).allInnerTexts()).toEqual([expect.stringContaining('Sara'), expect.stringContaining('Yusuf')]);

    await page.locator('#mapping-sheet').selectOption('Tuesday');
    await expect.poll(() => countOf(page, 'rows'), { timeout: 20_000 }).toBe(3);
    expect(await countOf(page, 'valid')).toBe(2);
    // The problem rows are a page of their own, fetched after the counts arrive.
    await expect
      .poll(() => page.getByTestId('problem-row').allInnerTexts(), { timeout: 20_000 })
      .toEqual([expect.stringMatching(/^4\s+call reception\s+Letters in the number$/)]);
    expect(await page.locator('#mapping-sheet').inputValue()).toBe('Tuesday');
    await snap(page, 'contacts-6-xlsx-second-sheet');
  });

  it(`scrolls ${BIG_ROWS.toLocaleString('en')} dropped contacts while the page holds only the rows in view`, async () => {
    const lines = ['Name,Phone'];
    for (let i = 0; i < BIG_ROWS; i++) lines.push(`Contact ${i + 1},+97150${1_000_000 + i}`);
    const text = lines.join('\n');

    // A file dragged from the desktop onto the screen: the overlay shows, then the drop imports it.
    const dropped = await page.evaluateHandle((csv) => {
      const data = new DataTransfer();
      data.items.add(new File([csv], 'everyone.csv', { type: 'text/csv' }));
      return data;
    }, text);
    const target = page.getByTestId('contacts-drop-target');
    await target.dispatchEvent('dragenter', { dataTransfer: dropped });
    await page.getByText('Drop the file to import your contacts').waitFor();
    await snap(page, 'contacts-7-drag-over');
    await target.dispatchEvent('drop', { dataTransfer: dropped });

    await expect.poll(() => page.getByTestId('import-source').innerText(), { timeout: 30_000 }).toBe('everyone.csv');
    expect(await countOf(page, 'valid')).toBe(BIG_ROWS);
    const table = page.getByTestId('contacts-table');
    expect(await contactRows(page).count()).toBeLessThan(300);
    await page.locator('[data-row="2"]').waitFor();

    await table.evaluate((el) => el.scrollTo({ top: el.scrollHeight }));
    const lastRow = page.locator(`[data-row="${BIG_ROWS + 1}"]`);
    await lastRow.waitFor({ timeout: 10_000 });
    expect(await lastRow.innerText()).toContain(`Contact ${BIG_ROWS}`);
    expect(await lastRow.isVisible()).toBe(true);
    expect(await contactRows(page).count()).toBeLessThan(300);
    await snap(page, 'contacts-8-scrolled-to-last');

    await page.getByRole('button', { name: 'Next: write the message →' }).click();
    await expect.poll(() => page.locator('.nav-item.active').innerText()).toBe('Message');
    expect(pageErrors).toEqual([]);
  });
});
