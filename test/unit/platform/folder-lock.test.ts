/**
 * The data-folder lock (issue 13, point 4) with real processes: a second copy is refused and told who holds the
 * folder; a lock whose holder is gone (SIGKILL, a reused pid, a restart, a half-written lock file) is taken over,
 * and of several copies racing for one stale lock exactly one gets it.
 */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { FolderLockedError, LOCK_FILE, lockFolder, type LockHolder } from '../../../src/platform/folder-lock';

const repoRoot = path.resolve(__dirname, '../../..');
const childScript = path.join(__dirname, 'fixtures', 'lock-child.ts');
const children: ChildProcessWithoutNullStreams[] = [];

afterEach(() => {
  for (const child of children.splice(0)) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
});

/**
 * Watches a promise under fake timers: `doneOrWaiting()` lets real I/O run (setImmediate turns) until the promise
 * has settled (true) or the code under test waits on a fake timer (false).
 */
function settles<T>(promise: Promise<T>) {
  let settledAt: number | null = null;
  const outcome = promise.then(
    (value) => ((settledAt = Date.now()), { value }),
    (error: unknown) => ((settledAt = Date.now()), { error }),
  );
  return {
    get settledAt() {
      return settledAt;
    },
    async doneOrWaiting(): Promise<boolean> {
      for (let turns = 0; settledAt === null && vi.getTimerCount() === 0; turns++) {
        if (turns > 100_000) throw new Error('neither settled nor waiting on a timer');
        await new Promise<void>((resolve) => setImmediate(resolve));
      }
      return settledAt !== null;
    },
    async result(): Promise<T> {
      const r = await outcome;
      if ('error' in r) throw r.error;
      return r.value;
    },
  };
}

async function folder(): Promise<string> {
  return fs.mkdtemp(path.join(os.tmpdir(), 'wa-lock-'));
}

/** Starts a child that tries the lock; resolves with its first line ("locked <pid>" / "refused <message>"). */
function child(dir: string, command = 'lock-child'): Promise<{ proc: ChildProcessWithoutNullStreams; line: string }> {
  const proc = spawn(process.execPath, ['--import', 'tsx', childScript, dir, command], { cwd: repoRoot });
  children.push(proc);
  return new Promise((resolve, reject) => {
    let out = '';
    let err = '';
    proc.stdout.on('data', (chunk: Buffer) => {
      out += chunk;
      const nl = out.indexOf('\n');
      if (nl >= 0) resolve({ proc, line: out.slice(0, nl) });
    });
    proc.stderr.on('data', (chunk: Buffer) => (err += chunk));
    proc.on('exit', (code) => {
      if (!out.includes('\n')) reject(new Error(`lock child exited with ${code} without an answer: ${err}`));
    });
  });
}

function exited(proc: ChildProcessWithoutNullStreams): Promise<void> {
  return new Promise((resolve) => (proc.exitCode !== null || proc.signalCode !== null ? resolve() : proc.once('exit', () => resolve())));
}

async function holderIn(dir: string): Promise<LockHolder> {
  return JSON.parse(await fs.readFile(path.join(dir, LOCK_FILE), 'utf8')) as LockHolder;
}

