import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ar from '../../renderer/i18n/messages/ar.json';
import en from '../../renderer/i18n/messages/en.json';
import es from '../../renderer/i18n/messages/es.json';
import { e2eUnavailable, launchBrowser, snap, startHost, type RunningHost } from './support/app-host';

const unavailable = e2eUnavailable();
if (unavailable) console.warn(`Skipping the Message and Connection screens in Arabic and Spanish: ${unavailable}`);

// The Message screen with everything it can say (a syntax error, an unknown column, empty values, the personalising
// help, the preview, a saved message) and the Connection screen's log out dialog and activity panel, in Arabic (right
// to left) and Spanish: each message shown is the language's own (not the English one), no sideways scrolling.

const csv = ['name,phone,city', 'Aisha,+971501234500,Dubai', 'Omar,+971501234501,', 'Sara,+971501234502,Sharjah'].join('\n') + '\n';
const messagesOf = { ar, es } as const;
const SIZES = [
  { width: 1280, height: 800 },
  { width: 800, height: 600 },
] as const;

const nav = (page: Page, index: number) => page.locator('nav.sidebar button').nth(index).click();

async function noSidewaysScrolling(page: Page, what: string) {
  const over = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(over, `${what}: sideways scrolling`).toBeLessThanOrEqual(0);
  const content = await page.locator('main.content').evaluate((e) => e.scrollWidth - e.clientWidth);
  expect(content, `${what}: sideways scrolling in the content`).toBeLessThanOrEqual(0);
}

async function shots(page: Page, name: string) {
  for (const size of SIZES)
    for (const theme of ['light', 'dark'] as const) {
      await page.setViewportSize(size);
      await page.emulateMedia({ colorScheme: theme });
      await noSidewaysScrolling(page, `${name} ${size.width} ${theme}`);
      await snap(page, `${name}-${size.width}-${theme}`);
    }
  await page.setViewportSize(SIZES[0]);
  await page.emulateMedia({ colorScheme: 'light' });
}

describe.skipIf(unavailable !== null)('the Message and Connection screens in Arabic and Spanish (browser host)', () => {
  let host: RunningHost;
  let browser: Browser;

  beforeAll(async () => {
    host = await startHost(['--auto-scan-ms', '300']);
    browser = await launchBrowser();
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    await host?.stop();
  });

  it.each(['ar', 'es'] as const)(
    '%s: the message, its check and preview, saved messages, the log out dialog',
    { timeout: 180_000 },
    async (locale) => {
      const m = messagesOf[locale];
      const context = await browser.newContext({ locale, viewport: SIZES[0] });
      const page = await context.newPage();
      const pageErrors: string[] = [];
      page.on('pageerror', (e) => pageErrors.push(e.message));
      await page.goto(`${host.url}/`);
      await expect.poll(() => page.getByTestId('status-pill').getAttribute('data-status'), { timeout: 20_000 }).toBe('ready');

      // Contacts, so the chips, the check and the preview have something to show.
      await nav(page, 1);
      const choose = page.getByRole('button', { name: m['contacts.start.choose'] }).first();
      await page.getByTestId('import-summary').or(choose).first().waitFor();
      if (await choose.isVisible()) {
        const chooser = page.waitForEvent('filechooser');
        await choose.click();
        await (await chooser).setFiles({ name: 'clinic.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
        await page.getByTestId('import-summary').waitFor({ timeout: 30_000 });
      }

      await nav(page, 2);
      await page.locator('main.content h1').first().waitFor();
      const box = page.getByTestId('template');
      expect(await box.getAttribute('placeholder')).toBe(m['message.editor.placeholder'].replace(/'/g, ''));
      await box.fill('{{name}} }} {{nmae}} {{city}} {Hi|Hello}');
      const check = page.getByTestId('template-check');
      await expect.poll(() => check.innerText()).toContain('{{nmae}}');
      const checkText = await check.innerText();
      expect(checkText).not.toContain('closes no'); // the syntax error in the language, from its code
      expect(checkText).not.toContain('No column called');
      await page.locator('details.syntax-help summary').click();
      await shots(page, `i18n-${locale}-message-problems`);

      await box.fill('{Hi|Hello} {{name}}, your visit is in {{city|our clinic}}. مرحبا {{name}}');
      await expect.poll(() => check.innerText()).toContain('✔');
      await page.getByRole('button', { name: m['message.preview.next'] }).click();
      await expect.poll(() => page.getByTestId('preview-to').innerText()).toContain('+971501234501');
      await page.getByLabel(m['message.saved.nameLabel']).fill(`تذكير ${locale}`);
      await page.getByRole('button', { name: m['message.saved.save'], exact: true }).click();
      await expect.poll(() => page.locator('.saved-templates').innerText()).toContain(`تذكير ${locale}`);
      await shots(page, `i18n-${locale}-message-ready`);

      // Connection: the log out dialog, and the activity panel opened.
      await nav(page, 0);
      await page.getByRole('button', { name: m['log.panel.show'] }).click();
      await page.getByRole('button', { name: m['connection.actions.logout'] }).click();
      const dialog = page.getByTestId('logout-dialog');
      await dialog.waitFor();
      await dialog.getByTestId('logout-delete-data').check();
      expect(await dialog.innerText()).toContain(m['connection.logout.cannotUndo']);
      await shots(page, `i18n-${locale}-connection-logout`);
      await dialog.getByRole('button', { name: m['connection.logout.cancel'] }).click();

      // No English sentence of these screens is left on them.
      const english = new Set(
        Object.entries(en)
          .filter(([k, v]) => /^(message|connection|log|updates|common)\./.test(k) && /\p{L}{3,} \p{L}/u.test(v))
          .map(([, v]) => v),
      );
      const shown = await page.evaluate(() => document.body.innerText);
      expect([...english].filter((sentence) => shown.includes(sentence))).toEqual([]);
      expect(pageErrors).toEqual([]);
      await context.close();
    },
  );
});
