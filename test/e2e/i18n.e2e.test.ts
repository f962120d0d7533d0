import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ar from '../../renderer/i18n/messages/ar.json';
import en from '../../renderer/i18n/messages/en.json';
import es from '../../renderer/i18n/messages/es.json';
import fr from '../../renderer/i18n/messages/fr.json';
import ptBR from '../../renderer/i18n/messages/pt-BR.json';
import { e2eUnavailable, launchBrowser, screenshotDir, snap, startHost, type RunningHost } from './support/app-host';
import { visibleTexts, type VisibleTextOptions } from './support/i18n-leftovers';

const unavailable = e2eUnavailable();
if (unavailable) console.warn(`Skipping the languages end-to-end test: ${unavailable}`);

// The app in the browser's language (issue 12): Chromium started with locale ar, es or pt-BR shows the app in it,
// Arabic right to left; the picker in Settings switches and is remembered across a reload. The journey's data (contacts,
// a message, a finished campaign) is made once in English, then every screen is visited in each language, and any
// text shown there exactly as English shows it is listed as left untranslated.

const names = ['Aisha', 'Omar', 'Sara', 'Bad Row', 'Yusuf', 'Lina'];
const phones = names.map((n, i) => (n === 'Bad Row' ? '12ab34' : `+97150${String(1234500 + i)}`));
const csv = ['name,phone,appointment', ...names.map((n, i) => `${n},${phones[i]},${i + 1} May`)].join('\n') + '\n';
const TEMPLATE = 'Hello {{name}}, your appointment is on {{appointment}}. مرحبا {{name}}، موعدك يوم {{appointment}}.';

const messagesOf = { ar, es, 'pt-BR': ptBR, fr, en } as const;
const SCREENS = ['connection', 'contacts', 'message', 'send', 'history'] as const;
const SIZES = [
  { width: 1280, height: 800 },
  { width: 800, height: 600 },
] as const;
const THEMES = ['light', 'dark'] as const;

const navButtons = (page: Page) => page.locator('nav.sidebar button');
const goTo = async (page: Page, screen: (typeof SCREENS)[number]) => {
  await navButtons(page).nth(SCREENS.indexOf(screen)).click();
  await page.locator('main.content h1').first().waitFor();
};

/**
 * Runs in the page: every piece of text a person reads or hears on the screen now (visible text nodes, and the
 * title, aria-label, placeholder and alt attributes), trimmed, without what the operator typed into fields.
 */
const SCREEN_TEXTS: VisibleTextOptions = {
  roots: 'body',
  skip: 'textarea, script, style, [hidden]',
  attributes: ['title', 'aria-label', 'placeholder', 'alt'],
};

/** Text that is the operator's data, a name of a product or a format: the same in every language. */
const SAME_IN_EVERY_LANGUAGE = [
  /^WA Bulk Sender$/,
  /WhatsApp|Chrome|Chromium|Edge|Excel|CSV|PDF|OpenDocument|QR/,
  /\{\{|}}/, // template syntax
  /^[A-Z]{2,}$/, // codes: DEMO, STOP
  /^(Aisha|Omar|Sara|Yusuf|Lina)\b/, // the contacts' names
  /^(name|phone|appointment)\b/, // the file's column names
  /^Demo account$/, // the simulated WhatsApp account's name
  /Campaign of /, // the campaign's name, given when it was started in English: the operator's data now
  /^(\/|[A-Z]:\\)/, // folders and files
  /clinic reminders|appointment|Hello |Bad Row|May/,
  /^v?\d/, // versions, numbers, dates, sizes
  /^[^\p{L}]*$/u, // no letters at all
];

/**
 * Text shown as the English journey showed it; in Arabic also any Latin word of three letters or more, English or
 * not seen in English (a screen in another state), less what is the same in every language.
 */
async function leftovers(page: Page, english: Set<string>, locale: string): Promise<string[]> {
  const texts = await page.evaluate(visibleTexts, SCREEN_TEXTS);
  const suspect = (t: string) => english.has(t) || (locale === 'ar' && /[A-Za-z]{3,}/.test(t));
  return texts.filter((t) => suspect(t) && /\p{L}{3,}/u.test(t) && !SAME_IN_EVERY_LANGUAGE.some((re) => re.test(t)));
}

