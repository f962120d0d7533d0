/**
 * The operator's usual steps in the browser host, shared by the end-to-end tests: open the page and wait until the
 * (simulated) WhatsApp is ready, import a CSV on Contacts, set a pace that does not wait, start through the confirmation.
 * Every step waits for a state or an event, never for a time.
 */
import type { Browser, BrowserContextOptions, Page } from 'playwright-core';
import { expect } from 'vitest';
import { launchBrowser, startHost, type RunningHost } from './app-host';

/** Clicks a section in the sidebar ('Contacts', 'Message', 'Send', 'History', ...). */
export const nav = (page: Page, section: string) =>
  page.getByRole('navigation', { name: 'Sections' }).getByRole('button', { name: section, exact: true }).click();

/** Waits until the status pill says WhatsApp is ready. */
export async function waitReady(page: Page): Promise<void> {
  await expect.poll(() => page.getByTestId('status-pill').getAttribute('data-status'), { timeout: 20_000 }).toBe('ready');
}

/** A new page on the host, its uncaught errors collected, once WhatsApp is ready. */
export async function openReadyPage(
  browser: Browser,
  host: RunningHost,
  options: BrowserContextOptions = { viewport: { width: 1280, height: 800 } },
): Promise<{ page: Page; pageErrors: string[] }> {
  const page = await browser.newPage(options);
  const pageErrors: string[] = [];
  page.on('pageerror', (e) => pageErrors.push(e.message));
  await page.goto(`${host.url}/`);
  await waitReady(page);
  return { page, pageErrors };
}

/** Contacts: chooses a CSV file with the given name and text and waits for the import summary. */
export async function importCsv(page: Page, name: string, csv: string): Promise<void> {
  await nav(page, 'Contacts');
  const chooser = page.waitForEvent('filechooser');
  await page.getByRole('button', { name: 'Choose a file…' }).first().click();
  await (await chooser).setFiles({ name, mimeType: 'text/csv', buffer: Buffer.from(csv) });
  await page.getByTestId('import-summary').waitFor({ timeout: 30_000 });
}

/** Send: the given delay between messages (seconds, shortest and longest), no breaks, any hour, no typing wait. */
export async function setPace(page: Page, shortest = '0', longest = shortest): Promise<void> {
  await page.getByLabel('Shortest delay (seconds)').fill(shortest);
  await page.getByLabel('Longest delay (seconds)').fill(longest);
  await page.getByLabel('Shortest break (seconds)').fill('0');
  await page.getByLabel('Longest break (seconds)').fill('0');
  await page.getByLabel('Only send between').uncheck();
  await page.getByLabel('Wait as long as typing the message would take').uncheck();
}

/** Send: clicks the start button (its name given, as the tests check the count in it) and confirms. */
export async function startAndConfirm(page: Page, button: string | RegExp): Promise<void> {
  await page.getByRole('button', { name: button }).click();
  await page.getByTestId('start-confirm').getByRole('button', { name: 'Start sending' }).click();
}

/** A new page on the host (no wait for WhatsApp), its uncaught errors and console errors pushed into `errors`. */
export async function openCollectingErrors(browser: Browser, host: RunningHost, options: BrowserContextOptions, errors: string[]): Promise<Page> {
  const page = await browser.newPage(options);
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
  await page.goto(`${host.url}/`);
  return page;
}

/** Starts the demo host (with these arguments) and the browser: `({ host, browser } = await startDemo([...]))` in a beforeAll. */
export async function startDemo(args: string[] = []): Promise<{ host: RunningHost; browser: Browser }> {
  const host = await startHost(args);
  const browser = await launchBrowser();
  return { host, browser };
}

/** Closes the browser and stops the host, either of which may not have started. */
export async function stopDemo(browser: Browser | undefined, host: RunningHost | undefined): Promise<void> {
  await browser?.close();
  await host?.stop();
}
