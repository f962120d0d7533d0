/**
 * Issue 12, the Send screen's set-up half in the operator's language: the pace (with a value refused and the "faster
 * than safe" warning, the reasons under each setting, "When sends fail" open), the contact picker, the test send, the
 * scheduled start with the time zone, the draft bar, and the confirmation before Start. The same states are shown in
 * English first, then in Arabic (right to left), Spanish and French: nothing shown there may read exactly as in
 * English, and nothing may scroll sideways. Screenshots light and dark at 1280x800 and 800x600.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { e2eUnavailable, launchBrowser, snap, startHost, type RunningHost } from './support/app-host';
import { visibleTexts, type VisibleTextOptions } from './support/i18n-leftovers';

const unavailable = e2eUnavailable();
if (unavailable) console.warn(`Skipping the Send set-up languages end-to-end test: ${unavailable}`);

const names = ['Aisha', 'Omar', 'Sara', 'Yusuf', 'Lina'];
const csv = ['name,class,phone', ...names.map((n, i) => `${n},5B,+97150${String(3234500 + i)}`)].join('\n') + '\n';
const TEMPLATE = 'Hello {{name}}, the trip is on Friday. مرحبا {{name}}';

/** Every piece of text a person reads or hears now: visible text nodes, title, aria-label, placeholder. */
const SCREEN_TEXTS: VisibleTextOptions = {
  roots: 'main.content, dialog[open]',
  skip: 'textarea, script, style, [hidden]',
  attributes: ['title', 'aria-label', 'placeholder'],
};

