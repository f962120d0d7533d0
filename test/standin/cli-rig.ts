/**
 * The built `wa-bulk` against the stand-in WhatsApp Web: runs the CLI in a child process with --browser pointing
 * Chromium at the stand-in, scans the QR when the CLI draws it, and reads what the stand-in's server received.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect } from 'vitest';
import { cliCommand } from '../integration/campaign/cli-build';
import { CHROMIUM } from './real-whatsapp-rig';
import { StandinWhatsApp, type KeyGeneration } from './standin-server';

let cli: string[] | null = null;
/** The command (built once per test file; `npm test` builds before it runs the tests). */
export function prepareCli(): void {
  cli ??= cliCommand();
}

export interface CliRun {
  child: ChildProcess;
  stdout: string;
  stderr: string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/** Runs the CLI; with `phone`, scans the QR once the CLI has drawn it in the terminal, as the operator would. */
export function startCli(args: string[], cwd: string, phone?: StandinWhatsApp, options: { ownGroup?: boolean } = {}): CliRun {
  prepareCli();
  // ownGroup: a process group of its own, so a test can signal it as a terminal's Ctrl-C does (the whole group).
  const child = spawn(process.execPath, [...cli!, ...args], { cwd, stdio: ['ignore', 'pipe', 'pipe'], detached: options.ownGroup ?? false });
  const run: CliRun = {
    child,
    stdout: '',
    stderr: '',
    exited: new Promise((resolve) => child.on('close', (code, signal) => resolve({ code, signal }))),
  };
  let scanned = false;
  child.stdout!.on('data', (chunk: Buffer) => {
    run.stdout += chunk;
    if (phone && !scanned && run.stdout.includes('Scan this QR code')) {
      scanned = true;
      phone.scanQr();
    }
  });
  child.stderr!.on('data', (chunk: Buffer) => (run.stderr += chunk));
  return run;
}

/**
 * Takes the last confirmed send out of the journal (its `sent` line and receipts): the state a kill leaves between
 * WhatsApp taking a message and the journal saying so. Returns that contact's index.
 */
export function forgetLastConfirmation(stateDir: string): number {
  const campaigns = path.join(stateDir, 'campaigns');
  const journal = path.join(campaigns, fs.readdirSync(campaigns)[0]!, 'journal.jsonl');
  const lines = fs
    .readFileSync(journal, 'utf8')
    .split('\n')
    .filter((l) => l.trim() !== '');
  const entries = lines.map((l) => {
    try {
      return JSON.parse(l) as { t: string; i?: number };
    } catch {
      return { t: 'torn' };
    }
  });
  const index = entries.filter((e) => e.t === 'sent').pop()!.i!;
  const kept = lines.filter(
    (_, n) => !((entries[n]!.t === 'sent' || entries[n]!.t === 'ack') && entries[n]!.i === index) && entries[n]!.t !== 'torn',
  );
  fs.writeFileSync(journal, `${kept.join('\n')}\n`);
  return index;
}

export const contactLines = (run: CliRun) => (run.stdout.match(/^\[\d+\/\d+\] .* sent$/gm) ?? []).length;

const cleanups: Array<() => unknown> = [];
/** Call from afterEach: closes the stand-ins and removes the folders of the test that ended. */
export async function cleanUpCliRigs(): Promise<void> {
  for (const c of cleanups.splice(0).reverse()) await c();
}

/** A stand-in with `total` contacts (every `unregisteredEvery`-th, from the second, not on WhatsApp) and the CLI's arguments. */
export async function cliStandinRig(generation: KeyGeneration, total: number, unregisteredEvery: number) {
  const standin = await StandinWhatsApp.start({ generation });
  const work = fs.mkdtempSync(path.join(os.tmpdir(), `wa-cli-standin-${generation}-`));
  cleanups.push(
    () => fs.rmSync(work, { recursive: true, force: true }),
    () => standin.close(),
  );
  const phones = Array.from({ length: total }, (_, i) => `1415555${String(2000 + i)}`);
  const registered = phones.filter((_, i) => i % unregisteredEvery !== 1);
  for (const digits of registered) standin.register(digits);
  fs.writeFileSync(path.join(work, 'contacts.csv'), `Name,Phone\n${phones.map((p, i) => `Person ${i},+${p}`).join('\n')}\n`);
  const browser = standin.writeBrowserWrapper(work, CHROMIUM);
  const stateDir = path.join(work, 'state');
  const send = [
    'send',
    '--contacts',
    'contacts.csv',
    '--message',
    'Hello {{name}}, your order is ready.',
    '--country',
    'US',
    '--min-delay',
    '0',
    '--max-delay',
    '0',
    '--state',
    stateDir,
    '--browser',
    browser,
  ];
  const resume = ['resume', '--state', stateDir, '--browser', browser];
  const report = async () => {
    const run = startCli(['report', '--state', stateDir, '--json'], work);
    expect((await run.exited).code).toBe(0);
    return JSON.parse(run.stdout) as Record<string, number>;
  };
  /** Messages per registered number on the stand-in's server. */
  const perNumber = () => {
    const counts = new Map<string, number>();
    for (const m of standin.sentMessages()) counts.set(m.chat.split('@')[0]!, (counts.get(m.chat.split('@')[0]!) ?? 0) + 1);
    return registered.map((digits) => counts.get(digits) ?? 0);
  };
  return { standin, work, stateDir, browser, phones, registered, send, resume, report, perNumber };
}
