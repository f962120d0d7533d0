import * as fs from 'node:fs';
import { writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ar from '../../renderer/i18n/messages/ar.json';
import en from '../../renderer/i18n/messages/en.json';
import es from '../../renderer/i18n/messages/es.json';
import { e2eUnavailable, launchBrowser, snap, startHost, type RunningHost } from './support/app-host';

const unavailable = e2eUnavailable();
if (unavailable) console.warn(`Skipping the Contacts languages end-to-end test: ${unavailable}`);

// The Contacts screen in Arabic (right to left) and Spanish (issue 12): a browser whose language is ar or es gets the
// whole screen in it (the country question, counts, problem and duplicate rows, the table, the do-not-message list),
// country names in that language, and no sideways scrolling at 1280x800 or 800x600.

/** A UK list without country codes: row 4 repeats row 2's number, row 5 is not a phone number. */
const UK_CSV = [
  'Name,Mobile,Appointment',
  'Jane Smith,07400 123456,3 May 10:00',
  'Omar Khan,07512 345678,3 May 10:30',
  'John Smith,07400 123456,3 May 11:00',
  'Bad Row,12ab34,4 May 09:00',
  'Tom Jones,07911 123456,4 May 09:30',
].join('\n');

/** The English of every Contacts message: none of it may be on the screen in another language. */
const englishContacts = Object.entries(en)
  .filter(([key]) => key.startsWith('contacts.'))
  .map(([, text]) => text)
  // The part before the first placeholder or tag: what a leftover would start with ("Could not load the…").
  .map((text) => text.split(/[{<]/)[0]!.trim())
  .filter((text) => text.length >= 6 && /[a-z]{3}/.test(text));

function visibleTexts(): string[] {
  const out = new Set<string>();
  const shown = (e: Element) => {
    const r = e.getBoundingClientRect();
    return r.width > 0 && r.height > 0 && getComputedStyle(e).visibility !== 'hidden';
  };
  const walker = document.createTreeWalker(document.querySelector('.contacts-screen') ?? document.body, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const text = node.textContent?.replace(/\s+/g, ' ').trim();
    if (text && node.parentElement && !node.parentElement.closest('textarea') && shown(node.parentElement)) out.add(text);
  }
  for (const e of document.querySelectorAll('.contacts-screen [title], .contacts-screen [aria-label], .contacts-screen [placeholder]'))
    for (const name of ['title', 'aria-label', 'placeholder']) {
      const value = e.getAttribute(name)?.trim();
      if (value) out.add(value);
    }
  return [...out];
}

/** The file's own words (its column names, the contacts' names) are the operator's data, the same in every language. */
const dataCells = new Set(UK_CSV.split(/[,\n]/));

async function englishLeft(page: Page): Promise<string[]> {
  const texts = await page.evaluate(visibleTexts);
  return texts.filter((text) => !dataCells.has(text) && englishContacts.some((english) => text.includes(english)));
}

async function noSidewaysScrolling(page: Page, what: string) {
  for (const size of [
    { width: 1280, height: 800 },
    { width: 800, height: 600 },
  ]) {
    await page.setViewportSize(size);
    expect(
      await page.locator('.content').evaluate((e) => e.scrollWidth - e.clientWidth),
      `${what} at ${size.width}x${size.height}`,
    ).toBeLessThanOrEqual(0);
    for (const theme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme: theme });
      await snap(page, `contacts-lang-${what}-${theme}-${size.width}x${size.height}`);
    }
  }
  await page.emulateMedia({ colorScheme: 'light' });
  await page.setViewportSize({ width: 1280, height: 800 });
}

