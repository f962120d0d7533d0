import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ar from '../../renderer/i18n/messages/ar.json';
import fr from '../../renderer/i18n/messages/fr.json';
import { e2eUnavailable, launchBrowser, screenshotDir, snap, startHost, type RunningHost } from './support/app-host';
import { visibleTexts, type VisibleTextOptions } from './support/i18n-leftovers';

const unavailable = e2eUnavailable();
if (unavailable) console.warn(`Skipping the Send/History languages end-to-end test: ${unavailable}`);

// The Send screen's progress half and History in Arabic and French (issue 12): a finished campaign and a second one
// still sending, seen in each language through the Settings picker; every text shown exactly as English shows it is
// listed (the campaign's own data and what main says, a log line or a reason, are left out).

const names = ['Aisha', 'Omar', 'Sara', 'Yusuf', 'Lina'];
const csv = ['name,phone', ...names.map((n, i) => `${n},+97150123450${i}`)].join('\n') + '\n';
const messagesOf = { ar, fr } as const;
const SCREENS = ['connection', 'contacts', 'message', 'send', 'history'] as const;
const navButtons = (page: Page) => page.locator('nav.sidebar button');
const goTo = async (page: Page, screen: (typeof SCREENS)[number]) => {
  await navButtons(page).nth(SCREENS.indexOf(screen)).click();
  await page.locator('main.content h1').first().waitFor();
};

/** Visible text nodes and title/aria-label/placeholder/alt of the screen's main part, trimmed. */
const SCREEN_TEXTS: VisibleTextOptions = {
  roots: 'main.content',
  skip: 'textarea, script, style, [hidden], .campaign-log, .bubble',
  attributes: ['title', 'aria-label', 'placeholder', 'alt'],
  dialogLines: true,
};

/** The operator's data and names that are the same in every language. */
const SAME = [/WhatsApp|CSV|Excel|XLSX/, /^(Aisha|Omar|Sara|Yusuf|Lina)\b/, /^(Reminders|Follow-up)/, /^[^\p{L}]*$/u, /^\+?\d/];

async function setLanguage(page: Page, language: string) {
  await goTo(page, 'connection');
  await page.locator('details.settings').evaluate((d) => ((d as HTMLDetailsElement).open = true));
  await page.getByTestId('language-select').selectOption(language);
  await expect.poll(() => page.evaluate(() => document.documentElement.lang)).toBe(language === 'system' ? 'en' : language);
}

async function startCampaign(page: Page, name: string, delay: string) {
  await goTo(page, 'message');
  await page.getByTestId('template').fill('Hello {{name}}, your appointment is tomorrow.');
  await goTo(page, 'send');
  const newOne = page.getByRole('button', { name: 'Set up a new campaign' });
  const campaignName = page.getByLabel('Campaign name');
  // The set-up or the finished campaign's card, whichever the screen shows, before looking at either (on a loaded
  // machine the screen may not be drawn yet, and an unnamed campaign gets an English default name).
  await newOne.or(campaignName).first().waitFor({ timeout: 15_000 });
  if (await newOne.count()) await newOne.click();
  await campaignName.fill(name);
  for (const label of ['Shortest delay (seconds)', 'Longest delay (seconds)']) await page.getByLabel(label).fill(delay);
  for (const label of ['Shortest break (seconds)', 'Longest break (seconds)']) await page.getByLabel(label).fill('0');
  await page.getByLabel('Only send between').uncheck();
  await page.getByLabel('Wait as long as typing the message would take').uncheck();
  await page.getByRole('button', { name: /^Start sending/ }).click();
  await page.getByTestId('start-confirm').getByRole('button', { name: 'Start sending' }).click();
  const confirm = page.locator('dialog[open]').getByRole('button', { name: /start/i });
  await page.getByTestId('campaign-progress').or(confirm).first().waitFor({ timeout: 15_000 });
  if (await confirm.count()) await confirm.click();
}