/** The operator's data, product names, numbers and times: the same in every language. */
const SAME_IN_EVERY_LANGUAGE = [/WhatsApp/, /Hello |\{\{/, /^(Aisha|Omar|Sara|Yusuf|Lina)\b/, /class|5B|\.csv/, /^[^\p{L}]*$/u, /^[+\d]/];

/** Words a language writes as English does ("Message" is French too). */
const SAME_WORD: Partial<Record<string, string[]>> = { fr: ['Message', 'messages'] };

/** The states of the set-up half, reached without reading any words (so the same steps work in every language). */
async function pacingState(page: Page): Promise<void> {
  await page.locator('nav.sidebar button').nth(3).click();
  await page.getByTestId('schedule-start').waitFor();
  const numbers = page.locator('.pacing-form input[type="number"]');
  await numbers.nth(0).fill('1'); // faster than safe
  await numbers.nth(2).fill(''); // refused: "Enter a number."
  await page.locator('details.advanced').evaluate((d) => ((d as HTMLDetailsElement).open = true));
  await page.locator('input[name="when"]').nth(1).check();
  if ((await page.getByTestId('contact-picker').count()) === 0) await page.getByTestId('selection-summary').locator('button').click();
  await page.getByTestId('picker-row').first().waitFor();
  await page.getByTestId('risky-pacing').waitFor();
  await page.getByTestId('start-blockers').waitFor();
}

async function confirmState(page: Page): Promise<void> {
  await page.locator('.pacing-form input[type="number"]').nth(2).fill('15');
  await page.locator('input[name="when"]').nth(0).check();
  await page.getByTestId('test-send').locator('button').click();
  await page.getByTestId('test-send-result').waitFor({ timeout: 15_000 });
  await page.getByTestId('setup-eta').waitFor();
  await page.locator('.start-card .actions button').first().click();
  await page.getByTestId('start-confirm').waitFor();
}

async function shots(page: Page, name: string, sizes: ReadonlyArray<readonly [number, number]>, themes: ReadonlyArray<'light' | 'dark'>) {
  for (const theme of themes)
    for (const [width, height] of sizes) {
      await page.emulateMedia({ colorScheme: theme });
      await page.setViewportSize({ width, height });
      expect(await page.evaluate(() => document.documentElement.scrollWidth <= document.documentElement.clientWidth), `${name} ${width}`).toBe(true);
      await snap(page, `${name}-${theme}-${width}x${height}`);
      // The screen scrolls inside .content: the pace form and the start card are further down.
      for (const part of ['middle', 'bottom'] as const) {
        await page
          .locator('.content')
          .evaluate((e, at) => e.scrollTo(0, at === 'bottom' ? e.scrollHeight : e.scrollHeight / 2 - e.clientHeight / 2), part);
        await snap(page, `${name}-${theme}-${width}x${height}-${part}`);
      }
      await page.locator('.content').evaluate((e) => e.scrollTo(0, 0));
    }
  await page.emulateMedia({ colorScheme: 'light' });
  await page.setViewportSize({ width: 1280, height: 800 });
}

describe.skipIf(unavailable !== null)('the Send set-up in the operator language (browser host)', () => {
  let host: RunningHost;
  let browser: Browser;
  const english = { pacing: new Set<string>(), confirm: new Set<string>() };

  beforeAll(async () => {
    host = await startHost(['--auto-scan-ms', '300']);
    browser = await launchBrowser();
    const context = await browser.newContext({ locale: 'en-US', viewport: { width: 1280, height: 800 } });
    const page = await context.newPage();
    await page.goto(`${host.url}/`);
    await page.locator('[data-testid="status-pill"][data-status="ready"]').waitFor({ timeout: 20_000 });
    await page.locator('nav.sidebar button').nth(1).click();
    const chooser = page.waitForEvent('filechooser');
    await page.getByRole('button', { name: 'Choose a file…' }).first().click();
    await (await chooser).setFiles({ name: 'trip.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
    await page.getByTestId('import-summary').waitFor({ timeout: 30_000 });
    await page.locator('nav.sidebar button').nth(2).click();
    await page.getByTestId('template').fill(TEMPLATE);
    await pacingState(page);
    english.pacing = new Set(await page.evaluate(visibleTexts, SCREEN_TEXTS));
    await confirmState(page);
    english.confirm = new Set(await page.evaluate(visibleTexts, SCREEN_TEXTS));
    await context.close();
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await host?.stop();
  });

  it.each(['ar', 'es', 'fr'] as const)('%s: nothing of the set-up is left in English', { timeout: 120_000 }, async (locale) => {
    const context = await browser.newContext({ locale, viewport: { width: 1280, height: 800 } });
    const page = await context.newPage();
    const pageErrors: string[] = [];
    page.on('pageerror', (e) => pageErrors.push(e.message));
    await page.goto(`${host.url}/`);
    await page.locator('[data-testid="status-pill"][data-status="ready"]').waitFor({ timeout: 20_000 });
    expect(await page.evaluate(() => document.documentElement.dir)).toBe(locale === 'ar' ? 'rtl' : 'ltr');
    const leftovers = async (seen: Set<string>) =>
      (await page.evaluate(visibleTexts, SCREEN_TEXTS)).filter(
        (t) => seen.has(t) && /\p{L}{3,}/u.test(t) && !SAME_IN_EVERY_LANGUAGE.some((re) => re.test(t)) && !SAME_WORD[locale]?.includes(t),
      );

    await pacingState(page);
    const left = { pacing: await leftovers(english.pacing), confirm: [] as string[] };
    const sizes =
      locale === 'ar'
        ? ([
            [1280, 800],
            [800, 600],
          ] as const)
        : ([[800, 600]] as const);
    await shots(page, `i18n-send-setup-${locale}`, sizes, locale === 'ar' ? ['light', 'dark'] : ['light']);
    await confirmState(page);
    left.confirm = await leftovers(english.confirm);
    await shots(page, `i18n-send-confirm-${locale}`, sizes, ['light']);
    await page.keyboard.press('Escape');
    expect(left).toEqual({ pacing: [], confirm: [] });
    expect(pageErrors).toEqual([]);
    await context.close();
  });
});
