import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { HOST_USAGE, HostUsageError, parseHostCommand } from '../../../src/devhost/host-args';
import { loadHostSecret } from '../../../src/devhost/host-secret';
import { assertAppBuilt } from '../../support/built-app';
// Through the e2e helpers, so the global set-up builds out/ before this file runs the built host.
import { repoRoot } from '../../e2e/support/app-host';

function usageError(argv: string[]): HostUsageError {
  try {
    parseHostCommand(argv);
  } catch (err) {
    if (err instanceof HostUsageError) return err;
    throw err;
  }
  throw new Error(`${argv.join(' ')} was accepted`);
}

describe('browser host command line', () => {
  it('--help and -h ask for the usage, whatever else is on the line', () => {
    expect(parseHostCommand(['--help'])).toEqual({ kind: 'help' });
    expect(parseHostCommand(['-h'])).toEqual({ kind: 'help' });
    expect(parseHostCommand(['--demo', '--bogus', '--help'])).toEqual({ kind: 'help' });
    expect(HOST_USAGE).toContain('--data-dir DIR');
    expect(HOST_USAGE).toContain('--demo-offline-after-ms N');
  });

  it('reads the known flags and their values', () => {
    const cmd = parseHostCommand(['--demo', '--port', '0', '--data-dir', '/tmp/x', '--auto-scan-ms', '10', '--demo-fail-auth']);
    expect(cmd.kind).toBe('run');
    if (cmd.kind !== 'run') return;
    expect(cmd.args).toMatchObject({ demo: true, port: 0, dataDir: path.resolve('/tmp/x'), browser: null });
    expect(cmd.args.demoOptions).toMatchObject({ autoScanMs: 10, failAuth: true });
  });

  it('takes the last value of a flag given twice (a default first, then the one meant)', () => {
    const cmd = parseHostCommand(['--port', '0', '--data-dir', '/tmp/a', '--port', '5200']);
    expect(cmd.kind === 'run' && cmd.args.port).toBe(5200);
  });

  it('refuses an unknown flag, naming it, with exit code 2', () => {
    const err = usageError(['--demo', '--prot', '5178']);
    expect(err.message).toContain('Unknown option --prot');
    expect(err.message).toContain('--help');
    expect(err.exitCode).toBe(2);
    expect(usageError(['--port=5178']).message).toContain('--port=5178');
  });

  it('refuses a stray argument, a flag without its value and a bad value', () => {
    expect(usageError(['demo']).message).toContain('Unexpected argument "demo"');
    expect(usageError(['--data-dir']).message).toContain('--data-dir needs a value');
    expect(usageError(['--port', 'abc']).message).toContain('--port must be 0..65535, not abc');
    expect(usageError(['--auto-scan-ms', '-5']).message).toContain('--auto-scan-ms takes a number of milliseconds');
  });
});

describe('browser host secret', () => {
  it('is made once per data folder, readable by its owner only, and kept across restarts', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'host-secret-'));
    try {
      const first = await loadHostSecret(dir);
      expect(first).toMatch(/^[A-Za-z0-9_-]{43}$/);
      expect(await loadHostSecret(dir)).toBe(first);
      if (process.platform !== 'win32') expect((await stat(path.join(dir, 'browser-host-secret'))).mode & 0o777).toBe(0o600);
      // A damaged file is replaced by a new random secret, never used as it is.
      await writeFile(path.join(dir, 'browser-host-secret'), 'short');
      const fresh = await loadHostSecret(dir);
      expect(fresh).toMatch(/^[A-Za-z0-9_-]{43}$/);
      expect(await readFile(path.join(dir, 'browser-host-secret'), 'utf8')).toBe(fresh);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe('the built browser host', () => {
  const run = (args: string[]) =>
    new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
      assertAppBuilt();
      const child = execFile(
        process.execPath,
        [path.join(repoRoot, 'out', 'main', 'devhost.js'), ...args],
        { timeout: 20_000, env: { ...process.env, HOME: os.tmpdir() } },
        (err, stdout, stderr) => resolve({ code: err ? ((err as { code?: number }).code ?? null) : 0, stdout, stderr }),
      );
      child.stdin?.end();
    });

  it('--help prints the usage and exits 0 without starting anything', async () => {
    // --port 0 and a data folder in /tmp: should --help ever start the app again, it starts nowhere that matters.
    const res = await run(['--help', '--port', '0', '--data-dir', path.join(os.tmpdir(), 'host-args-help')]);
    expect(res.code).toBe(0);
    expect(res.stdout).toContain('Usage: node out/main/devhost.js');
    expect(res.stdout).not.toContain('is running at');
  }, 30_000);

  it('an unknown flag exits 2 and names the flag', async () => {
    const res = await run(['--demo', '--frobnicate', '--port', '0', '--data-dir', path.join(os.tmpdir(), 'host-args-bad')]);
    expect(res.code).toBe(2);
    expect(res.stderr).toContain('Unknown option --frobnicate');
    expect(res.stdout).not.toContain('is running at');
  }, 30_000);
});
