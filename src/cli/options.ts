/**
 * The one argument parser of `wa-bulk` (import, send, resume, report): flags, numbers and the pacing they make.
 */
import { DEFAULT_PACING } from '../core/pacing';
import { PacingSettings } from '../shared/contract/campaign';
import { errorMessage } from '../shared/result';
import type { CliIo } from './io';

/** Bad usage: the command prints the message and its usage, and exits 1. */
export class UsageError extends Error {}

/** A command's failure written to stderr, as its exit code: 1 and the usage for a UsageError, 2 for anything else. */
export function commandFailed(command: string, usage: string, err: unknown, io: CliIo): number {
  if (err instanceof UsageError) {
    io.stderr.write(`wa-bulk ${command}: ${err.message}\n${usage}\n`);
    return 1;
  }
  io.stderr.write(`wa-bulk ${command}: ${errorMessage(err)}\n`);
  return 2;
}

/** The `send` flags that make a campaign's contacts, message and pace (a resend takes them from the original). */
export const CAMPAIGN_CONTENT_FLAGS: readonly string[] = [
  '--contacts',
  '--message',
  '--template',
  '--attach',
  '--country',
  '--min-delay',
  '--max-delay',
  '--batch',
  '--batch-pause',
  '--daily-cap',
  '--window',
  '--send-timeout',
  '--name',
];

export interface ParsedFlags {
  values: Map<string, string>;
  switches: Set<string>;
  /** Arguments that are not flags (`wa-bulk import FILE`), in order. */
  positionals: string[];
}

/**
 * `--flag value`, `--flag=value` and bare switches, and up to `maxPositionals` arguments that do not start with
 * `--`; anything else is a usage error naming it.
 */
export function parseFlags(argv: string[], valueFlags: readonly string[], switchFlags: readonly string[], maxPositionals = 0): ParsedFlags {
  const values = new Map<string, string>();
  const switches = new Set<string>();
  const positionals: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const eq = arg.startsWith('--') ? arg.indexOf('=') : -1;
    const flag = eq > 0 ? arg.slice(0, eq) : arg;
    if (switchFlags.includes(flag)) {
      if (eq > 0) throw new UsageError(`${flag} takes no value`);
      switches.add(flag);
    } else if (valueFlags.includes(flag)) {
      const value = eq > 0 ? arg.slice(eq + 1) : argv[++i];
      if (value === undefined) throw new UsageError(`${flag} needs a value`);
      values.set(flag, value);
    } else if (flag.startsWith('--')) {
      throw new UsageError(`unknown option ${flag}`);
    } else if (positionals.length < maxPositionals) {
      positionals.push(arg);
    } else {
      throw new UsageError(`unexpected argument "${arg}"`);
    }
  }
  return { values, switches, positionals };
}

export function numberFlag(flags: ParsedFlags, flag: string, options: { min: number; integer?: boolean }): number | undefined {
  const raw = flags.values.get(flag);
  if (raw === undefined) return undefined;
  const n = Number(raw);
  if (raw.trim() === '' || !Number.isFinite(n) || n < options.min || (options.integer && !Number.isInteger(n))) {
    throw new UsageError(`${flag} must be ${options.integer ? 'a whole number' : 'a number'} of at least ${options.min} (got "${raw}")`);
  }
  return n;
}

/** `9-20` -> { startHour: 9, endHour: 20 }; `any` -> null. */
function parseWindow(raw: string): PacingSettings['window'] {
  if (raw === 'any') return null;
  const m = /^(\d{1,2})-(\d{1,2})$/.exec(raw.trim());
  if (!m) throw new UsageError(`--window must look like 9-20 (hours) or "any" (got "${raw}")`);
  return { startHour: Number(m[1]), endHour: Number(m[2]) };
}

/** `--hourly-cap N` or `none`; by default the app's, except under --simulate (no hourly cap). */
function hourlyCapFrom(flags: ParsedFlags, simulate: boolean): number | null {
  if (flags.values.get('--hourly-cap') === 'none') return null;
  return numberFlag(flags, '--hourly-cap', { min: 1, integer: true }) ?? (simulate ? null : (DEFAULT_PACING.hourlyCap ?? null));
}

/**
 * The app's safe defaults, changed by the flags. Headless runs differ in two ways, both printed by --help:
 * no sending window unless --window is given, and zero delays (min and max 0) also zero the batch pause and
 * the typing delay unless those are given, so `--min-delay 0 --max-delay 0` really runs at full speed.
 * Under --simulate the daily cap defaults to unlimited and there is no hourly cap (no real account to protect).
 */
export function pacingFromFlags(flags: ParsedFlags, simulate: boolean): PacingSettings {
  const min = numberFlag(flags, '--min-delay', { min: 0 });
  const max = numberFlag(flags, '--max-delay', { min: 0 });
  const minDelaySec = min ?? (max !== undefined ? Math.min(max, DEFAULT_PACING.minDelaySec) : DEFAULT_PACING.minDelaySec);
  const maxDelaySec = max ?? Math.max(minDelaySec, DEFAULT_PACING.maxDelaySec);
  const zero = minDelaySec === 0 && maxDelaySec === 0;
  const batch = numberFlag(flags, '--batch', { min: 1, integer: true });
  const batchPause = numberFlag(flags, '--batch-pause', { min: 0 });
  const dailyCap = numberFlag(flags, '--daily-cap', { min: 1, integer: true });
  const timeout = numberFlag(flags, '--send-timeout', { min: 1 });
  const pacing = {
    ...DEFAULT_PACING,
    minDelaySec,
    maxDelaySec,
    batchSizeMin: batch ?? DEFAULT_PACING.batchSizeMin,
    batchSizeMax: batch ?? DEFAULT_PACING.batchSizeMax,
    batchPauseMinSec: batchPause ?? (zero ? 0 : DEFAULT_PACING.batchPauseMinSec),
    batchPauseMaxSec: batchPause ?? (zero ? 0 : DEFAULT_PACING.batchPauseMaxSec),
    dailyCap: dailyCap ?? (simulate ? 100_000 : DEFAULT_PACING.dailyCap),
    hourlyCap: hourlyCapFrom(flags, simulate),
    window: flags.values.has('--window') ? parseWindow(flags.values.get('--window')!) : null,
    typingDelay: flags.switches.has('--typing') ? true : flags.switches.has('--no-typing') ? false : !zero,
    backoffBaseSec: zero ? 0 : DEFAULT_PACING.backoffBaseSec,
    sendTimeoutSec: timeout ?? DEFAULT_PACING.sendTimeoutSec,
  };
  const parsed = PacingSettings.safeParse(pacing);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new UsageError(`pacing: ${issue?.message ?? 'invalid'}`);
  }
  return parsed.data;
}