describe('folder lock', () => {
  it('refuses a second holder in this process, naming it, and is free again once released', async () => {
    const dir = await folder();
    const first = await lockFolder(dir, { command: 'wa-bulk send --state X' });
    const second = await lockFolder(dir, { command: 'wa-bulk resume' }).catch((e: unknown) => e);
    expect(second).toBeInstanceOf(FolderLockedError);
    expect((second as FolderLockedError).holder?.pid).toBe(process.pid);
    expect((second as Error).message).toMatch(/in use by another copy of WA Bulk Sender: this process \(wa-bulk send --state X\), since /);
    await first.release();
    await expect(fs.access(path.join(dir, LOCK_FILE))).rejects.toThrow();
    const third = await lockFolder(dir, { command: 'again' });
    await third.release();
  });

  it('tells a second process which process holds the folder, and lets it have it once that one is killed', async () => {
    const dir = await folder();
    const holder = await child(dir, 'wa-bulk resume --state DIR');
    expect(holder.line).toMatch(/^locked \d+$/);
    const pid = Number(holder.line.split(' ')[1]);

    const refused = await lockFolder(dir, { command: 'second' }).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(FolderLockedError);
    expect((refused as Error).message).toContain(`process ${pid} (wa-bulk resume --state DIR), since `);
    expect((refused as FolderLockedError).holder).toMatchObject({ pid, command: 'wa-bulk resume --state DIR', hostname: os.hostname() });
    // Another process is refused the same way.
    expect((await child(dir)).line).toMatch(new RegExp(`^refused .*process ${pid} \\(wa-bulk resume --state DIR\\)`));

    holder.proc.kill('SIGKILL');
    await exited(holder.proc);
    // The SIGKILLed holder left its lock file: it is stale and taken over.
    expect((await holderIn(dir)).pid).toBe(pid);
    const mine = await lockFolder(dir, { command: 'after the kill' });
    expect(await holderIn(dir)).toMatchObject({ pid: process.pid, command: 'after the kill' });
    await mine.release();
  });

  it.skipIf(process.platform !== 'linux')('takes over a lock whose pid now belongs to another process (pid reuse)', async () => {
    const dir = await folder();
    const live = await child(dir);
    const pid = Number(live.line.split(' ')[1]);
    const lock = await holderIn(dir);
    // The same pid, alive, but started at another time: not the process that took the lock.
    await fs.writeFile(path.join(dir, LOCK_FILE), JSON.stringify({ ...lock, startTicks: String(Number(lock.startTicks) - 1000) }));
    const mine = await lockFolder(dir, { command: 'after reuse' });
    expect((await holderIn(dir)).pid).toBe(process.pid);
    expect(pid).not.toBe(process.pid);
    await mine.release();
  });

  it('takes over a lock from before a restart, and one an earlier process with our own pid left', async () => {
    const dir = await folder();
    const first = await lockFolder(dir, { command: 'x' });
    const mine = await holderIn(dir);
    await first.release();
    const file = path.join(dir, LOCK_FILE);
    await fs.writeFile(file, JSON.stringify({ ...mine, token: 'abc', bootId: 'another-boot', bootAt: mine.bootAt - 86_400 }));
    await (await lockFolder(dir, { command: 'after restart' })).release();
    // Our pid, but not our token: an earlier process that had this pid.
    await fs.writeFile(file, JSON.stringify({ ...mine, token: 'def' }));
    await (await lockFolder(dir, { command: 'same pid' })).release();
  });

  it('waits for a lock file being written, and takes over one left empty long ago', async () => {
    const dir = await folder();
    const file = path.join(dir, LOCK_FILE);
    // Time is the fake clock's (Date and the retry timers); file times are set to it. setImmediate stays real, so
    // the file reads and writes finish between the steps.
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
    try {
      // Fresh and empty: its holder is writing it; only after the grace period with no holder is it stale.
      const written = new Date();
      await fs.writeFile(file, '');
      await fs.utimes(file, written, written);
      const patient = settles(lockFolder(dir, { command: 'patient' }));
      // Each retry waits 20 ms of fake time and reads the file; the retries outlast the 2 s grace.
      for (let steps = 0; !(await patient.doneOrWaiting()); steps++) {
        if (steps > 1000) throw new Error('the lock was neither taken nor refused after 1000 retries');
        vi.advanceTimersByTime(20);
      }
      expect(await patient.result()).toMatchObject({ holder: { command: 'patient' } });
      expect(patient.settledAt! - written.getTime()).toBeGreaterThanOrEqual(2000);
      await (await patient.result()).release();

      // Empty since long ago: taken over at once, without a single retry timer.
      await fs.writeFile(file, '{"pid":');
      const old = new Date(Date.now() - 60_000);
      await fs.utimes(file, old, old);
      const quick = settles(lockFolder(dir, { command: 'quick' }));
      expect(await quick.doneOrWaiting()).toBe(true);
      expect(vi.getTimerCount()).toBe(0);
      await (await quick.result()).release();
    } finally {
      vi.useRealTimers();
    }
  });

  it('refuses a lock held on another computer, saying which file to delete if that copy is gone', async () => {
    const dir = await folder();
    const first = await lockFolder(dir, { command: 'x' });
    const mine = await holderIn(dir);
    await first.release();
    await fs.writeFile(path.join(dir, LOCK_FILE), JSON.stringify({ ...mine, hostname: 'other-pc', pid: 4242 }));
    await expect(lockFolder(dir, { command: 'y' })).rejects.toThrow(
      new RegExp(`process 4242 \\(x\\) on the computer "other-pc".*delete ${path.join(dir, LOCK_FILE).replace(/[/\\.]/g, '\\$&')}`),
    );
  });

  it('gives one stale lock to exactly one of several processes racing for it', async () => {
    const dir = await folder();
    const victim = await child(dir);
    victim.proc.kill('SIGKILL');
    await exited(victim.proc);
    const racers = await Promise.all(Array.from({ length: 5 }, () => child(dir)));
    const winners = racers.filter((r) => r.line.startsWith('locked'));
    expect(winners).toHaveLength(1);
    for (const loser of racers.filter((r) => r.line.startsWith('refused'))) {
      expect(loser.line).toContain(`process ${winners[0]!.line.split(' ')[1]} (lock-child)`);
    }
    expect((await holderIn(dir)).pid).toBe(Number(winners[0]!.line.split(' ')[1]));
    // No takeover guard is left behind.
    expect((await fs.readdir(dir)).filter((n) => n !== LOCK_FILE)).toEqual([]);
  });

  it('creates the folder owner-only, and the lock file too', async () => {
    const dir = path.join(await folder(), 'new', 'state');
    const lock = await lockFolder(dir, { command: 'x' });
    if (process.platform !== 'win32') {
      expect((await fs.stat(dir)).mode & 0o777).toBe(0o700);
      expect((await fs.stat(lock.file)).mode & 0o777).toBe(0o600);
    }
    await lock.release();
  });
});
