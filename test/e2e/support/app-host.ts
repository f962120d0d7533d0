import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readdir } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { campaignPaths } from '../../../src/campaign/campaign-files';
import { readJournal } from '../../../src/campaign/journal';
import { assertAppBuilt } from '../../support/built-app';

export const repoRoot = path.resolve(__dirname, '../../..');
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const screenshotDir = path.join(repoRoot, 'test-output', 'e2e');

/**
 * Why an e2e test cannot run here, or null when it can. A missing or failed build is not a reason to skip:
 * test/global-setup.ts builds out/ when it is older than its sources, and startHost fails with the build's error.
 */
export function e2eUnavailable(): string | null {
  if (!existsSync(CHROMIUM)) return `no Chromium at ${CHROMIUM} (apt-get install chromium)`;
  return null;
}

export interface RunningHost {
  /** The page's address, secret included, without the trailing slash. */
  url: string;
  dataDir: string;
  output: () => string;
  stop: () => Promise<void>;
  /** Kills the host with SIGKILL, as a crash or a power cut would: no shutdown code runs. */
  kill: () => Promise<void>;
}

/** Starts the built browser host (the real main-process services) as a child process, in demo mode. */
export async function startHost(extraArgs: string[] = [], dataDir?: string): Promise<RunningHost> {
  assertAppBuilt();
  const dir = dataDir ?? (await mkdtemp(path.join(os.tmpdir(), 'wa-e2e-')));
  const child: ChildProcess = spawn(
    process.execPath,
    [path.join(repoRoot, 'out', 'main', 'devhost.js'), '--demo', '--port', '0', '--data-dir', dir, ...extraArgs],
    { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let out = '';
  child.stdout!.on('data', (d) => (out += String(d)));
  child.stderr!.on('data', (d) => (out += String(d)));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`host did not start:\n${out}`)), 20_000);
    const check = () => {
      // The page's address carries the host's secret: http://127.0.0.1:PORT/SECRET/. `url` is it without the
      // last slash, so tests open `${url}/`.
      const m = /is running at (http:\/\/127\.0\.0\.1:\d+\/[A-Za-z0-9_-]+)\//.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]!);
      }
    };
    child.stdout!.on('data', check);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`host exited with ${code}:\n${out}`));
    });
  });
  return {
    url,
    dataDir: dir,
    output: () => out,
    stop: () =>
      new Promise((resolve) => {
        // A killed child has a signalCode and no exitCode: it has exited all the same.
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
        setTimeout(() => child.kill('SIGKILL'), 10_000).unref();
      }),
    kill: () =>
      new Promise((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGKILL');
      }),
  };
}

export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
}

export async function snap(page: Page, name: string): Promise<void> {
  await mkdir(screenshotDir, { recursive: true });
  await page.screenshot({ path: path.join(screenshotDir, `${name}.png`), fullPage: true });
}

/**
 * The journal of the one campaign in a host's data folder, as steps in the order they were written: the campaign's
 * states ("running", "paused", "waiting", …) and "sending N" / "sent N" per contact. What happened while the campaign
 * was paused or waiting is read here, after the fact, instead of watching the screen for a while.
 */
export async function campaignSteps(dataDir: string): Promise<string[]> {
  const campaigns = path.join(dataDir, 'campaigns');
  const dirs = (await readdir(campaigns, { withFileTypes: true })).filter((d) => d.isDirectory());
  if (dirs.length !== 1) throw new Error(`Expected one campaign in ${campaigns}, found ${dirs.length}`);
  const { entries } = await readJournal(campaignPaths(path.join(campaigns, dirs[0]!.name)).journal);
  return entries.flatMap((e) => (e.t === 'campaign' ? [e.state] : e.t === 'sending' || e.t === 'sent' ? [`${e.t} ${e.i}`] : []));
}

/** The steps after each `from` state up to the next `until` state (all of them when it never comes). */
export function stepsWhile(steps: readonly string[], from: string, until: string): string[][] {
  const spans: string[][] = [];
  for (let i = steps.indexOf(from); i >= 0; i = steps.indexOf(from, i + 1)) {
    const end = steps.indexOf(until, i + 1);
    spans.push(steps.slice(i + 1, end < 0 ? undefined : end));
  }
  return spans;
}
