/**
 * `wa-bulk send` and `wa-bulk resume` without --simulate: the built CLI drives the real whatsapp-web.js and
 * Chromium (through --browser, a wrapper that points Chromium at the stand-in WhatsApp Web). The stand-in's server
 * side is the ground truth of what went out. Per generation: everyone registered gets exactly one message, nobody
 * fails, receipts arrive; after kill -9 mid-campaign no Chromium is left and resume sends nothing twice.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { cliCommand } from '../../campaign/cli-build';
import { browsersUnder, CHROMIUM, eventually, GENERATIONS, haveChromium } from '../../../standin/real-whatsapp-rig';
import { StandinWhatsApp } from '../../../standin/standin-server';

let cli: string[];
beforeAll(() => {
  cli = cliCommand();
}, 320_000);

interface CliRun {
  child: ChildProcess;
  stdout: string;
  stderr: string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/** Runs the CLI; with `phone`, scans the QR once the CLI has drawn it in the terminal, as the operator would. */
function startCli(args: string[], cwd: string, phone?: StandinWhatsApp): CliRun {
  const child = spawn(process.execPath, [...cli, ...args], { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
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
function forgetLastConfirmation(stateDir: string): number {
  const campaigns = path.join(stateDir, 'campaigns');
  const journal = path.join(campaigns, fs.readdirSync(campaigns)[0]!, 'journal.jsonl');
  const lines = fs.readFileSync(journal, 'utf8').split('\n').filter((l) => l.trim() !== '');
  const entries = lines.map((l) => { try { return JSON.parse(l) as { t: string; i?: number }; } catch { return { t: 'torn' }; } });
  const index = entries.filter((e) => e.t === 'sent').pop()!.i!;
  const kept = lines.filter((_, n) => !((entries[n]!.t === 'sent' || entries[n]!.t === 'ack') && entries[n]!.i === index) && entries[n]!.t !== 'torn');
  fs.writeFileSync(journal, `${kept.join('\n')}\n`);
  return index;
}

const contactLines = (run: CliRun) => (run.stdout.match(/^\[\d+\/\d+\] .* sent$/gm) ?? []).length;

const cleanups: Array<() => unknown> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function setup(generation: 'legacy' | 'minified', total: number, unregisteredEvery: number) {
  const standin = await StandinWhatsApp.start({ generation });
  const work = fs.mkdtempSync(path.join(os.tmpdir(), `wa-cli-standin-${generation}-`));
  cleanups.push(() => fs.rmSync(work, { recursive: true, force: true }), () => standin.close());
  const phones = Array.from({ length: total }, (_, i) => `1415555${String(2000 + i)}`);
  const registered = phones.filter((_, i) => i % unregisteredEvery !== 1);
  for (const digits of registered) standin.register(digits);
  fs.writeFileSync(path.join(work, 'contacts.csv'), `Name,Phone\n${phones.map((p, i) => `Person ${i},+${p}`).join('\n')}\n`);
  const browser = standin.writeBrowserWrapper(work, CHROMIUM);
  const stateDir = path.join(work, 'state');
  const send = ['send', '--contacts', 'contacts.csv', '--message', 'Hello {{name}}, your order is ready.', '--country', 'US', '--min-delay', '0', '--max-delay', '0', '--state', stateDir, '--browser', browser];
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
  return { standin, work, stateDir, phones, registered, send, resume, report, perNumber };
}

describe.skipIf(!haveChromium).each(GENERATIONS)('wa-bulk against the stand-in WhatsApp Web, %s message keys', (generation) => {
  it('sends every registered contact exactly once, with no failure, and records the receipts', async () => {
    const s = await setup(generation, 14, 7);
    const run = startCli(s.send, s.work, s.standin);
    const { code } = await run.exited;
    expect(code, `${run.stderr}\n${run.stdout}`).toBe(0);
    expect(run.stdout).toMatch(/Scan this QR code/);
    expect(s.perNumber()).toEqual(s.registered.map(() => 1));
    expect(s.standin.sentMessages()).toHaveLength(s.registered.length);
    const counts = await s.report();
    console.log(`[${generation}] wa-bulk send: ${JSON.stringify(counts)}`);
    expect(counts).toMatchObject({ total: 14, sent: 12, skipped: 2, failed: 0, pending: 0, unconfirmed: 0 });
    // Receipts for the last messages may still be on their way when the CLI exits (issue 14); most must be in.
    expect(counts.delivered).toBeGreaterThanOrEqual(1);
    await eventually(() => browsersUnder(s.stateDir).length === 0, 'no browser after the CLI finished');
  }, 120_000);

  it('after kill -9 mid-campaign no Chromium is left, and resume reconciles from the chat and sends nothing twice', async () => {
    const s = await setup(generation, 30, 10);
    const first = startCli(s.send, s.work, s.standin);
    await eventually(() => contactLines(first) >= 5 || first.child.exitCode !== null, 'five contacts sent before the kill');
    first.child.kill('SIGKILL');
    expect((await first.exited).signal).toBe('SIGKILL');
    await eventually(() => browsersUnder(s.stateDir).length === 0, 'the browser to exit with the killed CLI', 15_000);
    const sentBeforeResume = s.standin.sentMessages().length;
    expect(sentBeforeResume).toBeGreaterThanOrEqual(5);
    expect(sentBeforeResume).toBeLessThan(s.registered.length);
    // The contact whose confirmation the kill lost has written back meanwhile (with July-2026 keys, reading such a
    // chat is what failed in the unpatched library).
    const unconfirmed = forgetLastConfirmation(s.stateDir);
    s.standin.receive(s.phones[unconfirmed]!, 'Thanks!');

    let qrShown = 0;
    s.standin.on('qr', () => (qrShown += 1));
    const restored = new Promise((resolve) => s.standin.once('restored', resolve));
    const second = startCli(s.resume, s.work);
    const { code } = await second.exited;
    expect(code, `${second.stderr}\n${second.stdout}`).toBe(0);
    await restored;
    expect(qrShown, 'resume restores the session without a QR').toBe(0);
    expect(second.stdout).not.toMatch(/Scan this QR code/);
    // The edited contact is found in the chat; the kill itself may have left one more, sent or not.
    const reconciled = /Reconciled (\d+) unconfirmed contact\(s\): (\d+) already sent, (\d+) to send, 0 left failed/.exec(second.stderr);
    expect(reconciled, second.stderr).not.toBeNull();
    const [found, toSend] = [Number(reconciled![2]), Number(reconciled![3])];
    expect(found).toBeGreaterThanOrEqual(1);
    expect(found + toSend).toBe(Number(reconciled![1]));
    expect(s.perNumber()).toEqual(s.registered.map(() => 1));
    const counts = await s.report();
    console.log(`[${generation}] kill -9 then resume: ${sentBeforeResume} sent before the kill; ${JSON.stringify(counts)}`);
    expect(counts).toMatchObject({ total: 30, sent: 27, skipped: 3, failed: 0, pending: 0, unconfirmed: 0 });
    await eventually(() => browsersUnder(s.stateDir).length === 0, 'no browser after resume finished');
  }, 180_000);
});
