import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

export const repoRoot = path.resolve(__dirname, '../../..');
const builtCli = path.join(repoRoot, 'out', 'main', 'cli.js');
const fallbackCli = path.join(repoRoot, 'node_modules', '.cache', 'wa-campaign-cli', 'cli.js');

/**
 * The command that runs `wa-bulk`: bin/wa-bulk.cjs over the real build (made here only when missing; `npm test`
 * builds first). If the full build cannot be made, the CLI alone is bundled with the same esbuild settings, so the
 * crash test still runs the real command over real processes.
 */
export function cliCommand(): string[] {
  // For a quick local check against another bundle of the CLI.
  if (process.env.WA_BULK_TEST_CLI) return [path.resolve(process.env.WA_BULK_TEST_CLI)];
  if (!fs.existsSync(builtCli)) {
    try {
      execFileSync(process.execPath, ['scripts/build.mjs', '--quiet'], { cwd: repoRoot, stdio: 'pipe', timeout: 300_000 });
    } catch {
      // Fall through to the CLI-only bundle below.
    }
  }
  if (fs.existsSync(builtCli)) return [path.join(repoRoot, 'bin', 'wa-bulk.cjs')];
  execFileSync(
    path.join(repoRoot, 'node_modules', '.bin', 'esbuild'),
    ['src/cli.ts', '--bundle', '--platform=node', '--target=node20', '--format=cjs', '--packages=external', `--outfile=${fallbackCli}`, '--log-level=error'],
    { cwd: repoRoot, stdio: 'pipe', timeout: 120_000 },
  );
  return [fallbackCli];
}
