/**
 * `wa-bulk` over the simulated WhatsApp (issue 13, points 4, 6 and 11), as real processes on real folders: a second
 * copy on a state folder refuses and names the first (the outbox holds everyone once); the app and the CLI exclude
 * each other on one data folder; a SIGKILLed sender's lock is taken over; a damaged journal makes `resume` and
 * `report` fail with its file and line; everything the CLI creates is owner-only.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createAppServices } from '../../../src/app/services';
import { FolderLockedError, LOCK_FILE } from '../../../src/platform/folder-lock';
import { cliCommand } from './cli-build';

let cli: string[];
beforeAll(() => {
  cli = cliCommand();
}, 320_000);

interface CliRun {
  pid: number;
  out: { stdout: string; stderr: string };
  exited: Promise<number | null>;
  /** Resolves once `n` contact lines ("[k/N] ...") were printed; rejects if the CLI ends first. */
  lines(n: number): Promise<void>;
  kill(): void;
  /** SIGSTOP / SIGCONT: a stopped sender still holds its folder, so what a second copy does is decided by events. */
  freeze(): void;
  thaw(): void;
}

const cleanups: Array<() => unknown> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

function run(args: string[], cwd: string): CliRun {
  const child = spawn(process.execPath, [...cli, ...args], { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
  const out = { stdout: '', stderr: '' };
  const waiters: Array<{ n: number; resolve: () => void }> = [];
  const count = () => (out.stdout.match(/^\[\d+\/\d+\]/gm) ?? []).length;
  child.stdout!.on('data', (chunk: Buffer) => {
    out.stdout += chunk;
    for (const w of waiters.splice(0)) count() >= w.n ? w.resolve() : waiters.push(w);
  });
  child.stderr!.on('data', (chunk: Buffer) => (out.stderr += chunk));
  const exited = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
  cleanups.push(() => child.kill('SIGKILL'));
  return {
    pid: child.pid!,
    out,
    exited,
    lines: (n) =>
      Promise.race([
        new Promise<void>((resolve) => (count() >= n ? resolve() : waiters.push({ n, resolve }))),
        exited.then((code) => {
          if (count() < n) throw new Error(`wa-bulk exited (${code}) after ${count()} contact lines:\n${out.stderr}`);
        }),
      ]),
    kill: () => child.kill('SIGKILL'),
    freeze: () => child.kill('SIGSTOP'),
    thaw: () => child.kill('SIGCONT'),
  };
}

async function workspace(contacts: number) {
  const work = await fs.mkdtemp(path.join(os.tmpdir(), 'wa-cli-safety-'));
  cleanups.push(() => fs.rm(work, { recursive: true, force: true }));
  const phones = Array.from({ length: contacts }, (_, i) => `+1415555${String(2000 + i)}`);
  await fs.writeFile(path.join(work, 'contacts.csv'), `Name,Phone\n${phones.map((p, i) => `P${i},${p}`).join('\n')}\n`);
  const stateDir = path.join(work, 'state');
  const outbox = path.join(work, 'outbox.jsonl');
  const simulate = ['--simulate', '--simulate-outbox', outbox];
  /** Slow enough that a second copy starts while the first is still sending. */
  const send = (delaySec = 0.15) => [
    'send',
    '--contacts',
    'contacts.csv',
    '--message',
    'Hi {{name}}',
    '--country',
    'US',
    '--min-delay',
    String(delaySec),
    '--max-delay',
    String(delaySec),
    '--no-typing',
    '--receipt-wait',
    '0',
    '--state',
    stateDir,
    ...simulate,
  ];
  const resume = ['resume', '--state', stateDir, '--receipt-wait', '0', ...simulate];
  const perNumber = async () => {
    const lines = (await fs.readFile(outbox, 'utf8').catch(() => '')).split('\n').filter(Boolean);
    const counts = new Map<string, number>();
    for (const line of lines) {
      const to = (JSON.parse(line) as { to: string }).to;
      counts.set(to, (counts.get(to) ?? 0) + 1);
    }
    return { total: lines.length, counts, phones: phones.map((p) => p.slice(1)) };
  };
  return { work, stateDir, send, resume, perNumber };
}

async function expectEachOnce(perNumber: Awaited<ReturnType<typeof workspace>>['perNumber']): Promise<void> {
  const { total, counts, phones } = await perNumber();
  const twice = phones.filter((p) => (counts.get(p) ?? 0) > 1);
  expect(twice, `${twice.length} of ${phones.length} contacts messaged more than once`).toEqual([]);
  expect(phones.filter((p) => !counts.has(p))).toEqual([]);
  expect(total).toBe(phones.length);
}

// SIGSTOP holds a sender mid-campaign (POSIX only).
describe.skipIf(process.platform === 'win32')('wa-bulk: one copy per state folder', () => {
  it('a second resume (or send) on the folder refuses, naming the sender, and nobody is messaged twice', async () => {
    const w = await workspace(15);
    const first = run(w.send(0.05), w.work);
    await first.lines(2);
    first.freeze();
    cleanups.push(() => first.thaw());
    const second = run(w.resume, w.work);
    expect(await second.exited).toBe(2);
    expect(second.out.stderr).toMatch(
      new RegExp(
        `^wa-bulk resume: The folder ${w.stateDir.replace(/[/.]/g, '\\$&')} is in use by another copy of WA Bulk Sender: process ${first.pid} \\(wa-bulk send --contacts contacts\\.csv .*\\), since .+\\. `,
        'm',
      ),
    );
    const third = run(w.send(), w.work);
    expect(await third.exited).toBe(2);
    expect(third.out.stderr).toContain(`process ${first.pid} (wa-bulk send`);
    first.thaw();
    expect(await first.exited).toBe(0);
    await expectEachOnce(w.perNumber);
    // Released on exit: the folder is free again.
    await expect(fs.access(path.join(w.stateDir, LOCK_FILE))).rejects.toThrow();
  }, 60_000);

  it("a SIGKILLed sender's lock is taken over by the next resume, which sends to everyone else once", async () => {
    const w = await workspace(12);
    const first = run(w.send(0.2), w.work);
    await first.lines(3);
    first.kill();
    await first.exited;
    const stale = JSON.parse(await fs.readFile(path.join(w.stateDir, LOCK_FILE), 'utf8')) as { pid: number };
    expect(stale.pid).toBe(first.pid);
    const resumed = run(w.resume, w.work);
    expect(await resumed.exited, resumed.out.stderr).toBe(0);
    await expectEachOnce(w.perNumber);
  }, 60_000);

  it('the app and the CLI exclude each other on one data folder', async () => {
    const w = await workspace(6);
    const app = await createAppServices({ userData: w.stateDir, demo: true, host: 'browser-host', version: 't', dialogs: null, trustedOrigins: [] });
    let appOpen = true;
    cleanups.push(() => (appOpen ? app.shutdown() : undefined));
    const refused = run(w.send(0), w.work);
    expect(await refused.exited).toBe(2);
    expect(refused.out.stderr).toContain(`process ${process.pid} (WA Bulk Sender (browser host))`);
    await app.shutdown();
    appOpen = false;

    const cli = run(w.send(0.05), w.work);
    await cli.lines(1);
    cli.freeze();
    cleanups.push(() => cli.thaw());
    const second = await createAppServices({
      userData: w.stateDir,
      demo: true,
      host: 'browser-host',
      version: 't',
      dialogs: null,
      trustedOrigins: [],
    }).catch((e: unknown) => e);
    expect(second).toBeInstanceOf(FolderLockedError);
    expect((second as Error).message).toContain(`process ${cli.pid} (wa-bulk send`);
    cli.thaw();
    expect(await cli.exited).toBe(0);
    await expectEachOnce(w.perNumber);
  }, 60_000);
});

describe('wa-bulk: a damaged journal', () => {
  it('resume and report fail naming the file and line; nothing more is sent', async () => {
    const w = await workspace(10);
    const first = run(w.send(0.2), w.work);
    await first.lines(3);
    first.kill();
    await first.exited;
    const [id] = await fs.readdir(path.join(w.stateDir, 'campaigns'));
    const journal = path.join(w.stateDir, 'campaigns', id!, 'journal.jsonl');
    const lines = (await fs.readFile(journal, 'utf8')).split('\n');
    lines[2] = lines[2]!.replace('"t":"', '"t"!"');
    await fs.writeFile(journal, lines.join('\n'));
    const sentBefore = (await w.perNumber()).total;

    const resumed = run(w.resume, w.work);
    expect(await resumed.exited).not.toBe(0);
    expect(resumed.out.stderr).toContain(`cannot be loaded: ${journal}, line 3: `);
    expect(resumed.out.stdout).not.toMatch(/Nothing to resume/);
    const report = run(['report', '--state', w.stateDir, '--json'], w.work);
    expect(await report.exited).toBe(2);
    expect(report.out.stderr).toContain(`${journal}, line 3: `);
    expect((await w.perNumber()).total).toBe(sentBefore);
  }, 60_000);
});

describe.skipIf(process.platform === 'win32')('wa-bulk: owner-only files', () => {
  it('creates the state folder, campaign folders and files 0700/0600, and tightens a folder an older version left 0755', async () => {
    const w = await workspace(3);
    const sending = run(w.send(0.05), w.work);
    await sending.lines(1);
    sending.freeze();
    cleanups.push(() => sending.thaw());
    expect((await fs.stat(path.join(w.stateDir, LOCK_FILE))).mode & 0o777).toBe(0o600);
    sending.thaw();
    expect(await sending.exited).toBe(0);
    const [id] = await fs.readdir(path.join(w.stateDir, 'campaigns'));
    const campaignDir = path.join(w.stateDir, 'campaigns', id!);
    const dirs = [
      w.stateDir,
      path.join(w.stateDir, 'campaigns'),
      campaignDir,
      path.join(w.stateDir, 'state'),
      path.join(w.stateDir, 'state', 'daily-sends'),
      path.join(w.stateDir, 'whatsapp'),
    ];
    const files = [
      path.join(campaignDir, 'campaign.json'),
      path.join(campaignDir, 'contacts.jsonl'),
      path.join(campaignDir, 'journal.jsonl'),
      path.join(w.stateDir, 'simulate.json'),
      ...(await fs.readdir(path.join(w.stateDir, 'state', 'daily-sends'))).map((f) => path.join(w.stateDir, 'state', 'daily-sends', f)),
    ];
    const modes = async (paths: string[]) =>
      Object.fromEntries(await Promise.all(paths.map(async (p) => [path.relative(w.work, p), ((await fs.stat(p)).mode & 0o777).toString(8)])));
    expect(await modes(dirs)).toEqual(Object.fromEntries(dirs.map((d) => [path.relative(w.work, d), '700'])));
    expect(await modes(files)).toEqual(Object.fromEntries(files.map((f) => [path.relative(w.work, f), '600'])));

    await fs.chmod(w.stateDir, 0o755);
    const again = run(w.resume, w.work);
    expect(await again.exited, again.out.stderr).toBe(0);
    expect(again.out.stdout).toMatch(/Nothing to resume/);
    expect((await fs.stat(w.stateDir)).mode & 0o777).toBe(0o700);
  }, 60_000);
});
