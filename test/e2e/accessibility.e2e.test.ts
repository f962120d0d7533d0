import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { e2eUnavailable, launchBrowser, snap, startHost, type RunningHost } from './support/app-host';
import { nav, openReadyPage, startDemo, stopDemo } from './support/journey';

const unavailable = e2eUnavailable();
if (unavailable) console.warn(`Skipping the accessibility end-to-end test: ${unavailable}`);

const listHeight = (page: Page) => page.getByTestId('log-lines').evaluate((e) => Math.round(e.getBoundingClientRect().height));
const panelHeight = (page: Page) => page.locator('aside.log-panel').evaluate((e) => Math.round(e.getBoundingClientRect().height));
const focusInDialog = (page: Page) =>
  page.evaluate(() => document.activeElement?.closest('dialog[open]') !== null && document.activeElement !== null);

describe.skipIf(unavailable !== null)('activity panel, dialogs and keyboard focus (browser host, simulated WhatsApp)', () => {
  let host: RunningHost;
  let browser: Browser;

  beforeAll(async () => ({ host, browser } = await startDemo(['--auto-scan-ms', '300'])));
  afterAll(() => stopDemo(browser, host));

  it('the activity panel: one plain line by default, opened and resized by drag or keys, remembered', { timeout: 90_000 }, async () => {
    const { page } = await openReadyPage(browser, host, { viewport: { width: 800, height: 600 } });

    // Collapsed: one line, the latest, a small share of an 800x600 window.
    await expect.poll(() => page.getByTestId('log-latest').innerText()).toMatch(/Connected to WhatsApp/);
    expect(await page.getByTestId('log-lines').count()).toBe(0);
    expect(await panelHeight(page)).toBeLessThanOrEqual(40);
    await snap(page, 'log-collapsed-800-light');

    // Open: the lines in plain words, without the data folder's path or module names.
    await page.getByRole('button', { name: 'Show activity' }).click();
    const lines = await page.getByTestId('log-lines').innerText();
    expect(lines).toMatch(/Started in demo mode/);
    expect(lines).not.toContain(host.dataDir);
    expect(lines).not.toMatch(/Connection state:|Browser: |\bwhatsapp\b/);
    expect(await listHeight(page)).toBe(160);
    await snap(page, 'log-open-800-light');

    // From the keyboard, on the handle: up three steps (16 px each), then Home to its smallest.
    const handle = page.getByTestId('log-resize');
    await handle.focus();
    for (let i = 0; i < 3; i++) await page.keyboard.press('ArrowUp');
    expect(await listHeight(page)).toBe(208);
    expect(await handle.getAttribute('aria-valuenow')).toBe('208');
    // By drag: 100 px up makes it 100 px taller.
    const box = (await handle.boundingBox())!;
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    await page.mouse.down();
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2 - 100, { steps: 5 });
    await page.mouse.up();
    expect(await listHeight(page)).toBe(308);
    // Never more than 60 % of the window (360 px of 600).
    await page.keyboard.press('End');
    expect(await listHeight(page)).toBe(360);
    await page.keyboard.press('PageDown');
    expect(await listHeight(page)).toBe(280);
    // A smaller window makes it smaller (60 % of 400 px), and it is back to its height when the window is.
    await page.setViewportSize({ width: 800, height: 400 });
    await expect.poll(() => listHeight(page)).toBe(240);
    await page.setViewportSize({ width: 800, height: 600 });
    await expect.poll(() => listHeight(page)).toBe(280);
    await page.emulateMedia({ colorScheme: 'dark' });
    await snap(page, 'log-open-800-dark');
    await page.setViewportSize({ width: 1280, height: 800 });
    await snap(page, 'log-open-1280-dark');

    // Remembered: open, at its height, after a reload; then collapsed, also remembered.
    await page.reload();
    await page.getByTestId('log-lines').waitFor();
    expect(await listHeight(page)).toBe(280);
    await page.getByRole('button', { name: 'Hide activity' }).click();
    await page.reload();
    await page.getByTestId('log-latest').waitFor();
    expect(await page.getByTestId('log-lines').count()).toBe(0);
    await snap(page, 'log-collapsed-1280-dark');
  });

  it('a dialog takes focus, keeps it, blocks the page behind, closes on Escape and gives focus back', { timeout: 60_000 }, async () => {
    const { page } = await openReadyPage(browser, host, { viewport: { width: 1024, height: 700 } });
    const logOut = page.getByRole('button', { name: 'Log out', exact: true });
    await logOut.click();
    const dialog = page.getByRole('dialog', { name: 'Log out of WhatsApp?' });
    await dialog.waitFor();
    expect(await focusInDialog(page)).toBe(true);
    // On the safe choice: Enter does not log out by surprise.
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Cancel');
    // Tab and Shift+Tab go round the dialog's own buttons, never to the page behind.
    for (let i = 0; i < 5; i++) {
      await page.keyboard.press('Tab');
      expect(await focusInDialog(page)).toBe(true);
    }
    await page.keyboard.press('Shift+Tab');
    expect(await focusInDialog(page)).toBe(true);
    // The page behind takes no clicks: what is under the pointer at a nav button is not that button.
    const contacts = (await page.getByRole('navigation', { name: 'Sections' }).getByText('Contacts', { exact: true }).boundingBox())!;
    const hit = await page.evaluate(([x, y]) => document.elementFromPoint(x!, y!)?.textContent ?? '', [contacts.x + 5, contacts.y + 5]);
    expect(hit).not.toBe('Contacts');
    expect(await page.evaluate(() => document.querySelector('dialog[open]')?.matches(':modal'))).toBe(true);
    await snap(page, 'dialog-logout-1024-light');
    await page.emulateMedia({ colorScheme: 'dark' });
    await snap(page, 'dialog-logout-1024-dark');

    await page.keyboard.press('Escape');
    await expect.poll(() => dialog.count()).toBe(0);
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Log out');
    // Nothing was logged out.
    expect(await page.getByTestId('status-pill').getAttribute('data-status')).toBe('ready');
  });

  it('keyboard focus is visible on every kind of control, in light and dark', { timeout: 60_000 }, async () => {
    const { page } = await openReadyPage(browser, host, { viewport: { width: 1024, height: 700 } });
    await nav(page, 'Message');
    for (const theme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme: theme });
      await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
      const seen = new Map<string, string>();
      // Tab through the page: each focused control shows an outline of at least 2 px that is not the background's.
      for (let i = 0; i < 25; i++) {
        await page.keyboard.press('Tab');
        const ring = await page.evaluate(() => {
          const el = document.activeElement as HTMLElement | null;
          if (!el || el === document.body) return null;
          const s = getComputedStyle(el);
          return {
            what: `${el.tagName.toLowerCase()}${el.className ? `.${el.className.split(' ')[0]}` : ''}`,
            style: s.outlineStyle,
            width: s.outlineWidth,
          };
        });
        if (!ring) continue;
        seen.set(ring.what, `${ring.style} ${ring.width}`);
      }
      expect(seen.size).toBeGreaterThan(3);
      for (const [what, ring] of seen) expect(`${what}: ${ring}`).toMatch(/: (solid|auto) [2-9]/);
      await snap(page, `focus-message-1024-${theme}`);
    }
  });
});

