/**
 * Send throughput (figures only, nothing asserted on time; issue 14): through the real whatsapp-web.js and Chromium
 * against the stand-in WhatsApp Web (minified keys), N text messages to N registered numbers with zero delays.
 *   bare   a child Node process with a bare whatsapp-web.js Client (bench/bare-client-child.cjs) that logs in by
 *          QR and sends in a loop: getNumberId, then sendMessage(id, text, { sendSeen: false })
 *   app    `wa-bulk send --min-delay 0 --max-delay 0 --no-typing --daily-cap 100000 --receipt-wait 0`, the CLI
 *          bundled from the current source (as start-to-qr.bench.ts bundles it)
 * The stand-in scans the QR when the client asks for it (the bare client's 'qr' event; the CLI's QR drawing).
 * For each run:
 *   msg/s      messages the stand-in's server received, from the first to the last, by the bench's clock at its
 *              'sent' events: (N - 1) / (last - first)
 *   RSS        the Node process's VmRSS (/proc/PID/status, every 250 ms, and at the first and the last message):
 *              at the first message, the peak until the last, and the growth in MB and in % of the start
 *   receipts   the app's `wa-bulk report --state DIR --json` after it exits: sent, delivered (with --receipt-wait 0
 *              the last message's receipt may come after the exit and is then one short)
 *   duplicates numbers the stand-in received more than one message for
 * Runs alternate (bare, app, bare, app, ...) with a fresh stand-in and state folder each; figures are medians. The
 * process group is killed after each run and nothing of it may be left running. Beside the ratio of the rates, the
 * app's own cost per message (1000 / app rate - 1000 / bare rate, in ms) is printed: the ratio depends on how fast
 * the browser and the stand-in are on the machine, that cost much less.
 *
 * `npm run bench -- send-throughput` or
 * `npx tsx bench/send-throughput.bench.ts [--messages N (at most 8,000)] [--runs N] [--cpu-prof DIR]`.
 * --cpu-prof DIR writes a V8 CPU profile of each run's Node process to DIR (open in Chrome DevTools); profiling
 * slows the process, so its figures are not comparable with an unprofiled run's.
 */
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { StandinWhatsApp } from '../test/standin/standin-server';
import { arg, bareChild, buildCli, killGroup, loadAverage, median, seconds, untilGone } from './standin-kit';

/** Issue 14's count; 3 x 2 runs of it take 3-5 minutes on a loaded 2-core machine. */
const DEFAULT_MESSAGES = 2000;
const MESSAGES = Math.min(arg('--messages', DEFAULT_MESSAGES), 8000);
const RUNS = arg('--runs', 3);
const profileAt = process.argv.indexOf('--cpu-prof');
const PROFILE_DIR = profileAt >= 0 ? path.resolve(process.argv[profileAt + 1] ?? 'cpu-profiles') : null;
/** Only a hang ever reaches it: this long without a message (or, before the first, without a start). */
const IDLE_GUARD_MS = 90_000;
const SAMPLE_MS = 250;
const MB = 1024 * 1024;

type Kind = 'bare' | 'app';

/** Process groups of the runs under way and their folders: an interrupted bench leaves no Chromium behind. */
const running = new Map<number, string>();
let removeCli: () => void = () => undefined;
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    for (const [pgid, root] of running) {
      killGroup(pgid);
      // Chromium (its own group) exits as the pipe closes; its profile may still be written to for a moment.
      fs.rmSync(root, { recursive: true, force: true, maxRetries: 5, retryDelay: 200 });
    }
    removeCli();
    process.exit(130);
  });
}

interface Run {
  messages: number;
  msgPerSec: number;
  firstToLastMs: number;
  /** Spawn to the first message the stand-in received (start, login, first send). */
  toFirstMs: number;
  rss: { start: number; peak: number; end: number };
  duplicates: number;
  receipts: { sent: number; delivered: number } | null;
  load: string;
}

const digitsOf = (i: number) => `1415555${String(2000 + i)}`;
const textOf = (i: number) => `Hello Person ${i}`;

/** The process's resident set in bytes, or null once it has gone. */
function rssOf(pid: number): number | null {
  try {
    const kb = /^VmRSS:\s+(\d+)\s+kB/m.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
    return kb ? Number(kb[1]) * 1024 : null;
  } catch {
    return null;
  }
}

