/**
 * Exactly once under SIGKILL: `wa-bulk send` runs in a child process with zero delays and is killed at random
 * moments, then `wa-bulk resume` continues it, again and again. The simulated WhatsApp's outbox (fsynced before
 * each send returns) is the ground truth: every valid contact must be in it exactly once, and the report must agree.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { cliCommand, repoRoot } from './cli-build';
import { seededRandom } from '../../fakes/seeded-random';

let cli: string[];
beforeAll(() => {
  cli = cliCommand();
}, 320_000);

interface Run {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/**
 * Runs the CLI; kills it with SIGKILL after `afterMs`, or `thenMs` after `afterLines` contact lines were printed
 * (so the kill lands mid-sending, where a torn journal line or an unconfirmed send can happen), whichever is first.
 */
function runCli(args: string[], cwd: string, kill: { afterMs?: number; afterLines?: number; thenMs?: number }): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...cli, ...args], { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    let lines = 0;
    const killNow = () => child.kill('SIGKILL');
    const timer = kill.afterMs !== undefined ? setTimeout(killNow, kill.afterMs) : null;
    const guard = setTimeout(killNow, 60_000);
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk;
      lines = (stdout.match(/^\[\d+\/\d+\]/gm) ?? []).length;
      if (kill.afterLines !== undefined && lines >= kill.afterLines) setTimeout(killNow, kill.thenMs ?? 0);
    });
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (code, signal) => {
      if (timer) clearTimeout(timer);
      clearTimeout(guard);
      resolve({ code, signal, stdout, stderr });
    });
  });
}

async function hasCampaign(stateDir: string): Promise<boolean> {
  const dir = path.join(stateDir, 'campaigns');
  const names = await fs.readdir(dir).catch(() => [] as string[]);
  for (const name of names) {
    if (
      await fs.access(path.join(dir, name, 'campaign.json')).then(
        () => true,
        () => false,
      )
    )
      return true;
  }
  return false;
}

describe('wa-bulk send under SIGKILL', () => {
  it('delivers every valid contact exactly once across kills and resumes, and the report agrees', async () => {
    const work = await fs.mkdtemp(path.join(os.tmpdir(), 'wa-crash-'));
    const stateDir = path.join(work, 'state');
    const outbox = path.join(work, 'outbox.jsonl');
    const total = 80;
    const phones = Array.from({ length: total }, (_, i) => `+1415555${String(1000 + i)}`);
    const unregistered = phones.filter((_, i) => i % 11 === 3);
    const rows = ['Name,Phone,City', ...phones.map((p, i) => `Person ${i},${p},${i % 2 ? 'Rome' : ''}`), 'Broken,12,Oslo', `Again,${phones[5]},Rome`];
    await fs.writeFile(path.join(work, 'contacts.csv'), `${rows.join('\n')}\n`);
    await fs.writeFile(path.join(work, 'unregistered.txt'), `${unregistered.map((p) => p.slice(1)).join('\n')}\n`);
    const simulate = ['--simulate', '--simulate-outbox', outbox, '--simulate-unregistered', path.join(work, 'unregistered.txt')];
    const send = [
      'send',
      '--contacts',
      'contacts.csv',
      '--message',
      '{Hi|Hello|Hey} {{name}}, greetings from {{city|home}}!',
      '--country',
      'US',
      '--min-delay',
      '0',
      '--max-delay',
      '0',
      '--state',
      stateDir,
      ...simulate,
    ];
    const resume = ['resume', '--state', stateDir, ...simulate];

    const random = seededRandom(20261122);
    let kills = 0;
    let alreadySent = 0;
    let unconfirmed = 0;
    let finished: Run | null = null;
    for (let attempt = 0; attempt < 60 && !finished; attempt++) {
      const args = (await hasCampaign(stateDir)) ? resume : send;
      // Mostly kill a few contacts into the run (mid-sending); every third time at a random moment from the start
      // (start-up, import, reconciliation), but never later than a few contacts in: on a fast machine a timed kill
      // alone could let one run send the whole rest, leaving too few kills to prove anything.
      const kill =
        attempt % 3 === 0
          ? { afterMs: 50 + Math.floor(random() * 500), afterLines: 1 + Math.floor(random() * 6) }
          : { afterLines: 1 + Math.floor(random() * 6), thenMs: Math.floor(random() * 25) };
      const run = await runCli(args, work, kill);
      // Another `npm run build` in this checkout empties out/ for a moment: wait and try again, it proves nothing.
      if (run.code === 2 && /not built yet|Cannot find module/.test(run.stderr)) {
        await new Promise((resolve) => setTimeout(resolve, 3000));
        continue;
      }
      const reconciled = /Reconciled (\d+) unconfirmed contact\(s\): (\d+) already sent/.exec(run.stderr);
      unconfirmed += Number(reconciled?.[1] ?? 0);
      alreadySent += Number(reconciled?.[2] ?? 0);
      if (run.signal === 'SIGKILL') kills += 1;
      else if (run.code === 0) finished = run;
      else throw new Error(`wa-bulk ${args[0]} exited with ${run.code}:\n${run.stderr}\n${run.stdout}`);
    }
    // Make sure it ends: the last runs are not killed.
    for (let attempt = 0; attempt < 3 && !finished; attempt++) {
      const run = await runCli((await hasCampaign(stateDir)) ? resume : send, work, {});
      if (run.code !== 0) throw new Error(`wa-bulk exited with ${run.code}:\n${run.stderr}`);
      finished = run;
    }
    expect(kills).toBeGreaterThanOrEqual(5);
    // Figures for the log: how often a kill fell between WhatsApp accepting a message and the journal saying so.
    console.log(`crash test: ${kills} kills; ${unconfirmed} unconfirmed sends reconciled, ${alreadySent} of them found already sent`);

    const sent = (await fs.readFile(outbox, 'utf8'))
      .split('\n')
      .filter(Boolean)
      .map((line) => JSON.parse(line) as { to: string; body: string; id: string });
    const perNumber = new Map<string, number>();
    for (const m of sent) perNumber.set(m.to, (perNumber.get(m.to) ?? 0) + 1);
    const valid = phones.filter((p) => !unregistered.includes(p)).map((p) => p.slice(1));
    for (const digits of valid) expect(perNumber.get(digits), `messages to ${digits}`).toBe(1);
    expect(sent).toHaveLength(valid.length);
    for (const m of sent) {
      const i = phones.indexOf(`+${m.to}`);
      expect(m.body).toMatch(new RegExp(`^(Hi|Hello|Hey) Person ${i}, greetings from ${i % 2 ? 'Rome' : 'home'}!$`));
    }

    const report = await runCli(['report', '--state', stateDir, '--json'], work, {});
    expect(report.code).toBe(0);
    const counts = JSON.parse(report.stdout) as Record<string, number>;
    expect(counts).toMatchObject({
      total,
      sent: sent.length,
      skipped: unregistered.length,
      failed: 0,
      pending: 0,
      unconfirmed: 0,
    });
    await fs.rm(work, { recursive: true, force: true });
  }, 240_000);
});

void repoRoot;
