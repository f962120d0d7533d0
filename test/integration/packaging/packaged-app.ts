import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import { isBuiltin } from 'node:module';
import path from 'node:path';
import { assertAppBuilt } from '../../support/built-app';

export const repoRoot = path.resolve(__dirname, '../../..');

/** What `npm test` builds before the tests run; packed as it is. */
const builtFiles = ['out/main/main.js', 'out/main/import-worker.js', 'out/preload/preload.js', 'out/renderer/index.html'];

/** Runs a command to its exit; rejects with the end of its output when it fails. */
export function run(command: string, args: string[], options: { cwd: string; env?: NodeJS.ProcessEnv }): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: options.cwd, env: options.env ?? process.env, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code, signal) => {
      if (code === 0) resolve(output);
      else reject(new Error(`${path.basename(command)} ${args.join(' ')} ended with ${code ?? signal}:\n${output.slice(-4000)}`));
    });
  });
}

/**
 * out/ as test/global-setup.ts left it (built before the tests when older than its sources); fails with the build's
 * error, or when a file to pack is missing.
 */
export async function ensureBuilt(): Promise<void> {
  assertAppBuilt();
  const missing = builtFiles.filter((f) => !existsSync(path.join(repoRoot, f)));
  if (missing.length > 0) throw new Error(`Not built: ${missing.join(', ')} (npm run build)`);
}

/**
 * `electron-builder --linux --dir` with the repository's electron-builder.yml, Electron taken from `electronDist`
 * and the output in `outputDir`. Returns the unpacked app folder (linux-unpacked).
 */
export async function packLinuxDir(electronDist: string, outputDir: string): Promise<string> {
  const cli = require.resolve('electron-builder/cli.js', { paths: [repoRoot] });
  const env = { ...process.env, CSC_IDENTITY_AUTO_DISCOVERY: 'false' };
  await run(
    process.execPath,
    [cli, '--linux', '--dir', '--publish', 'never', `-c.electronDist=${electronDist}`, `-c.directories.output=${outputDir}`],
    { cwd: repoRoot, env },
  );
  return path.join(outputDir, 'linux-unpacked');
}

/** Every file under `dir`, as paths relative to it with forward slashes. */
export async function listFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries
    .filter((e) => e.isFile())
    .map((e) => path.relative(dir, path.join(e.parentPath, e.name)).split(path.sep).join('/'))
    .sort();
}

/** Bytes of a file, or of every file under a folder. */
export async function sizeOf(target: string): Promise<number> {
  const info = await stat(target);
  if (!info.isDirectory()) return info.size;
  let total = 0;
  for (const file of await listFiles(target)) total += (await stat(path.join(target, file))).size;
  return total;
}

/**
 * The packages a bundle loads by name: `require("x")` and `import("x")` with a string, leaving out relative paths
 * and Node's built-in modules.
 */
export function bareSpecifiers(source: string): string[] {
  const found = new Set<string>();
  for (const match of source.matchAll(/\b(?:require|import)\(\s*(["'])([^"'./][^"']*)\1\s*\)/g)) {
    const specifier = match[2]!;
    if (!isBuiltin(specifier)) found.add(specifier);
  }
  return [...found].sort();
}

/** The first node_modules folder in `dir` or above it, if any. */
export function nodeModulesAbove(dir: string): string | null {
  for (let at = path.resolve(dir); ; at = path.dirname(at)) {
    if (existsSync(path.join(at, 'node_modules'))) return path.join(at, 'node_modules');
    if (path.dirname(at) === at) return null;
  }
}
