import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { assertAppBuilt } from '../../support/built-app';

export const repoRoot = path.resolve(__dirname, '../../..');
const builtCli = path.join(repoRoot, 'out', 'main', 'cli.js');
const fallbackCli = path.join(repoRoot, 'node_modules', '.cache', 'wa-campaign-cli', 'cli.js');

/**
 * The command that runs `wa-bulk`: bin/wa-bulk.cjs over the real build, which test/global-setup.ts brought up to date
 * before the tests started. If that build failed, the CLI alone is bundled from the current sources with the same
 * esbuild settings, so the crash test still runs the real command over real processes.
 */
export function cliCommand(): string[] {
  // For a quick local check against another bundle of the CLI.
  if (process.env.WA_BULK_TEST_CLI) return [path.resolve(process.env.WA_BULK_TEST_CLI)];
  if (buildSucceeded() && fs.existsSync(builtCli)) return [path.join(repoRoot, 'bin', 'wa-bulk.cjs')];
  execFileSync(
    path.join(repoRoot, 'node_modules', '.bin', 'esbuild'),
    [
      'src/cli.ts',
      '--bundle',
      '--platform=node',
      '--target=node20',
      '--format=cjs',
      '--packages=external',
      `--outfile=${fallbackCli}`,
      '--log-level=error',
    ],
    { cwd: repoRoot, stdio: 'pipe', timeout: 120_000 },
  );
  return [fallbackCli];
}

function buildSucceeded(): boolean {
  try {
    assertAppBuilt();
    return true;
  } catch {
    return false;
  }
}
