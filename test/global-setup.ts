/**
 * Vitest global set-up: builds out/ once, before any worker starts, when it is missing or older than any of its
 * sources, so a test that runs the built app (the CLI, the browser host, the packaging test) never tests old code.
 * `npm test` builds first; out/ is then newer than every source and nothing is built twice.
 *
 * A failed build does not stop the unit tests: its output is handed to the tests (`inject('appBuild')`), and every
 * test that needs out/ fails with it (test/support/built-app.ts).
 */
import { execFile } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import type { AppBuild } from './support/built-app';

const repoRoot = path.resolve(__dirname, '..');
/** What scripts/build.mjs reads. */
const buildInputs = ['src', 'preload', 'renderer', 'scripts/build.mjs', 'scripts/worker-bundle.mjs', 'vite.config.ts'];
/** What it writes (it empties out/ first, so every output is as new as the build). */
const buildOutputs = [
  'out/main/main.js',
  'out/main/cli.js',
  'out/main/devhost.js',
  'out/main/import-worker.js',
  'out/preload/preload.js',
  'out/renderer/index.html',
];

/** The newest modification time under `entry` (a file, or a folder walked whole; a folder's own time counts, so a
 * deleted source makes it newer too). */
function newestMtime(entry: string): number {
  let stat;
  try {
    stat = statSync(entry);
  } catch {
    return 0;
  }
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const child of readdirSync(entry)) {
    if (child === 'node_modules') continue;
    newest = Math.max(newest, newestMtime(path.join(entry, child)));
  }
  return newest;
}

/** Why out/ must be (re)built, or null when it is newer than every source. */
export function staleReason(root = repoRoot): string | null {
  let oldestOutput = Number.POSITIVE_INFINITY;
  for (const file of buildOutputs) {
    const mtime = newestMtime(path.join(root, file));
    if (mtime === 0) return `${file} is missing`;
    oldestOutput = Math.min(oldestOutput, mtime);
  }
  const newer = buildInputs.filter((input) => newestMtime(path.join(root, input)) > oldestOutput);
  return newer.length > 0 ? `${newer.join(', ')} changed since the last build` : null;
}

function build(): Promise<AppBuild> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ['scripts/build.mjs', '--quiet'],
      { cwd: repoRoot, timeout: 300_000, maxBuffer: 16 * 1024 * 1024 },
      (err, stdout, stderr) =>
        resolve(
          err
            ? { built: false, error: `node scripts/build.mjs failed: ${err.message}\n${stdout}${stderr}`.slice(0, 8000) }
            : { built: true, error: null },
        ),
    );
  });
}

/**
 * Test runs in one checkout (two terminals, or a second copy of the suite) share out/, and the build empties it
 * first. So a run that builds takes a lock (a folder holding its pid) for the build, and waits first until no other
 * run that uses out/ is still going: each such run leaves its pid in `readers/` until its teardown.
 */
const cacheDir = path.join(repoRoot, 'node_modules', '.cache', 'wa-test-build');
const lockDir = path.join(cacheDir, 'lock');
const readersDir = path.join(cacheDir, 'readers');
/** Guards that turn a hang into a named failure: a build takes seconds, a whole other suite minutes. */
const LOCK_GUARD_MS = 20 * 60_000;
const READERS_GUARD_MS = 15 * 60_000;

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

const pause = () => new Promise((resolve) => setTimeout(resolve, 250));

async function withBuildLock<T>(work: () => Promise<T>): Promise<T> {
  mkdirSync(cacheDir, { recursive: true });
  const giveUp = Date.now() + LOCK_GUARD_MS;
  for (;;) {
    try {
      mkdirSync(lockDir);
      writeFileSync(path.join(lockDir, 'pid'), String(process.pid));
      break;
    } catch {
      const holder = Number(readFileSafe(path.join(lockDir, 'pid')));
      // A holder that died leaves the lock behind.
      if (holder > 0 && !alive(holder)) rmSync(lockDir, { recursive: true, force: true });
      else if (Date.now() > giveUp) throw new Error(`Another test run has held ${lockDir} for ${LOCK_GUARD_MS / 60_000} min`);
      else await pause();
    }
  }
  try {
    return await work();
  } finally {
    rmSync(lockDir, { recursive: true, force: true });
  }
}

/** The other live test runs using out/ (dead ones are forgotten). */
function otherReaders(): number[] {
  mkdirSync(readersDir, { recursive: true });
  const pids = readdirSync(readersDir)
    .map(Number)
    .filter((pid) => pid > 0 && pid !== process.pid);
  for (const pid of pids.filter((p) => !alive(p))) rmSync(path.join(readersDir, String(pid)), { force: true });
  return pids.filter(alive);
}

async function untilNoOtherReaders(): Promise<void> {
  const giveUp = Date.now() + READERS_GUARD_MS;
  let said = false;
  for (let readers = otherReaders(); readers.length > 0; readers = otherReaders()) {
    if (Date.now() > giveUp) throw new Error(`Test runs ${readers.join(', ')} still use out/ after ${READERS_GUARD_MS / 60_000} min`);
    if (!said) console.log(`Waiting for test run(s) ${readers.join(', ')} to finish with out/ before building…`);
    said = true;
    await pause();
  }
}

function readFileSafe(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return '';
  }
}

/** The helpers through which a test runs out/: a test file that imports one of them needs the build. */
const BUILT_APP_HELPERS = /support\/app-host|campaign\/cli-build|packaging\/packaged-app/;

/**
 * Whether this run has a test that runs out/. A run of a few unit tests builds nothing, so it neither waits for a
 * build nor empties out/ under another run's browser-host test. The file filters given on the command line are
 * Vitest's own (`filenamePattern`, not public: without it every test file counts, which builds when stale).
 */
async function runNeedsBuild(project: TestProject): Promise<boolean> {
  const filters = (project.vitest as unknown as { filenamePattern?: string[] }).filenamePattern;
  const { testFiles } = await project.globTestFiles(filters);
  return testFiles.some((file) => BUILT_APP_HELPERS.test(readFileSafe(file)));
}

export default async function setup(project: TestProject): Promise<() => void> {
  if (!(await runNeedsBuild(project))) {
    project.provide('appBuild', { built: false, error: null });
    return () => undefined;
  }
  const reader = path.join(readersDir, String(process.pid));
  const result = await withBuildLock(async (): Promise<AppBuild> => {
    const reason = staleReason();
    let outcome: AppBuild = { built: false, error: null };
    if (reason !== null) {
      await untilNoOtherReaders();
      console.log(`Building out/ before the tests (${reason})…`);
      outcome = await build();
    }
    // Registered before the lock is let go, so no other run's build can start between this check and the tests.
    // (On a fresh clone with out/ already built by `npm test`, nothing above has made the folder yet.)
    mkdirSync(readersDir, { recursive: true });
    writeFileSync(reader, '');
    return outcome;
  }).catch((err: unknown): AppBuild => ({ built: false, error: String(err) }));
  if (result.error) console.error(result.error);
  project.provide('appBuild', result);
  return () => rmSync(reader, { force: true });
}