describe.skipIf(unavailable !== null)('the app in the operator language (browser host)', () => {
  let host: RunningHost;
  let browser: Browser;
  /** Every text the English journey showed, screen by screen. */
  const englishTexts = new Map<string, Set<string>>();

  beforeAll(async () => {
    host = await startHost(['--auto-scan-ms', '300']);
    browser = await launchBrowser();
    // The journey, once, in English: contacts, a message, a finished campaign to see in History.
    const context = await browser.newContext({ locale: 'en-US', viewport: { width: 1280, height: 800 } });
    const page = await context.newPage();
    await page.goto(`${host.url}/`);
    await page.locator('[data-testid="status-pill"][data-status="ready"]').waitFor({ timeout: 20_000 });
    await goTo(page, 'contacts');
    const chooser = page.waitForEvent('filechooser');
    await page.getByRole('button', { name: 'Choose a file…' }).first().click();
    await (await chooser).setFiles({ name: 'clinic reminders for May.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
    await page.getByTestId('import-summary').waitFor({ timeout: 30_000 });
    await goTo(page, 'message');
    await page.getByTestId('template').fill(TEMPLATE);
    await goTo(page, 'send');
    // The Send screen before a campaign: its setup and pace (after one, it shows the progress).
    const sendSetup = await page.evaluate(visibleTexts, SCREEN_TEXTS);
    for (const label of ['Shortest delay (seconds)', 'Longest delay (seconds)', 'Shortest break (seconds)', 'Longest break (seconds)'])
      await page.getByLabel(label).fill('0');
    await page.getByLabel('Only send between').uncheck();
    await page.getByLabel('Wait as long as typing the message would take').uncheck();
    await page.getByRole('button', { name: /^Start sending/ }).click();
    await page.getByTestId('start-confirm').getByRole('button', { name: 'Start sending' }).click();
    const confirm = page.locator('dialog[open]').getByRole('button', { name: /start/i });
    await page.getByTestId('campaign-progress').or(confirm).first().waitFor({ timeout: 15_000 });
    if (await confirm.count()) await confirm.click();
    await page.locator('[data-testid="campaign-progress"][data-state="finished"]').first().waitFor({ timeout: 60_000 });
    for (const screen of SCREENS) {
      await goTo(page, screen);
      if (screen === 'connection') await page.locator('details.settings').evaluate((d) => ((d as HTMLDetailsElement).open = true));
      englishTexts.set(screen, new Set([...(await page.evaluate(visibleTexts, SCREEN_TEXTS)), ...(screen === 'send' ? sendSetup : [])]));
    }
    await context.close();
  }, 180_000);
  afterAll(async () => {
    await browser?.close();
    await host?.stop();
  });

  it.each(['ar', 'es', 'pt-BR'] as const)(
    '%s: the browser language is the app language, every screen in it',
    { timeout: 180_000 },
    async (locale) => {
      const messages = messagesOf[locale];
      const context = await browser.newContext({ locale, viewport: { width: 1280, height: 800 } });
      const page = await context.newPage();
      const pageErrors: string[] = [];
      page.on('pageerror', (e) => pageErrors.push(e.message));
      await page.goto(`${host.url}/`);
      await expect.poll(() => page.getByTestId('status-pill').getAttribute('data-status'), { timeout: 20_000 }).toBe('ready');

      expect(await page.evaluate(() => [document.documentElement.lang, document.documentElement.dir])).toEqual([
        locale,
        locale === 'ar' ? 'rtl' : 'ltr',
      ]);
      expect(await navButtons(page).allInnerTexts()).toEqual(SCREENS.map((s) => messages[`screens.${s}`]));
      await expect.poll(() => page.getByTestId('status-pill').innerText()).toContain(messages['status.ready']);
      if (locale === 'ar') {
        // Right to left: the sidebar is on the right of the window, the content to its left.
        const sidebar = (await page.locator('nav.sidebar').boundingBox())!;
        const content = (await page.locator('main.content').boundingBox())!;
        expect(sidebar.x).toBeGreaterThan(content.x);
      }

      const left: Record<string, string[]> = {};
      for (const screen of SCREENS) {
        await goTo(page, screen);
        if (screen === 'connection') await page.locator('details.settings').evaluate((d) => ((d as HTMLDetailsElement).open = true));
        const found = await leftovers(page, englishTexts.get(screen)!, locale);
        if (found.length) left[screen] = found;
        if (locale === 'pt-BR') continue;
        for (const size of SIZES)
          for (const theme of THEMES) {
            await page.setViewportSize(size);
            await page.emulateMedia({ colorScheme: theme });
            await snap(page, `i18n-${locale}-${screen}-${size.width}-${theme}`);
          }
        await page.setViewportSize(SIZES[0]);
      }
      await mkdir(screenshotDir, { recursive: true });
      await writeFile(path.join(screenshotDir, `i18n-${locale}-left-in-english.json`), JSON.stringify(left, null, 2));
      expect(pageErrors).toEqual([]);
      // What is still shown exactly as in English (the file above lists it too).
      expect(left).toEqual({});
      await context.close();
    },
  );

  it('the picker in Settings switches the language at once, and it is remembered across a reload', { timeout: 60_000 }, async () => {
    const context = await browser.newContext({ locale: 'en-US', viewport: { width: 1280, height: 800 } });
    const page = await context.newPage();
    await page.goto(`${host.url}/`);
    await goTo(page, 'connection');
    await page.locator('details.settings').evaluate((d) => ((d as HTMLDetailsElement).open = true));
    const picker = page.getByTestId('language-select');
    expect(await picker.inputValue()).toBe('system');
    expect(await picker.locator('option[value="system"]').innerText()).toBe('System language (English)');

    await picker.selectOption('fr');
    await expect.poll(() => navButtons(page).first().innerText()).toBe(fr['screens.connection']);
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('fr');
    await page.reload();
    await expect.poll(() => navButtons(page).first().innerText()).toBe(fr['screens.connection']);

    await page.locator('details.settings').evaluate((d) => ((d as HTMLDetailsElement).open = true));
    await page.getByTestId('language-select').selectOption('ar');
    await expect.poll(() => page.evaluate(() => document.documentElement.dir)).toBe('rtl');
    expect(await navButtons(page).first().innerText()).toBe(ar['screens.connection']);

    // Back to the system's (the browser's) language: English here.
    await page.getByTestId('language-select').selectOption('system');
    await expect.poll(() => navButtons(page).first().innerText()).toBe(en['screens.connection']);
    await page.reload();
    await expect.poll(() => navButtons(page).first().innerText()).toBe(en['screens.connection']);
    expect(await page.evaluate(() => [document.documentElement.lang, document.documentElement.dir])).toEqual(['en', 'ltr']);
    await context.close();
  });
});