async function once(kind: Kind, waBulk: string, index: number): Promise<Run> {
  const standin = await StandinWhatsApp.start({ generation: 'minified' });
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'wa-send-throughput-'));
  const stateDir = path.join(root, 'state');
  for (let i = 0; i < MESSAGES; i++) standin.register(digitsOf(i));
  const nodeFlags = PROFILE_DIR ? ['--cpu-prof', `--cpu-prof-dir=${path.join(PROFILE_DIR, `${kind}-${index}`)}`] : [];
  let command: string[];
  if (kind === 'bare') {
    const contacts = path.join(root, 'contacts.json');
    fs.writeFileSync(contacts, JSON.stringify(Array.from({ length: MESSAGES }, (_, i) => [digitsOf(i), textOf(i)])));
    command = [bareChild, path.join(stateDir, 'session'), JSON.stringify(standin.browserArgs()), contacts];
  } else {
    const lines = Array.from({ length: MESSAGES }, (_, i) => `Person ${i},+${digitsOf(i)}`);
    fs.writeFileSync(path.join(root, 'contacts.csv'), `Name,Phone\n${lines.join('\n')}\n`);
    command = [
      waBulk,
      'send',
      '--contacts',
      path.join(root, 'contacts.csv'),
      '--message',
      'Hello {{name}}',
      '--country',
      'US',
      '--min-delay',
      '0',
      '--max-delay',
      '0',
      '--no-typing',
      '--daily-cap',
      '100000',
      '--receipt-wait',
      '0',
      '--state',
      stateDir,
      '--browser',
      standin.writeBrowserWrapper(root),
    ];
  }
  const load = loadAverage();
  const started = performance.now();
  // Its own process group, so the kill reaches Chromium and every helper it started.
  const child = spawn(process.execPath, [...nodeFlags, ...command], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  const pid = child.pid!;
  running.set(pid, root);
  const stdoutEnded = new Promise<void>((resolve) => child.stdout!.on('end', resolve));
  // With its last output read (a line may still be in the pipe at 'exit'; a browser still holding it is not waited for).
  const exited = new Promise<number | null>((resolve) =>
    child.on('exit', (code) => void Promise.race([stdoutEnded, new Promise((r) => setTimeout(r, 1000))]).then(() => resolve(code))),
  );
  let output = '';
  let scanned = false;
  let doneLine = '';
  const keep = (chunk: Buffer) => {
    output += chunk;
    // The CLI prints a line per contact; only the tail is ever shown.
    if (output.length > 200_000) output = output.slice(-100_000);
  };
  child.stdout!.on('data', (chunk: Buffer) => {
    keep(chunk);
    // Tested only until found: the bench process is the stand-in's server too, and the CLI prints a line a message.
    if (!scanned && (kind === 'bare' ? /^qr$/m : /Scan this QR code/).test(output)) {
      scanned = true;
      standin.scanQr();
    }
    if (kind === 'bare' && !doneLine) doneLine = /^done \d+ \d+$/m.exec(output)?.[0] ?? '';
  });
  child.stderr!.on('data', keep);

  const times: number[] = [];
  let rssStart = 0;
  let rssPeak = 0;
  let rssEnd = 0;
  let lastActivity = performance.now();
  const sample = () => {
    if (times.length === 0 || rssEnd) return;
    const rss = rssOf(pid);
    if (rss !== null) rssPeak = Math.max(rssPeak, rss);
  };
  const sampler = setInterval(sample, SAMPLE_MS);
  standin.on('sent', () => {
    const now = performance.now();
    lastActivity = now;
    times.push(now);
    if (times.length === 1) rssPeak = rssStart = rssOf(pid) ?? 0;
    if (times.length === MESSAGES) {
      rssEnd = rssOf(pid) ?? 0;
      rssPeak = Math.max(rssPeak, rssEnd);
    }
  });
  const fail = (what: string) =>
    new Error(`${kind} run ${index + 1}: ${what} (${times.length} of ${MESSAGES} messages received)\n${output.slice(-4000)}`);
  let idle: NodeJS.Timeout | undefined;
  try {
    // Until the process exits by itself: the CLI when the campaign is done, the bare client after its loop.
    await new Promise<void>((resolve, reject) => {
      idle = setInterval(() => {
        if (performance.now() - lastActivity > IDLE_GUARD_MS) reject(fail(`nothing for ${IDLE_GUARD_MS / 1000} s`));
      }, 1000);
      void exited.then((code) => {
        if (code === 0 && (kind === 'app' || doneLine)) resolve();
        else reject(fail(`exited with code ${code}`));
      });
    });
    if (times.length !== MESSAGES) throw fail('the stand-in did not receive every message');
    if (kind === 'bare' && doneLine !== `done ${MESSAGES} 0`) throw fail(`the bare loop ended with "${doneLine}"`);
    const receipts = kind === 'app' ? report(waBulk, stateDir, root) : null;
    const perNumber = new Map<string, number>();
    for (const m of standin.sentMessages()) perNumber.set(m.chat, (perNumber.get(m.chat) ?? 0) + 1);
    const firstToLastMs = times[times.length - 1]! - times[0]!;
    return {
      messages: times.length,
      msgPerSec: ((times.length - 1) / firstToLastMs) * 1000,
      firstToLastMs,
      toFirstMs: times[0]! - started,
      rss: { start: rssStart, peak: rssPeak, end: rssEnd },
      duplicates: [...perNumber.values()].filter((n) => n > 1).length,
      receipts,
      load,
    };
  } finally {
    clearInterval(sampler);
    clearInterval(idle);
    killGroup(pid);
    running.delete(pid);
    await exited;
    await untilGone(pid, root);
    await standin.close();
    fs.rmSync(root, { recursive: true, force: true });
  }
}

