/**
 * Renderer benchmark: a 1,000,000-row CSV imported through the Contacts screen in the browser host (the real
 * main-process services, Debian's Chromium). Prints: import time, time from the summary appearing to the first
 * table row drawn, DOM rows held, and frame times while scrolling the table from top to bottom in steps.
 *   node --import tsx bench/renderer-table.bench.ts [rows=1000000]
 */
import { spawnSync } from 'node:child_process';
import { createWriteStream, existsSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import { once } from 'node:events';
import os from 'node:os';
import path from 'node:path';
import { launchBrowser, repoRoot, startHost } from '../test/e2e/support/app-host';

const rows = Number(process.argv[2] ?? 1_000_000);

async function makeCsv(file: string): Promise<void> {
  const out = createWriteStream(file);
  out.write('Name,Phone,City\n');
  for (let i = 0; i < rows; i++) {
    if (!out.write(`Contact ${i + 1},+97150${String(1_000_000 + i)},City ${i % 300}\n`)) await once(out, 'drain');
  }
  out.end();
  await once(out, 'finish');
}

async function main(): Promise<void> {
  if (!existsSync(path.join(repoRoot, 'out', 'main', 'devhost.js'))) {
    spawnSync(process.execPath, ['scripts/build.mjs', '--quiet'], { cwd: repoRoot, stdio: 'inherit' });
  }
  const dir = await mkdtemp(path.join(os.tmpdir(), 'wa-bench-table-'));
  const csv = path.join(dir, 'million.csv');
  await makeCsv(csv);
  const host = await startHost();
  const browser = await launchBrowser();
  try {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await page.goto(`${host.url}/`);
    await page.getByRole('button', { name: 'Contacts', exact: true }).click();
    const [chooser] = await Promise.all([page.waitForEvent('filechooser'), page.getByRole('button', { name: 'Choose a file…' }).click()]);
    const t0 = performance.now();
    await chooser.setFiles(csv);
    await page.getByTestId('import-summary').waitFor({ timeout: 600_000 });
    const tSummary = performance.now();
    const valid = Number((await page.getByTestId('count-valid').locator('dd').innerText()).replace(/,/g, ''));
    await page.locator('[data-row="2"]').waitFor({ timeout: 60_000 });
    const tFirstRow = performance.now();
    const domRows = await page.getByTestId('contact-row').count();

    // Scroll through the table in 40 jumps and 200 small wheel-like steps, timing frames with rAF in the page.
    // (Passed as text: tsx would wrap inner functions in a helper the page does not have.)
    const frames = (await page.evaluate(`(async () => {
      const el = document.querySelector('[data-testid="contacts-table"]');
      const times = [];
      let maxRows = 0;
      const frame = () => new Promise((r) => requestAnimationFrame(r));
      let last = await frame();
      const step = async (top) => {
        el.scrollTop = top;
        const now = await frame();
        times.push(now - last);
        last = now;
        maxRows = Math.max(maxRows, document.querySelectorAll('[data-testid="contact-row"]').length);
      };
      for (let i = 1; i <= 40; i++) await step((el.scrollHeight * i) / 40);
      for (let i = 0; i < 200; i++) await step(el.scrollTop - 120);
      el.scrollTop = el.scrollHeight;
      await new Promise((r) => setTimeout(r, 500));
      const shown = [...document.querySelectorAll('[data-row]')].map((r) => Number(r.getAttribute('data-row')));
      return { times, maxRows, lastRow: Math.max(...shown) };
    })()`)) as { times: number[]; maxRows: number; lastRow: number };
    const lastRowShown = frames.lastRow;
    const sorted = [...frames.times].sort((a, b) => a - b);
    const pct = (p: number) => sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))]!.toFixed(1);
    console.log(`rows ${rows.toLocaleString('en')} (load ${os.loadavg()[0]!.toFixed(2)})`);
    console.log(
      `import through the UI: ${((tSummary - t0) / 1000).toFixed(2)} s (${Math.round(rows / ((tSummary - t0) / 1000)).toLocaleString('en')} rows/s, upload included)`,
    );
    console.log(`valid contacts shown in the summary: ${valid.toLocaleString('en')}`);
    console.log(`summary -> first table row drawn: ${(tFirstRow - tSummary).toFixed(0)} ms`);
    console.log(`DOM rows after import: ${domRows}; most while scrolling: ${frames.maxRows}; last row reached: ${lastRowShown === rows + 1}`);
    console.log(
      `scroll frame time over ${sorted.length} frames: median ${pct(0.5)} ms, p95 ${pct(0.95)} ms, max ${sorted[sorted.length - 1]!.toFixed(1)} ms`,
    );
  } finally {
    await browser.close();
    await host.stop();
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
