// Finds the Electron binary for `npm start` without letting Electron's lazy installer print a stack trace and its
// "delete node_modules" advice where the download cannot work (an offline machine): the install runs with its
// output captured, and a failure comes back as one reason.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

/** Runs Electron's own installer (node_modules/electron/install.js) quietly; returns its output on failure. */
export function runElectronInstall(electronDir) {
  const result = spawnSync(process.execPath, [path.join(electronDir, 'install.js')], { encoding: 'utf8', timeout: 10 * 60_000 });
  if (result.status === 0) return { ok: true };
  return { ok: false, output: `${result.stderr ?? ''}\n${result.stdout ?? ''}${result.error ? `\n${result.error.message}` : ''}` };
}

/** The first line of an installer's output that says what went wrong, without stack frames. */
export function installFailureReason(output) {
  const lines = output
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line && !line.startsWith('at ') && !/^Downloading Electron/i.test(line));
  const line = lines.find((l) => /error|fail|ENOTFOUND|ECONNREFUSED|EAI_AGAIN|ETIMEDOUT|denied|404/i.test(l)) ?? lines[0];
  return line ? line.replace(/^(TypeError|Error|RequestError|HTTPError):\s*/, '').slice(0, 200) : 'the download did not complete';
}

/**
 * `{ ok: true, path }` when an Electron binary is there or could be installed now; `{ ok: false, reason }` when not.
 * `install` is injectable for tests.
 */
export function findElectronBinary({ electronDir, env = process.env, install = runElectronInstall }) {
  const pathFile = path.join(electronDir, 'path.txt');
  const name = () => (fs.existsSync(pathFile) ? fs.readFileSync(pathFile, 'utf8').trim() : '');
  if (env.ELECTRON_OVERRIDE_DIST_PATH) return { ok: true, path: path.join(env.ELECTRON_OVERRIDE_DIST_PATH, name() || 'electron') };
  const installed = () => name() && fs.existsSync(path.join(electronDir, 'dist', name()));
  if (!installed()) {
    const outcome = install(electronDir);
    if (!outcome.ok) return { ok: false, reason: installFailureReason(outcome.output) };
    if (!installed()) return { ok: false, reason: 'the installer finished but left no binary' };
  }
  return { ok: true, path: path.join(electronDir, 'dist', name()) };
}

/** The one paragraph `npm start` prints when the desktop window cannot start. */
export function electronUnavailableText(reason, demo) {
  return [
    '',
    `The desktop window cannot start here: Electron is not installed and could not be downloaded (${reason}).`,
    'You can use the same app in your browser instead:',
    `  npm run host${demo ? ' -- --demo' : ''}`,
    'then open the whole address it prints (the last part of it is a secret for that run).',
    '',
  ].join('\n');
}