/** The app's own count of what it sent and which receipts it recorded. */
function report(waBulk: string, stateDir: string, cwd: string): { sent: number; delivered: number } {
  const r = spawnSync(process.execPath, [waBulk, 'report', '--state', stateDir, '--json'], { cwd, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`wa-bulk report exited with ${r.status}\n${r.stderr}`);
  const counts = JSON.parse(r.stdout) as { sent: number; delivered: number };
  return { sent: counts.sent, delivered: counts.delivered };
}

const mb = (bytes: number) => `${(bytes / MB).toFixed(1)} MB`;
const growth = (r: Run) => r.rss.peak - r.rss.start;
const growthPct = (r: Run) => (growth(r) / r.rss.start) * 100;

function line(kind: Kind, i: number, r: Run): string {
  const rss = `RSS ${mb(r.rss.start)} -> peak ${mb(r.rss.peak)} (+${mb(growth(r))}, +${growthPct(r).toFixed(1)}%), end ${mb(r.rss.end)}`;
  const receipts = r.receipts ? `, report: sent ${r.receipts.sent}, delivered ${r.receipts.delivered}` : '';
  return (
    `  ${kind.padEnd(4)} run ${i + 1}: ${r.msgPerSec.toFixed(1)} msg/s (${r.messages} in ${seconds(r.firstToLastMs)}; first after ${seconds(r.toFirstMs)}), ` +
    `${rss}, duplicates ${r.duplicates}${receipts}  [load ${r.load}]`
  );
}

function summary(kind: Kind, runs: Run[]): { msgPerSec: number; growthPct: number } {
  const m = {
    msgPerSec: median(runs.map((r) => r.msgPerSec)),
    start: median(runs.map((r) => r.rss.start)),
    peak: median(runs.map((r) => r.rss.peak)),
    growth: median(runs.map(growth)),
    growthPct: median(runs.map(growthPct)),
  };
  const name = kind === 'bare' ? 'bare whatsapp-web.js Client' : 'wa-bulk send';
  const receipts =
    kind === 'app'
      ? `; receipts recorded: sent ${runs.map((r) => r.receipts!.sent).join('/')}, delivered ${runs.map((r) => r.receipts!.delivered).join('/')}`
      : '';
  console.log(
    `${name}: median ${m.msgPerSec.toFixed(1)} msg/s; RSS start ${mb(m.start)}, peak ${mb(m.peak)}, growth +${mb(m.growth)} (+${m.growthPct.toFixed(1)}%); ` +
      `duplicates ${runs.map((r) => r.duplicates).join('/')}${receipts}`,
  );
  return m;
}

async function main(): Promise<void> {
  const cli = await buildCli('wa-send-throughput-');
  removeCli = cli.remove;
  try {
    await measure(cli.launcher);
  } finally {
    cli.remove();
  }
}

async function measure(waBulk: string): Promise<void> {
  const count = MESSAGES === DEFAULT_MESSAGES ? `${MESSAGES} messages` : `${MESSAGES} messages (--messages; issue 14's figures are for 2,000)`;
  console.log(
    `send throughput over the real whatsapp-web.js and Chromium, stand-in (minified keys): ${count} to as many numbers, zero delays, ${RUNS} runs each, alternated`,
  );
  if (PROFILE_DIR) console.log(`CPU profiles to ${PROFILE_DIR} (profiled runs are slower)`);
  const runs: Record<Kind, Run[]> = { bare: [], app: [] };
  for (let i = 0; i < RUNS; i++) {
    for (const kind of ['bare', 'app'] as const) {
      const run = await once(kind, waBulk, i);
      runs[kind].push(run);
      console.log(line(kind, i, run));
    }
  }
  const bare = summary('bare', runs.bare);
  const app = summary('app', runs.app);
  // The app's own cost per message, which the ratio hides: the faster the stand-in, the larger the same cost looks.
  const perMessage = (rate: number) => 1000 / rate;
  console.log(
    `app / bare: ${(app.msgPerSec / bare.msgPerSec).toFixed(2)} of the bare client's rate, ` +
      `+${(perMessage(app.msgPerSec) - perMessage(bare.msgPerSec)).toFixed(1)} ms per message; RSS growth ${(app.growthPct - bare.growthPct).toFixed(1)} points from the bare client's ` +
      `(issue 14: 20.5 vs 23.6 msg/s, 0.87, +${(perMessage(20.5) - perMessage(23.6)).toFixed(1)} ms per message; growth within 2.2 points)`,
  );
  console.log(`[load now ${loadAverage()}]`);
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