describe.skipIf(unavailable !== null)('the connection drops (browser host, simulated WhatsApp)', () => {
  let host: RunningHost;
  let browser: Browser;

  beforeAll(async () => {
    host = await startHost(['--auto-scan-ms', '300', '--demo-disconnect-after-ms', '1500']);
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await host?.stop();
  });

  it('says Disconnected once, then why, not "Disconnected · Disconnected: …"', { timeout: 60_000 }, async () => {
    const page = await browser.newPage({ viewport: { width: 800, height: 600 } });
    await page.goto(`${host.url}/`);
    const pill = page.getByTestId('status-pill');
    await expect.poll(() => pill.getAttribute('data-status'), { timeout: 30_000 }).toBe('disconnected');
    expect(await pill.innerText()).toBe('Disconnected');
    const card = await page.getByTestId('connection-card').innerText();
    expect(card.match(/Disconnected/g)).toHaveLength(1);
    expect(card).toContain('Connection lost (simulated)');
    await snap(page, 'disconnected-800-light');
  });
});

describe.skipIf(unavailable !== null)('notices belong to their list, counts are said right (browser host)', () => {
  let host: RunningHost;
  let browser: Browser;

  beforeAll(async () => ({ host, browser } = await startDemo(['--auto-scan-ms', '300'])));
  afterAll(() => stopDemo(browser, host));

  const importCsv = async (page: Page, name: string, rows: string[]) => {
    const chooser = page.waitForEvent('filechooser');
    await page
      .getByRole('button', { name: /^(Choose a file…|Import another file…)$/ })
      .first()
      .click();
    await (await chooser).setFiles({ name, mimeType: 'text/csv', buffer: Buffer.from(['name,phone', ...rows].join('\n') + '\n') });
    await expect.poll(() => page.getByTestId('import-summary').innerText(), { timeout: 30_000 }).toContain(name);
  };

  it('"Saved 1 row" goes with its file; one contact is "1 contact"', { timeout: 90_000 }, async () => {
    const { page } = await openReadyPage(browser, host, { viewport: { width: 1024, height: 700 }, acceptDownloads: true });
    await nav(page, 'Contacts');
    await importCsv(page, 'first.csv', ['Aisha,+971501234500', 'Bad,12ab']);
    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Export problems (CSV)' }).click();
    await download;
    const rowsCard = page.getByTestId('problem-rows');
    await expect.poll(() => rowsCard.innerText()).toMatch(/Saved 1 row that will not be messaged/);

    // Another file, with a problem row too (the card stays): the note about first.csv's export is gone.
    await importCsv(page, 'second.csv', ['Omar,+971501234501', 'Worse,34cd']);
    await expect.poll(() => rowsCard.innerText()).toContain('second.csv');
    expect(await rowsCard.innerText()).not.toMatch(/Saved 1 row/);
    await snap(page, 'stale-note-cleared-1024-light');

    // One contact to message: "1 contact", never "1 contacts".
    await nav(page, 'Send');
    await expect.poll(() => page.getByTestId('setup-contacts').innerText()).toMatch(/^1 contact from/);
  });
});