describe.skipIf(unavailable !== null)('Contacts in Arabic and Spanish (browser host, simulated WhatsApp)', () => {
  let host: RunningHost;
  let browser: Browser;
  const pageErrors: string[] = [];
  const files = fs.mkdtempSync(path.join(os.tmpdir(), 'wa-e2e-contacts-lang-'));

  async function open(locale: string): Promise<Page> {
    const context = await browser.newContext({ locale, viewport: { width: 1280, height: 800 } });
    const page = await context.newPage();
    page.on('pageerror', (e) => pageErrors.push(e.message));
    await page.goto(`${host.url}/`);
    await page.locator('nav.sidebar button').nth(1).click();
    await page.locator('.contacts-screen').waitFor();
    return page;
  }

  beforeAll(async () => {
    host = await startHost();
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await host?.stop();
  });

  it('Arabic: right to left, the import asks the country in Arabic, and no English is left on the screen', async () => {
    const page = await open('ar');
    expect(await page.evaluate(() => document.documentElement.dir)).toBe('rtl');
    expect(await page.locator('#contacts-title').innerText()).toBe(ar['contacts.screen.title']);
    await page.getByText(ar['contacts.start.title']).waitFor();
    expect(await englishLeft(page)).toEqual([]);
    await noSidewaysScrolling(page, 'ar-start');

    const csv = path.join(files, 'uk-clinic.csv');
    await writeFile(csv, UK_CSV);
    const [chooser] = await Promise.all([page.waitForEvent('filechooser'), page.getByRole('button', { name: ar['contacts.start.choose'] }).click()]);
    await chooser.setFiles(csv);
    const question = page.getByTestId('country-question');
    await question.waitFor({ timeout: 20_000 });
    // Four of the numbers lack their country code ("few" in Arabic), the country's name is Arabic and sorted so.
    await expect.poll(() => question.innerText()).toContain('في uk-clinic.csv 4 أرقام بدون رمز دولة');
    await expect.poll(() => question.innerText()).toContain('المملكة المتحدة');
    const names = await page.locator('#country-question-select option').allInnerTexts();
    expect(names.indexOf(names.find((n) => n.startsWith('الإمارات'))!)).toBeLessThan(
      names.indexOf(names.find((n) => n.startsWith('المملكة المتحدة'))!),
    );
    expect(await englishLeft(page)).toEqual([]);
    await noSidewaysScrolling(page, 'ar-country-question');

    await page.getByTestId('country-confirm').click();
    await page.getByTestId('country-note').waitFor();
    await page.getByTestId('problem-rows').waitFor();
    await page.getByTestId('duplicate-rows').getByTestId('duplicate-row').first().waitFor();
    await page.getByTestId('contact-row').first().waitFor();
    expect(await page.getByTestId('problem-row').innerText()).toContain(ar['contacts.reason.letters']);

    // Eleven numbers ("many" in Arabic) and one entry that is not a number; more than a page, so the pager shows.
    const eleven = Array.from({ length: 11 }, (_, i) => `+9715012345${String(i).padStart(2, '0')}`);
    await page.getByLabel(ar['contacts.optOut.addAria']).fill([...eleven, 'abc'].join('\n'));
    await page.getByRole('button', { name: ar['contacts.optOut.add'] }).click();
    await page.getByTestId('opt-out-note').waitFor();
    await expect.poll(() => page.getByTestId('opt-out-total').innerText()).toBe('11 رقمًا في القائمة.');
    expect(await page.getByTestId('opt-out-note').innerText()).toContain('لم يُضَف إدخال واحد لأنه ليس رقم هاتف');
    await page.getByRole('button', { name: ar['contacts.pager.next'] }).waitFor();
    expect(await englishLeft(page)).toEqual([]);
    await noSidewaysScrolling(page, 'ar-list');
    await page.getByTestId('opt-out').scrollIntoViewIfNeeded();
    await snap(page, 'contacts-lang-ar-opt-out-1280x800');
    await page.context().close();
  }, 90_000);

  it('Spanish: the same list, in Spanish', async () => {
    const page = await open('es');
    await page.getByTestId('import-summary').waitFor();
    await page.getByTestId('contact-row').first().waitFor();
    expect(await page.evaluate(() => document.documentElement.dir)).not.toBe('rtl');
    await expect.poll(() => page.getByTestId('country-note').innerText()).toContain('Reino Unido (+44)');
    expect(await page.getByTestId('import-summary').innerText()).toContain('3 personas recibirán tu mensaje.');
    expect(await page.getByTestId('duplicates-kept').innerText()).toBe(es['contacts.duplicates.noneKept']);
    expect(await englishLeft(page)).toEqual([]);
    await noSidewaysScrolling(page, 'es-list');
    await page.context().close();
    expect(pageErrors).toEqual([]);
  }, 60_000);
});
