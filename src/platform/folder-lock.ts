/**
 * One copy at a time per data folder. The desktop app, the browser host and `wa-bulk send|resume|report --refresh`
 * take this lock before anything that may send, and hold it until they close: two copies working through one
 * campaign message people twice (issue 13, point 4).
 *
 * Plain Node has no OS file locks, so the lock is a file created exclusively (`open(..., 'wx')`) that names its
 * holder. A lock whose holder is gone (a kill -9, a power cut) is stale and is taken over: the holder's process
 * no longer exists, is a zombie, is another process that got the same pid later (Linux: its start time differs),
 * or the computer has restarted since. Taking over is itself guarded by a lock named after the stale holder, so
 * of several copies that find the same stale lock exactly one removes it, and never a fresh one.
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

export const LOCK_FILE = 'wa-bulk.lock';

/** What a lock file says about the process holding it. */
export interface LockHolder {
  pid: number;
  hostname: string;
  /** What it is, for the message a second copy prints ("wa-bulk resume --state …", "WA Bulk Sender"). */
  command: string;
  /** Epoch ms when it took the lock. */
  since: number;
  /** Random per lock: tells this process's own lock from one an earlier process with the same pid left. */
  token: string;
  /** Epoch seconds the computer started, to notice a restart since the lock was taken. */
  bootAt: number;
  /** Linux: the kernel's boot id and the holder's start time in clock ticks since boot, to notice a reused pid. */
  bootId?: string;
  startTicks?: string;
}

export interface FolderLock {
  readonly folder: string;
  readonly file: string;
  readonly holder: LockHolder;
  /** Gives the folder up; never throws (a lock left behind is stale once this process ends). */
  release(): Promise<void>;
}

export class FolderLockedError extends Error {
  constructor(
    readonly folder: string,
    readonly file: string,
    /** null: another copy is writing its lock file this very moment. */
    readonly holder: LockHolder | null,
  ) {
    super(lockedMessage(folder, file, holder));
    this.name = 'FolderLockedError';
  }
}

function lockedMessage(folder: string, file: string, holder: LockHolder | null): string {
  const why = 'Only one copy may use a folder at a time, so that nobody gets a message twice';
  if (!holder) return `The folder ${folder} is being taken by another copy of WA Bulk Sender that is starting. ${why}.`;
  const elsewhere = holder.hostname !== os.hostname();
  const who =
    holder.pid === process.pid && !elsewhere
      ? `this process (${holder.command})`
      : `process ${holder.pid} (${holder.command})${elsewhere ? ` on the computer "${holder.hostname}"` : ''}`;
  return (
    `The folder ${folder} is in use by another copy of WA Bulk Sender: ${who}, since ${new Date(holder.since).toLocaleString()}. ` +
    `${why}: let it finish or close it, then try again.` +
    (elsewhere ? ` If it no longer runs there, delete ${file}.` : '')
  );
}

/** Locks held by this process: file -> token. */
const held = new Map<string, string>();
/** Tokens of every lock file this process holds now, takeover guards included. */
const ownTokens = new Set<string>();
/** How long a lock file may stay unreadable (its holder between creating and writing it) before it counts as stale. */
const UNREADABLE_GRACE_MS = 2000;
const RETRY_MS = 20;
/**
 * Attempts before giving up on a lock that keeps changing hands (about 3 s): more steps of RETRY_MS than the
 * unreadable grace, so a lock file left empty is always outwaited and taken over, never refused at the boundary.
 */
const MAX_ATTEMPTS = Math.ceil((UNREADABLE_GRACE_MS * 1.5) / RETRY_MS);
/** Takeover guards are locks themselves; a guard left by a copy killed mid-takeover is taken over the same way. */
const MAX_DEPTH = 3;

/**
 * Takes the folder's lock (creating the folder, owner-only, if needed), or throws FolderLockedError naming the
 * process that holds it. A stale lock is taken over.
 */
export async function lockFolder(folder: string, options: { command: string }): Promise<FolderLock> {
  const root = path.resolve(folder);
  await fsp.mkdir(root, { recursive: true, mode: 0o700 });
  const file = path.join(root, LOCK_FILE);
  const holder = newHolder(options.command);
  ownTokens.add(holder.token);
  try {
    await acquire(file, holder, 0, root);
  } catch (err) {
    ownTokens.delete(holder.token);
    throw err;
  }
  held.set(file, holder.token);
  releaseAtExit();
  return {
    folder: root,
    file,
    holder,
    release: async () => {
      if (held.get(file) !== holder.token) return;
      held.delete(file);
      await removeIfOurs(file, holder.token);
      ownTokens.delete(holder.token);
    },
  };
}

/** The holder a lock file would name right now, for this process. */
function newHolder(command: string): LockHolder {
  const boot = machineBoot();
  const start = procStat(process.pid);
  return {
    pid: process.pid,
    hostname: os.hostname(),
    command: command.slice(0, 300),
    since: Date.now(),
    token: randomBytes(8).toString('hex'),
    bootAt: boot.bootAt,
    ...(boot.bootId ? { bootId: boot.bootId } : {}),
    ...(start ? { startTicks: start.startTicks } : {}),
  };
}

interface FoundLock {
  holder: LockHolder | null;
  /** Identifies this very lock file: its holder's token, or (unreadable) its inode, size and time. */
  key: string;
  mtimeMs: number;
}

