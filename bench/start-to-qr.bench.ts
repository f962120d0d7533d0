/**
 * Start-to-QR (figures only, nothing asserted on time; issue 14): through the real whatsapp-web.js and Chromium
 * against the stand-in WhatsApp Web (minified keys), the time from spawning a process until the stand-in sees a
 * page ask for a QR code.
 *   bare   a child Node process with a bare whatsapp-web.js Client (bench/bare-client-child.cjs)
 *   app    `wa-bulk send` with a few hundred contacts in a CSV: the CLI bundled from the current source with the
 *          settings of scripts/build.mjs, started as bin/wa-bulk.cjs starts out/main/cli.js
 * Each run has a fresh stand-in and a fresh state folder; runs alternate (bare, app, bare, app, ...) and each
 * figure is the median, with the fastest run beside it (steadier on a loaded machine). The app's run also notes
 * when its contacts were imported, its campaign created and its QR drawn in the terminal. The process group is
 * killed at the QR and nothing of it may be left running.
 *
 * `npm run bench -- start-to-qr` or `npx tsx bench/start-to-qr.bench.ts [--runs N] [--contacts N] [--cli FILE]...`.
 * The bundle goes to a folder of its own, so the bench never measures a stale out/ or empties it under a parallel
 * test. Each `--cli` adds another build's bin/wa-bulk.cjs to the rotation (e.g. a worktree of an older commit), so
 * builds compare under the same load.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { StandinWhatsApp } from '../test/standin/standin-server';
import { arg, bareChild, buildCli, killGroup, loadAverage, median, seconds, untilGone } from './standin-kit';

const otherClis = process.argv.flatMap((a, i) => (a === '--cli' && process.argv[i + 1] ? [path.resolve(process.argv[i + 1]!)] : []));
const RUNS = arg('--runs', 3);
const CONTACTS = arg('--contacts', 300);
/** Only a hang ever reaches it. */
const GUARD_MS = 90_000;

interface Run {
  ms: number;
  /** Milliseconds from spawn to each marked line of the process's output. */
  marks: Record<string, number>;
  load: string;
}

/** The bare client (no CLI), or `wa-bulk send` from the given bin/wa-bulk.cjs. */
interface Case {
  name: string;
  cli: string | null;
}

function writeContacts(file: string): void {
  const lines = Array.from({ length: CONTACTS }, (_, i) => `Person ${i},+1415555${String(2000 + i)}`);
  fs.writeFileSync(file, `Name,Phone\n${lines.join('\n')}\n`);
}

/** Lines of the app's stderr whose arrival is worth a mark, by a short name. */
const MARKS: Array<[string, RegExp]> = [
  ['contacts imported', /contacts to message/],
  ['campaign created', /^Campaign \S+ created/m],
];
const QR_DRAWN = /Scan this QR code/;

async function once(kind: Case): Promise<Run> {
  const standin = await StandinWhatsApp.start({ generation: 'minified' });
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'wa-start-to-qr-'));
  const stateDir = path.join(root, 'state');
  let command: string[];
  if (!kind.cli) {
    command = [bareChild, path.join(stateDir, 'session'), JSON.stringify(standin.browserArgs())];
  } else {
    writeContacts(path.join(root, 'contacts.csv'));
    const browser = standin.writeBrowserWrapper(root);
    command = [
      kind.cli,
      'send',
      '--contacts',
      path.join(root, 'contacts.csv'),
      '--message',
      'Hello {{name}}, your order is ready.',
      '--state',
      stateDir,
      '--browser',
      browser,
      '--min-delay',
      '0',
      '--max-delay',
      '0',
      '--country',
      'US',
    ];
  }
  const load = loadAverage();
  const started = performance.now();
  // Its own process group, so the kill reaches Chromium and every helper it started.
  const child = spawn(process.execPath, command, { cwd: root, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  const exited = new Promise<void>((resolve) => child.on('exit', () => resolve()));
  let output = '';
  const marks: Record<string, number> = {};
  let drawn: () => void = () => undefined;
  const qrDrawn = new Promise<void>((resolve) => (drawn = resolve));
  child.stdout!.on('data', (chunk: Buffer) => {
    output += chunk;
    if (!('QR drawn' in marks) && QR_DRAWN.test(output)) {
      marks['QR drawn'] = performance.now() - started;
      drawn();
    }
  });
  child.stderr!.on('data', (chunk: Buffer) => {
    output += chunk;
    for (const [name, pattern] of MARKS) if (!(name in marks) && pattern.test(output)) marks[name] = performance.now() - started;
  });
  const guarded = <T>(work: Promise<T>, what: string) =>
    new Promise<T>((resolve, reject) => {
      const guard = setTimeout(() => reject(new Error(`${kind.name}: no ${what} within ${GUARD_MS / 1000} s\n${output}`)), GUARD_MS);
      void work.then((value) => {
        clearTimeout(guard);
        resolve(value);
      });
      void exited.then(() => {
        clearTimeout(guard);
        reject(new Error(`${kind.name}: exited (code ${child.exitCode}) before its ${what}\n${output}`));
      });
    });
  try {
    const ms = await guarded(new Promise<number>((resolve) => standin.once('qr', () => resolve(performance.now() - started))), 'QR');
    // The figure is the page asking for a QR; the terminal drawing is noted beside it.
    if (kind.cli) await guarded(qrDrawn, 'QR drawing');
    return { ms, marks, load };
  } finally {
    killGroup(child.pid!);
    await exited;
    await untilGone(child.pid!, root);
    await standin.close();
    fs.rmSync(root, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  const cli = await buildCli('wa-start-to-qr-');
  try {
    await measure(cli.launcher);
  } finally {
    cli.remove();
  }
}

async function measure(waBulk: string): Promise<void> {
  const cases: Case[] = [
    { name: 'bare', cli: null },
    { name: 'app', cli: waBulk },
    ...otherClis.map((cli, i) => ({ name: `app#${i + 2} (${cli})`, cli })),
  ];
  console.log(
    `start to QR over the real whatsapp-web.js and Chromium, stand-in (minified keys), ${RUNS} runs each, alternated; app: wa-bulk send with ${CONTACTS} contacts`,
  );
  const runs = new Map<Case, Run[]>(cases.map((c) => [c, []]));
  for (let i = 0; i < RUNS; i++) {
    for (const kind of cases) {
      const run = await once(kind);
      runs.get(kind)!.push(run);
      const marks = Object.entries(run.marks)
        .map(([name, ms]) => `${name} at ${seconds(ms)}`)
        .join(', ');
      console.log(`  ${kind.name.split(' ')[0]!.padEnd(5)} run ${i + 1}: ${seconds(run.ms)}  [load ${run.load}]${marks ? `  (${marks})` : ''}`);
    }
  }
  // The fastest run is printed too: on a loaded machine it is the steadier figure of what the start itself costs.
  const figures = (kind: Case) => {
    const ms = runs.get(kind)!.map((r) => r.ms);
    return { median: median(ms), fastest: Math.min(...ms) };
  };
  const bare = figures(cases[0]!);
  console.log(`bare whatsapp-web.js Client: median ${seconds(bare.median)} (fastest ${seconds(bare.fastest)})`);
  for (const kind of cases.slice(1)) {
    const app = figures(kind);
    console.log(
      `wa-bulk send, ${kind.name}: median ${seconds(app.median)} (fastest ${seconds(app.fastest)}), ratio to bare ${(app.median / bare.median).toFixed(2)} (fastest ${(app.fastest / bare.fastest).toFixed(2)})`,
    );
  }
  console.log(`[load now ${loadAverage()}]`);
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
