import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { campaignSteps, e2eUnavailable, snap, stepsWhile, type RunningHost } from './support/app-host';
import { importCsv, nav, openReadyPage, setPace, startAndConfirm, startDemo, stopDemo } from './support/journey';

const unavailable = e2eUnavailable();
if (unavailable) console.warn(`Skipping the campaign end-to-end test: ${unavailable}`);

// Twelve contacts, so a campaign at 0-1 s per message runs long enough to be paused mid-way; row 4 has no name.
const names = ['Aisha', 'Omar', 'Sara', '', 'Yusuf', 'Lina', 'Karim', 'Noor', 'Hadi', 'Maya', 'Rami', 'Dana'];
const phones = names.map((_, i) => `+97150${String(1234500 + i)}`);
const csv = ['name,phone,date', ...names.map((n, i) => `${n},${phones[i]},${i + 1} May`)].join('\n') + '\n';

const count = async (page: Page, key: string) =>
  Number((await page.getByTestId(`count-${key}`).locator('.tile-value').innerText()).replace(/\D/g, ''));
const top = (page: Page) => page.locator('.content').evaluate((e) => e.scrollTo(0, 0));
const campaignState = (page: Page) => page.getByTestId('campaign-progress').first().getAttribute('data-state');

/** A tiny CSV reader for the exported file: quoted fields with "" escapes, comma separated. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') ((cell += '"'), i++);
      else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') (row.push(cell), (cell = ''));
    else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      row.push(cell);
      rows.push(row);
      ((row = []), (cell = ''));
    } else cell += ch;
  }
  if (cell || row.length) rows.push([...row, cell]);
  return rows.filter((r) => r.some((c) => c !== ''));
}

describe.skipIf(unavailable !== null)('operator journey: message, send, history (browser host, simulated WhatsApp)', () => {
  let host: RunningHost;
  let browser: Browser;

  beforeAll(async () => ({ host, browser } = await startDemo(['--auto-scan-ms', '300'])));
  afterAll(() => stopDemo(browser, host));

  it('writes a personalised message, previews it, sends with pause and resume, and exports the results', { timeout: 180_000 }, async () => {
    const { page, pageErrors } = await openReadyPage(browser, host, { viewport: { width: 1280, height: 900 }, acceptDownloads: true });

    // Before contacts exist, the Send screen says why it cannot start.
    await nav(page, 'Send');
    await page.getByTestId('start-blockers').waitFor();
    expect(await page.getByTestId('start-blockers').innerText()).toMatch(/no contacts/i);
    expect(await page.getByRole('button', { name: /Start sending/ }).isDisabled()).toBe(true);
    await snap(page, 'campaign-1-send-blocked');

    // Import the list through the Contacts screen's file chooser.
    await importCsv(page, 'clinic.csv', csv);

    // The message: spintax, a placeholder with a fallback, and a column inserted with its chip at the cursor.
    await nav(page, 'Message');
    const box = page.getByTestId('template');
    await box.fill('{Hi|Hello} {{name|there}}, see you on ');
    await box.press('End');
    await page.getByRole('button', { name: 'date', exact: true }).click();
    await page.keyboard.type('.');
    expect(await box.inputValue()).toBe('{Hi|Hello} {{name|there}}, see you on {{date}}.');

    const preview = page.getByTestId('preview-text');
    await expect
      .poll(() => preview.innerText({ timeout: 1000 }).catch(() => ''), { timeout: 10_000 })
      .toMatch(/^(Hi|Hello) Aisha, see you on 1 May\.$/);
    const previewForAisha = await preview.innerText();
    await expect.poll(() => page.getByTestId('template-check').innerText()).toMatch(/every contact gets a complete message/);
    expect(await page.getByTestId('template-check').innerText()).toMatch(/2 different versions/);
    await snap(page, 'campaign-2-message-preview');
    // Step to the contact with no name: the fallback fills the gap.
    for (let i = 0; i < 3; i++) await page.getByRole('button', { name: 'Next contact' }).click();
    await expect.poll(() => preview.innerText()).toMatch(/^(Hi|Hello) there, see you on 4 May\.$/);
    expect(await page.getByTestId('preview-to').innerText()).toContain(phones[3]);

    // An unknown placeholder is flagged before anything is sent.
    await box.fill('Hi {{nmae}}');
    await expect.poll(() => page.getByTestId('template-check').innerText()).toMatch(/No column called \{\{nmae\}\}/);
    await snap(page, 'campaign-3-message-warning');
    await box.fill('{Hi|Hello} {{name|there}}, see you on {{date}}.');
    await expect.poll(() => page.getByTestId('template-check').innerText()).toMatch(/every contact gets a complete message/);

    // Pacing: fast for the test, which the screen warns about.
    await page.getByRole('button', { name: 'Next: sending' }).click();
    await setPace(page, '0', '1');
    await page.getByLabel('Campaign name (optional, shown in History)').fill('May reminders');
    await page.getByTestId('risky-pacing').waitFor();
    expect(await page.getByTestId('start-blockers').count()).toBe(0);
    await snap(page, 'campaign-4-pacing');

    await startAndConfirm(page, 'Start sending to 12');
    await page.getByTestId('campaign-progress').waitFor({ timeout: 15_000 });
    await top(page);
    await snap(page, 'campaign-5-running');

    // Pause: nothing more is sent while paused (read from the journal once the campaign is over).
    await page.getByRole('button', { name: 'Pause' }).click();
    await expect.poll(() => campaignState(page), { timeout: 15_000 }).toBe('paused');
    const sentWhenPaused = await count(page, 'sent');
    expect(sentWhenPaused).toBeLessThan(12);
    await top(page);
    await snap(page, 'campaign-6-paused');
    expect(await count(page, 'sent')).toBe(sentWhenPaused);

    await page.getByRole('button', { name: 'Resume' }).click();
    await expect.poll(() => campaignState(page), { timeout: 60_000, interval: 500 }).toBe('finished');
    await expect.poll(() => count(page, 'sent'), { timeout: 10_000 }).toBe(12);
    expect(await count(page, 'failed')).toBe(0);
    expect(await count(page, 'pending')).toBe(0);
    expect(await page.getByTestId('contact-row').first().getAttribute('data-status')).toMatch(/sent|delivered|read/);
    expect(await page.getByTestId('campaign-log').innerText()).toMatch(/Paused by the operator[\s\S]*Resumed/);
    // What the simulated WhatsApp accepted is exactly what the preview showed (same spintax draw per contact).
    const outbox = (await readFile(path.join(host.dataDir, 'demo-outbox.jsonl'), 'utf8'))
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { to: string; body: string });
    expect(outbox).toHaveLength(12);
    expect(outbox.find((m) => m.to.includes(phones[0]!.slice(1)))?.body).toBe(previewForAisha);
    // From "paused" to the next "running" the journal holds no send.
    const whilePaused = stepsWhile(await campaignSteps(host.dataDir), 'paused', 'running');
    expect(whilePaused).toHaveLength(1);
    expect(whilePaused[0]!.filter((step) => step.startsWith('sending'))).toEqual([]);
    await top(page);
    await snap(page, 'campaign-7-finished');

    // History: the campaign with its counts; export its results as CSV.
    await nav(page, 'History');
    const item = page.getByTestId('campaign-item');
    await expect.poll(() => item.count()).toBe(1);
    expect(await item.getAttribute('data-state')).toBe('finished');
    expect(await item.innerText()).toContain('May reminders');
    await page.getByRole('button', { name: 'Open May reminders' }).click();
    await page.getByTestId('campaign-detail').waitFor();
    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Export CSV' }).click();
    const file = await (await download).path();
    await expect.poll(() => page.getByTestId('export-note').innerText()).toMatch(/Saved 12 rows/);
    await snap(page, 'campaign-8-history-export');

    const rows = parseCsv((await readFile(file, 'utf8')).replace(/^\uFEFF/, ''));
    const header = rows[0]!.map((h) => h.toLowerCase());
    const phoneAt = header.findIndex((h) => h.includes('phone'));
    const statusAt = header.findIndex((h) => h === 'status');
    expect(phoneAt).toBeGreaterThanOrEqual(0);
    expect(statusAt).toBeGreaterThanOrEqual(0);
    expect(rows.slice(1).map((r) => r[phoneAt])).toEqual(phones);
    for (const r of rows.slice(1)) expect(r[statusAt]).toMatch(/sent|delivered|read/i);

    expect(pageErrors).toEqual([]);
  });
});
