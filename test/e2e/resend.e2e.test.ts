/**
 * Resend to failed from History (issue 10): a finished campaign where two sends failed and one was sent late is in
 * the data folder before the app starts; History offers "Resend to failed (3)", asks, and the new campaign reaches
 * only the failed contacts whose number the original never reached. Browser host over the simulated WhatsApp.
 */
import { mkdtemp, readFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CampaignService } from '../../src/campaign/campaign-service';
import { appPathsFor } from '../../src/platform/app-paths';
import { systemClock } from '../../src/platform/clock';
import { FakeWhatsApp } from '../fakes/fake-whatsapp';
import { noWaitPacing } from '../fakes/no-wait-pacing';
import { e2eUnavailable, launchBrowser, snap, startHost, type RunningHost } from './support/app-host';

const unavailable = e2eUnavailable();
if (unavailable) console.warn(`Skipping the resend end-to-end test: ${unavailable}`);

const phones = ['+971503334400', '+971503334401', '+971503334402', '+971503334403', '+971503334404'];
const nav = (page: Page, section: string) => page.getByRole('navigation').getByRole('button', { name: section, exact: true }).click();

/** The original campaign, written by the real service: contacts 1, 3 and 4 fail; contact 4's send then shows up late. */
async function finishedWithFailures(dataDir: string): Promise<string> {
  const port = new FakeWhatsApp(systemClock);
  for (const i of [1, 3, 4]) port.plan(phones[i]!.slice(1), { kind: 'fail', message: 'network error' });
  const paths = appPathsFor(dataDir);
  const service = new CampaignService({
    campaignsDir: paths.campaignsDir,
    stateDir: path.join(dataDir, 'seed-state'),
    port,
    clock: systemClock,
    optOut: { has: () => false },
  });
  const contacts = phones.map((phone, i) => ({ phone, row: i + 2, fields: { name: `P${i}` } }));
  const campaign = await service.create({ name: 'June reminders', template: 'Hello {{name}}', pacing: noWaitPacing(), contacts, columns: ['name'] });
  await (
    await service.run(campaign.id)
  ).done;
  await campaign.record({ t: 'sent', i: 4, id: 'late-4', at: Date.now(), via: 'late' });
  await service.close();
  return campaign.id;
}

describe.skipIf(unavailable !== null)('resend to failed from History (browser host, simulated WhatsApp)', () => {
  let host: RunningHost;
  let browser: Browser;

  beforeAll(async () => {
    const dataDir = await mkdtemp(path.join(os.tmpdir(), 'wa-e2e-resend-'));
    await finishedWithFailures(dataDir);
    host = await startHost(['--auto-scan-ms', '300'], dataDir);
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await host?.stop();
  });

  it('offers the failed contacts only, asks, and sends to those the original never reached', { timeout: 120_000 }, async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    const pageErrors: string[] = [];
    page.on('pageerror', (e) => pageErrors.push(e.message));
    await page.goto(`${host.url}/`);
    await expect.poll(() => page.getByTestId('status-pill').getAttribute('data-status'), { timeout: 20_000 }).toBe('ready');

    await nav(page, 'History');
    await page.getByRole('button', { name: 'Open June reminders' }).click();
    await page.getByTestId('campaign-detail').waitFor();
    // Contact 4 counts as sent now (its late send): two failed are left.
    await expect.poll(() => page.getByTestId('resend-failed').innerText()).toBe('Resend to failed (2)');
    await page.getByTestId('resend-failed').scrollIntoViewIfNeeded();
    await snap(page, 'resend-1-history-light-1280x800');
    await page.getByTestId('resend-failed').click();
    await page.getByRole('dialog').getByText('Nobody this campaign already sent to gets it again').waitFor();
    await snap(page, 'resend-2-confirm-light-1280x800');
    await page.getByRole('button', { name: 'Resend to 2 contacts' }).click();

    await page.getByRole('heading', { name: 'Resend to failed: June reminders' }).waitFor({ timeout: 15_000 });
    await expect
      .poll(() => page.getByTestId('campaign-progress').first().getAttribute('data-state'), { timeout: 30_000, interval: 300 })
      .toBe('finished');
    const outbox = (await readFile(path.join(host.dataDir, 'demo-outbox.jsonl'), 'utf8'))
      .split('\n')
      .filter(Boolean)
      .map((l) => JSON.parse(l) as { to: string; body: string });
    expect(outbox.map((m) => m.to.replace(/\D/g, ''))).toEqual([phones[1]!, phones[3]!].map((p) => p.slice(1)));
    expect(outbox.map((m) => m.body)).toEqual(['Hello P1', 'Hello P3']);
    expect(pageErrors).toEqual([]);
  });
});
