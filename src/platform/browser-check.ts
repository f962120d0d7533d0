/**
 * Checks that a program the operator chose is Chrome, Edge or Chromium before it is saved as the browser that runs
 * WhatsApp Web: the app starts that program later, so a wrong choice (a shell, a script) must be refused here, with
 * a message saying what the program is instead.
 *
 * Linux and macOS: the program is run once with `--version` (no shell, a time limit, its whole process group killed
 * on timeout) and its first line must name one of the three browsers. Windows: `chrome.exe --version` opens a
 * window instead of printing, so the file name must be chrome.exe or msedge.exe with the version-named folder that
 * Chrome's and Edge's installers put beside it. This tells a wrong choice from a right one; it is not a defence
 * against a program written to pass it (the operator chose the file in the app's own dialog).
 */
import { spawn } from 'node:child_process';
import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { AppFailure } from '../shared/result';

export interface CheckedBrowser {
  /** The executable to start (inside the bundle when a macOS .app was chosen). */
  executablePath: string;
  /** What the browser says it is, e.g. "Chromium 156.0.8078.108 built on Debian GNU/Linux 12 (bookworm)". */
  version: string;
}

export interface BrowserCheckOptions {
  platform?: NodeJS.Platform;
  /** How long `--version` may take; a browser answers in well under a second. */
  timeoutMs?: number;
}

export const BROWSER_VERSION_TIMEOUT_MS = 10_000;

/** "Google Chrome 126.0.6478.126", "Google Chrome for Testing 126…", "Chromium 156.0.8078.108 built on Debian…", "Microsoft Edge 126…". */
const VERSION_LINE = /^(Google Chrome|Chromium|Microsoft Edge)\b.*?\b\d+\.\d+\.\d+\.\d+\b/;
const WINDOWS_BROWSERS = new Set(['chrome.exe', 'msedge.exe']);
const VERSION_FOLDER = /^\d+\.\d+\.\d+\.\d+$/;
/** Enough for any version line; a program that prints more is not answering --version. */
const MAX_OUTPUT = 4096;

const refuse = (message: string) => new AppFailure('bad_request', message);

export async function checkBrowser(chosen: string, options: BrowserCheckOptions = {}): Promise<CheckedBrowser> {
  const platform = options.platform ?? process.platform;
  const executablePath = await executableOf(chosen, platform);
  if (platform === 'win32') return checkWindowsBrowser(executablePath);
  const answer = await runVersion(executablePath, options.timeoutMs ?? BROWSER_VERSION_TIMEOUT_MS);
  const lines = (text: string) =>
    text
      .split(/\r?\n/)
      .map((line) => line.trim())
      .filter(Boolean);
  // The version is on stdout; a warning may come first, so any line of it counts.
  const version = lines(answer.stdout).find((line) => VERSION_LINE.test(line));
  if (version === undefined) {
    const said = lines(answer.stdout)[0] ?? lines(answer.stderr)[0];
    throw refuse(`${chosen} is not Chrome, Edge or Chromium: asked for its version it answered ${said ? `"${said.slice(0, 120)}"` : 'nothing'}.`);
  }
  return { executablePath, version };
}

/** A regular file; on macOS the program inside a chosen .app bundle. */
async function executableOf(chosen: string, platform: NodeJS.Platform): Promise<string> {
  const info = await stat(chosen).catch(() => null);
  if (!info) throw refuse(`${chosen} does not exist.`);
  if (info.isDirectory() && platform === 'darwin' && chosen.replace(/\/+$/, '').endsWith('.app')) {
    const bundle = chosen.replace(/\/+$/, '');
    // Chrome, Edge and Chromium name their executable after the bundle ("Google Chrome.app/Contents/MacOS/Google Chrome").
    const inside = path.join(bundle, 'Contents', 'MacOS', path.basename(bundle, '.app'));
    const insideInfo = await stat(inside).catch(() => null);
    if (insideInfo?.isFile()) return inside;
    throw refuse(`${chosen} is not Chrome, Edge or Chromium: it has no Contents/MacOS/${path.basename(bundle, '.app')}.`);
  }
  if (!info.isFile()) throw refuse(`${chosen} is not a program file.`);
  return chosen;
}

async function checkWindowsBrowser(executablePath: string): Promise<CheckedBrowser> {
  const name = path.win32.basename(executablePath).toLowerCase();
  if (!WINDOWS_BROWSERS.has(name)) {
    throw refuse(`${executablePath} is not Chrome, Edge or Chromium: choose chrome.exe or msedge.exe.`);
  }
  const dir = path.win32.dirname(executablePath);
  const versions = (await readdir(dir).catch(() => [] as string[])).filter((entry) => VERSION_FOLDER.test(entry));
  if (versions.length === 0) {
    throw refuse(`${executablePath} is not an installed Chrome, Edge or Chromium: there is no version folder beside it.`);
  }
  const newest = versions.sort((a, b) => compareVersions(b, a))[0]!;
  const product = name === 'msedge.exe' ? 'Microsoft Edge' : /chromium/i.test(executablePath) ? 'Chromium' : 'Google Chrome';
  return { executablePath, version: `${product} ${newest}` };
}

function compareVersions(a: string, b: string): number {
  const pa = a.split('.').map(Number);
  const pb = b.split('.').map(Number);
  for (let i = 0; i < 4; i++) if (pa[i] !== pb[i]) return (pa[i] ?? 0) - (pb[i] ?? 0);
  return 0;
}

/**
 * Runs `program --version` and gives its output. No shell; stdin closed; on POSIX the program leads its own process
 * group, so a script that started children is killed with them when the time is up (execFile's timeout kills
 * only the first process and then waits for the children that still hold its output).
 */
function runVersion(program: string, timeoutMs: number): Promise<{ stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const posix = process.platform !== 'win32';
    let child: ReturnType<typeof spawn>;
    try {
      child = spawn(program, ['--version'], { stdio: ['ignore', 'pipe', 'pipe'], detached: posix, windowsHide: true });
    } catch (err) {
      reject(refuse(`${program} could not be run: ${(err as Error).message}`));
      return;
    }
    const output = { stdout: '', stderr: '' };
    let settled = false;
    const finish = (outcome: { answer: typeof output } | { error: AppFailure }) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      child.stdout?.destroy();
      child.stderr?.destroy();
      if ('answer' in outcome) resolve(outcome.answer);
      else reject(outcome.error);
    };
    const kill = () => {
      try {
        if (posix && child.pid !== undefined) process.kill(-child.pid, 'SIGKILL');
        else child.kill('SIGKILL');
      } catch {
        // already gone
      }
    };
    const collect = (stream: 'stdout' | 'stderr') => (chunk: Buffer) => {
      output[stream] += chunk.toString('utf8');
      if (output[stream].length > MAX_OUTPUT) {
        kill();
        output[stream] = output[stream].slice(0, MAX_OUTPUT);
        finish({ answer: output });
      }
    };
    child.stdout?.on('data', collect('stdout'));
    child.stderr?.on('data', collect('stderr'));
    const timer = setTimeout(() => {
      kill();
      finish({
        error: refuse(`${program} is not Chrome, Edge or Chromium: it did not answer --version within ${Math.round(timeoutMs / 100) / 10} s.`),
      });
    }, timeoutMs);
    child.once('error', (err: NodeJS.ErrnoException) => {
      const why = err.code === 'EACCES' ? 'it is not executable' : err.message;
      finish({ error: refuse(`${program} could not be run: ${why}.`) });
    });
    child.once('close', () => {
      kill(); // anything it left running in its group: it was asked for a version only
      finish({ answer: output });
    });
  });
}