async function acquire(file: string, me: LockHolder, depth: number, folder: string): Promise<void> {
  let last: FoundLock | null = null;
  for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
    if (await tryCreate(file, me)) return;
    const found = await readLock(file);
    if (!found) continue; // released meanwhile: try again
    last = found;
    if (found.holder) {
      if (!isStale(found.holder)) throw new FolderLockedError(folder, file, found.holder);
    } else if (Date.now() - found.mtimeMs < UNREADABLE_GRACE_MS) {
      await delay(RETRY_MS); // its holder is writing it
      continue;
    }
    if (depth >= MAX_DEPTH) break;
    if (!(await takeOver(file, found, depth))) await delay(RETRY_MS);
  }
  throw new FolderLockedError(folder, file, last?.holder ?? null);
}

/**
 * Removes a stale lock, unless it changed meanwhile. Returns false when another copy is taking it over right now.
 * The guard's name carries the stale lock's key: every copy that found this stale lock competes for the same
 * guard, and whoever gets it re-reads the lock before removing it, so a fresh lock is never removed.
 */
async function takeOver(file: string, stale: FoundLock, depth: number): Promise<boolean> {
  const guard = `${file}.takeover-${stale.key}`;
  const guardHolder = newHolder('taking over a stale lock');
  ownTokens.add(guardHolder.token);
  try {
    await acquire(guard, guardHolder, depth + 1, path.dirname(file));
  } catch (err) {
    ownTokens.delete(guardHolder.token);
    if (err instanceof FolderLockedError) return false;
    throw err;
  }
  try {
    const now = await readLock(file);
    if (now && now.key === stale.key) await fsp.unlink(file).catch(ignoreMissing);
    return true;
  } finally {
    await removeIfOurs(guard, guardHolder.token);
    ownTokens.delete(guardHolder.token);
  }
}

/** Creates the lock file naming us; false when it exists. */
async function tryCreate(file: string, me: LockHolder): Promise<boolean> {
  let handle: fsp.FileHandle;
  try {
    handle = await fsp.open(file, 'wx', 0o600);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw err;
  }
  try {
    await handle.writeFile(`${JSON.stringify(me)}\n`);
    await handle.sync();
  } catch (err) {
    // A lock we could not write (a full disk) must not block the folder.
    await handle.close().catch(() => undefined);
    await fsp.unlink(file).catch(() => undefined);
    throw err;
  }
  await handle.close();
  return true;
}

async function readLock(file: string): Promise<FoundLock | null> {
  let text: string;
  let stat: fs.Stats;
  try {
    [text, stat] = await Promise.all([fsp.readFile(file, 'utf8'), fsp.stat(file)]);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw err;
  }
  const holder = parseHolder(text);
  return {
    holder,
    key: holder ? holder.token : `u${stat.ino}-${stat.size}-${Math.floor(stat.mtimeMs)}`,
    mtimeMs: stat.mtimeMs,
  };
}

function parseHolder(text: string): LockHolder | null {
  try {
    const v = JSON.parse(text) as Partial<LockHolder>;
    const ok =
      Number.isInteger(v.pid) &&
      typeof v.hostname === 'string' &&
      typeof v.command === 'string' &&
      typeof v.since === 'number' &&
      typeof v.token === 'string' &&
      /^[0-9a-f]{1,64}$/.test(v.token) &&
      typeof v.bootAt === 'number';
    return ok ? (v as LockHolder) : null;
  } catch {
    return null;
  }
}

/** True when the holder is certainly gone. A holder on another computer cannot be checked and counts as alive. */
export function isStale(holder: LockHolder): boolean {
  if (holder.hostname !== os.hostname()) return false;
  const boot = machineBoot();
  if (holder.bootId && boot.bootId) {
    if (holder.bootId !== boot.bootId) return true;
  } else if (Math.abs(holder.bootAt - boot.bootAt) > 300) return true;
  // Our own pid: ours if we hold it, otherwise left by an earlier process that had this pid.
  if (holder.pid === process.pid) return !ownTokens.has(holder.token);
  if (!processExists(holder.pid)) return true;
  const stat = procStat(holder.pid);
  if (stat) {
    if (stat.state === 'Z' || stat.state === 'X') return true;
    if (holder.startTicks && stat.startTicks !== holder.startTicks) return true;
  }
  return false;
}

function processExists(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    // EPERM: it exists, it is another user's.
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Linux only: a process's state letter and start time (ticks since boot); null elsewhere or when unreadable. */
function procStat(pid: number): { state: string; startTicks: string } | null {
  if (process.platform !== 'linux') return null;
  try {
    const text = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name (field 2) may hold spaces and parentheses: count fields from the last ')'.
    const fields = text.slice(text.lastIndexOf(')') + 2).split(' ');
    const state = fields[0];
    const startTicks = fields[19];
    return state && startTicks ? { state, startTicks } : null;
  } catch {
    return null;
  }
}

function machineBoot(): { bootAt: number; bootId?: string } {
  const bootAt = Math.round(Date.now() / 1000 - os.uptime());
  if (process.platform !== 'linux') return { bootAt };
  try {
    return { bootAt, bootId: fs.readFileSync('/proc/sys/kernel/random/boot_id', 'utf8').trim() };
  } catch {
    return { bootAt };
  }
}

async function removeIfOurs(file: string, token: string): Promise<void> {
  try {
    const found = await readLock(file);
    if (found?.holder?.token === token) await fsp.unlink(file);
  } catch {
    // Best effort: a lock left behind is stale once this process has ended.
  }
}

function removeIfOursSync(file: string, token: string): void {
  try {
    if (parseHolder(fs.readFileSync(file, 'utf8'))?.token === token) fs.unlinkSync(file);
  } catch {
    // As above.
  }
}

let exitHookInstalled = false;
/** A process that exits without releasing (process.exit after an error) still leaves no lock behind. */
function releaseAtExit(): void {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  process.once('exit', () => {
    for (const [file, token] of held) removeIfOursSync(file, token);
  });
}

function ignoreMissing(err: unknown): void {
  if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
}

const delay = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
