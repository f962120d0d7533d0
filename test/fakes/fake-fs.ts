import fsp from 'node:fs/promises';
import type { SessionFs } from '../../src/whatsapp/session-files';

type Op = 'rm' | 'mkdir' | 'chmod' | 'stat' | 'readFile' | 'writeFile' | 'rename';

interface Fault {
  op: Op;
  /** Paths equal to or below this one fail. */
  under: string;
  code: string;
  /** How many more calls fail; Infinity for "never clears". */
  remaining: number;
}

const isAtOrBelow = (target: string, under: string): boolean => target === under || target.startsWith(`${under}/`);

/**
 * Real files on disk with injected failures: an `rm` that throws EBUSY like Windows does while Chromium still
 * holds a file (WHATSAPP.md #1). Every call is recorded so a test can see the retries.
 */
export class FaultyFs implements SessionFs {
  readonly calls: Array<{ op: Op; target: string; failed: string | null }> = [];
  private readonly faults: Fault[] = [];
  /** rm calls on these paths (or below) resolve without deleting anything. */
  private readonly kept: Array<{ under: string; remaining: number }> = [];

  /** The next `times` calls of `op` on `under` (or below it) fail with `code`; `Infinity` never clears. */
  failNext(op: Op, under: string, code: string, times: number): this {
    this.faults.push({ op, under, code, remaining: times });
    return this;
  }

  /**
   * The next `times` rm calls on `under` (or below it) resolve as if they deleted it, and leave it on disk (a file
   * Windows only marks for deletion while a handle is open, a folder something writes again at once); `Infinity`
   * never clears.
   */
  keepOnRm(under: string, times: number): this {
    this.kept.push({ under, remaining: times });
    return this;
  }

  clearFaults(): void {
    this.faults.length = 0;
    this.kept.length = 0;
  }

  attempts(op: Op, target: string): number {
    return this.calls.filter((c) => c.op === op && c.target === target).length;
  }

  private check(op: Op, target: string): void {
    const fault = this.faults.find((f) => f.op === op && f.remaining > 0 && isAtOrBelow(target, f.under));
    if (!fault) {
      this.calls.push({ op, target, failed: null });
      return;
    }
    fault.remaining -= 1;
    this.calls.push({ op, target, failed: fault.code });
    const err = new Error(`${fault.code}: resource busy or locked, ${op} '${target}'`) as NodeJS.ErrnoException;
    err.code = fault.code;
    throw err;
  }

  async rm(target: string, options: { recursive: true; force: true }): Promise<void> {
    this.check('rm', target);
    const kept = this.kept.find((k) => k.remaining > 0 && isAtOrBelow(target, k.under));
    if (kept) {
      kept.remaining -= 1;
      return;
    }
    await fsp.rm(target, options);
  }
  async mkdir(target: string, options: { recursive: true; mode: number }): Promise<unknown> {
    this.check('mkdir', target);
    return fsp.mkdir(target, options);
  }
  async chmod(target: string, mode: number): Promise<void> {
    this.check('chmod', target);
    await fsp.chmod(target, mode);
  }
  async stat(target: string): Promise<unknown> {
    this.check('stat', target);
    return fsp.stat(target);
  }
  async readFile(target: string, encoding: 'utf8'): Promise<string> {
    this.check('readFile', target);
    return fsp.readFile(target, encoding);
  }
  async writeFile(target: string, data: string): Promise<void> {
    this.check('writeFile', target);
    await fsp.writeFile(target, data);
  }
  async rename(from: string, to: string): Promise<void> {
    this.check('rename', from);
    await fsp.rename(from, to);
  }
}
