/**
 * What the benches over the stand-in WhatsApp Web share (start-to-qr.bench.ts, send-throughput.bench.ts): the CLI
 * bundled from the current source, process-group bookkeeping so no Chromium outlives a run, and small figures.
 */
import { execFileSync } from 'node:child_process';
import { build } from 'esbuild';
import fs from 'node:fs';
import path from 'node:path';

export const repoRoot = path.resolve(__dirname, '..');
/** The bare whatsapp-web.js Client the app is compared with (`node bench/bare-client-child.cjs ...`). */
export const bareChild = path.join(__dirname, 'bare-client-child.cjs');

/** A numeric `--name N` flag of the bench's command line. */
export const arg = (name: string, fallback: number): number => {
  const i = process.argv.indexOf(name);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
};

export const loadAverage = (): string => fs.readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');

/**
 * The CLI from the current source, bundled as scripts/build.mjs bundles out/main/cli.js, in a folder of its own
 * (`prefix` names it) so the bench never measures a stale out/ or empties it under a parallel test; returns its
 * launcher (as bin/wa-bulk.cjs starts out/main/cli.js).
 */
export async function buildCli(prefix: string): Promise<{ launcher: string; remove: () => void }> {
  const cache = path.join(repoRoot, 'node_modules', '.cache');
  fs.mkdirSync(cache, { recursive: true });
  // Under node_modules, so the bundle's external packages resolve as they do from out/.
  const outdir = fs.mkdtempSync(path.join(cache, prefix));
  await build({
    entryPoints: { cli: path.join(repoRoot, 'src/cli.ts') },
    outdir,
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    packages: 'external',
    logLevel: 'error',
  });
  const launcher = path.join(outdir, 'wa-bulk.cjs');
  fs.writeFileSync(launcher, "require('./cli.js').runFromProcess();\n");
  return { launcher, remove: () => fs.rmSync(outdir, { recursive: true, force: true }) };
}

/** Live (not zombie) processes of a process group: the child, its Chromium and Chromium's helpers. */
export function groupMembers(pgid: number): string[] {
  const out = execFileSync('ps', ['-eo', 'pid=,pgid=,stat='], { encoding: 'utf8' });
  return out
    .split('\n')
    .map((line) => line.trim().split(/\s+/))
    .filter(([pid, group, stat]) => pid && Number(group) === pgid && !stat?.startsWith('Z'))
    .map(([pid]) => pid!);
}

/** Chromium processes whose profile lives under `root`, whatever their group. */
export function browsersUnder(root: string): string[] {
  const out = execFileSync('ps', ['-eo', 'pid,args'], { encoding: 'utf8' });
  return out.split('\n').filter((line) => line.includes(root) && /chrom/i.test(line));
}

/** SIGKILL to a whole process group (a child spawned `detached`, with everything it started). */
export function killGroup(pgid: number): void {
  try {
    process.kill(-pgid, 'SIGKILL');
  } catch {
    // The whole group has already exited.
  }
}

/** Waits (polling process state, which has no event) until nothing of the killed run is running. */
export async function untilGone(pgid: number, root: string): Promise<void> {
  const end = Date.now() + 15_000;
  while (groupMembers(pgid).length > 0 || browsersUnder(root).length > 0) {
    if (Date.now() > end) throw new Error(`processes left running after the kill: ${[...groupMembers(pgid), ...browsersUnder(root)].join(', ')}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

export const median = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
};

export const seconds = (ms: number): string => `${(ms / 1000).toFixed(2)} s`;
