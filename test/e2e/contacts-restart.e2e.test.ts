import { readdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { e2eUnavailable, launchBrowser, snap, startHost, type RunningHost } from './support/app-host';

const unavailable = e2eUnavailable();
if (unavailable) console.warn(`Skipping the contacts-after-restart end-to-end test: ${unavailable}`);

// A title above the header, a duplicate (row 6 repeats row 4) and a row without a number.
const CSV = [
  'Class 5B parents,,',
  ',,',
  'Parent,Mobile,Child',
  'Huda,+971501234567,Sara',
  'Karim,+971527654321,Omar',
  'Huda again,+971501234567,Yusuf',
  'Nour,call me,Lina',
  'Layla,+971551112222,Adam',
].join('\n');

const nav = (page: Page, section: string) =>
  page.getByRole('navigation', { name: 'Sections' }).getByRole('button', { name: section, exact: true }).click();

async function uploaded(dataDir: string, name: string): Promise<string> {
  const uploads = path.join(dataDir, 'tmp', 'uploads');
  for (const dir of await readdir(uploads)) {
    if ((await readdir(path.join(uploads, dir))).includes(name)) return path.join(uploads, dir, name);
  }
  throw new Error(`${name} not found under ${uploads}`);
}

describe.skipIf(unavailable !== null)('the imported contact list after the app restarts (browser host)', () => {
  let host: RunningHost;
  let browser: Browser;

  beforeAll(async () => {
    host = await startHost();
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await host?.stop();
  });

  async function open(): Promise<Page> {
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(`${host.url}/`);
    await nav(page, 'Contacts');
    return page;
  }
  async function restart(page: Page, between?: () => Promise<void>): Promise<Page> {
    await page.close();
    const dataDir = host.dataDir;
    await host.stop();
    await between?.();
    host = await startHost([], dataDir);
    return open();
  }
  const errors: string[] = [];

  it('comes back with its kept duplicate; a changed file is not read again and the notice says so', { timeout: 180_000 }, async () => {
    let page = await open();
    const chooser = page.waitForEvent('filechooser');
    await page.getByRole('button', { name: 'Choose a file…' }).first().click();
    await (await chooser).setFiles({ name: 'may.csv', mimeType: 'text/csv', buffer: Buffer.from(CSV) });
    await page.getByTestId('import-summary').waitFor({ timeout: 30_000 });
    await page.getByLabel('Keep row 6').click();
    await expect.poll(() => page.getByTestId('count-duplicates').innerText()).toContain('1 kept');
    const before = await page.getByTestId('import-summary').innerText();

    // The same file, the same choices: the list is back as it was.
    page = await restart(page);
    await page.getByTestId('import-summary').waitFor({ timeout: 30_000 });
    expect(await page.getByTestId('import-source').innerText()).toBe('may.csv');
    await expect.poll(() => page.getByTestId('import-summary').innerText()).toBe(before);
    expect(await page.getByLabel('Keep row 6').isChecked()).toBe(true);
    expect(await page.getByTestId('restored-notice').count()).toBe(0);
    await snap(page, 'contacts-back-after-restart');

    // The file changed while the app was closed: not read again, said plainly, until forgotten.
    page = await restart(page, async () => writeFile(await uploaded(host.dataDir, 'may.csv'), CSV + '\nSam,+971509998888,Rami'));
    const notice = page.getByTestId('restored-notice');
    await notice.waitFor({ timeout: 30_000 });
    expect(await notice.innerText()).toContain('may.csv has changed since you imported it, so the list was not read again.');
    expect(await page.getByTestId('import-summary').count()).toBe(0);
    for (const theme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme: theme });
      for (const size of [
        { width: 1280, height: 800 },
        { width: 1024, height: 700 },
        { width: 800, height: 600 },
      ]) {
        await page.setViewportSize(size);
        expect(await page.evaluate(() => document.documentElement.scrollWidth <= document.documentElement.clientWidth)).toBe(true);
        await snap(page, `contacts-restored-notice-${theme}-${size.width}x${size.height}`);
      }
    }
    await page.getByRole('button', { name: 'Forget this list' }).click();
    await expect.poll(() => notice.count()).toBe(0);
    page = await restart(page);
    await page.getByTestId('contacts-empty').waitFor({ timeout: 30_000 });
    expect(await page.getByTestId('restored-notice').count()).toBe(0);
    await page.close();
    expect(errors).toEqual([]);
  });
});