/** The views looked at: the Send screen with the campaign sending, its Stop question, History with the finished one open. */
async function views(page: Page, shoot: (view: string) => Promise<void>): Promise<Map<string, string[]>> {
  const seen = new Map<string, string[]>();
  const look = async (view: string) => {
    seen.set(view, await page.evaluate(visibleTexts, SCREEN_TEXTS));
    await shoot(view);
  };
  await goTo(page, 'send');
  await page.getByTestId('eta').waitFor({ timeout: 30_000 });
  await look('send');
  await page.locator('.campaign-progress ~ .actions button.danger, .actions button.danger').first().click();
  await page.locator('dialog[open]').waitFor();
  await look('send-stop');
  await page.locator('dialog[open] button.secondary').click();
  await goTo(page, 'history');
  await page.locator('[data-testid="campaign-item"][data-state="finished"] button').click();
  await page.getByTestId('campaign-detail').waitFor();
  await page.locator('details.sent-message').evaluate((d) => ((d as HTMLDetailsElement).open = true));
  await look('history');
  await page.getByTestId('delete-campaign').click();
  await page.getByTestId('delete-campaign-dialog').waitFor();
  await look('history-delete');
  await page.locator('dialog[open] button.secondary').click();
  return seen;
}

describe.skipIf(unavailable !== null)('Send progress and History in the operator language (browser host)', () => {
  let host: RunningHost;
  let browser: Browser;
  let page: Page;
  let english: Map<string, string[]>;

  beforeAll(async () => {
    host = await startHost(['--auto-scan-ms', '300']);
    browser = await launchBrowser();
    const context = await browser.newContext({ locale: 'en-US', viewport: { width: 1280, height: 800 } });
    page = await context.newPage();
    await page.goto(`${host.url}/`);
    await page.locator('[data-testid="status-pill"][data-status="ready"]').waitFor({ timeout: 20_000 });
    await goTo(page, 'contacts');
    const chooser = page.waitForEvent('filechooser');
    await page.getByRole('button', { name: 'Choose a file…' }).first().click();
    await (await chooser).setFiles({ name: 'patients.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
    await page.getByTestId('import-summary').waitFor({ timeout: 30_000 });
    await startCampaign(page, 'Reminders', '0');
    await page.locator('[data-testid="campaign-progress"][data-state="finished"]').first().waitFor({ timeout: 60_000 });
    // The second one waits a while between messages: the progress half with a time left and the next message.
    await startCampaign(page, 'Follow-up', '120');
    english = await views(page, async () => {});
  }, 180_000);
  afterAll(async () => {
    await browser?.close();
    await host?.stop();
  });

  it.each(['ar', 'fr'] as const)(
    '%s: the progress half, its Stop question, History and its Delete question',
    { timeout: 180_000 },
    async (language) => {
      await setLanguage(page, language);
      expect(await page.evaluate(() => document.documentElement.dir)).toBe(language === 'ar' ? 'rtl' : 'ltr');
      const shots: string[] = [];
      const seen = await views(page, async (view) => {
        for (const theme of ['light', 'dark'] as const)
          for (const size of [
            { width: 1280, height: 800 },
            { width: 800, height: 600 },
          ]) {
            await page.emulateMedia({ colorScheme: theme });
            await page.setViewportSize(size);
            const name = `i18n-progress-${language}-${view}-${size.width}-${theme}`;
            await snap(page, name);
            shots.push(name);
            // No sideways scrolling in any language.
            expect(await page.evaluate(() => document.documentElement.scrollWidth <= document.documentElement.clientWidth)).toBe(true);
          }
        await page.emulateMedia({ colorScheme: 'light' });
        await page.setViewportSize({ width: 1280, height: 800 });
      });
      expect(await page.getByRole('heading', { level: 1 }).innerText()).toBe(messagesOf[language]['screens.history']);
      const left: Record<string, string[]> = {};
      for (const [view, texts] of seen) {
        const englishOnes = new Set(english.get(view));
        // A word the language writes as English does ("Contacts" in French) is its own translation, not a leftover.
        const own = new Set<string>(Object.values(messagesOf[language]));
        const found = texts.filter((t) => englishOnes.has(t) && !own.has(t) && /\p{L}{3,}/u.test(t) && !SAME.some((re) => re.test(t)));
        if (found.length) left[view] = found;
      }
      await mkdir(screenshotDir, { recursive: true });
      await writeFile(path.join(screenshotDir, `i18n-progress-${language}-left-in-english.json`), JSON.stringify(left, null, 2));
      expect(left).toEqual({});
      expect(shots).toHaveLength(16);
    },
  );
});
