/**
 * The WhatsApp a CLI campaign sends through: the simulated one (--simulate, with its outbox playing WhatsApp's
 * servers) or the real whatsapp-web.js client, whose QR is printed in the terminal. The simulate options are kept
 * in the state folder so `wa-bulk resume --simulate` talks to the same simulated WhatsApp.
 */
import fsp from 'node:fs/promises';
import path from 'node:path';
import { appPathsFor } from '../platform/app-paths';
import { systemClock, type Clock } from '../platform/clock';
import { assertNoRealSession } from '../platform/real-session-guard';
import { errorMessage } from '../shared/result';
import type { WaStatus } from '../shared/status';
import type { WhatsAppPort } from '../whatsapp/port';
import { RejectingSimulatedWhatsApp } from '../whatsapp/simulated-reject';
import { readReplyScript, ReplyScriptError, SimulatedReplies } from '../whatsapp/simulated-replies';
import { WwebjsWhatsApp } from '../whatsapp/wwebjs';
import { qrToTerminalText } from '../whatsapp/qr-image';
import { UsageError, type ParsedFlags } from './options';
import type { CliIo } from './io';

interface SimulateOptions {
  outbox: string | null;
  unregistered: string[];
  failRate: number;
  /** A reply script (simulated-replies.ts); absent in options saved by an older version. */
  replies?: string | null;
  /** Numbers whose first message the simulated WhatsApp refuses (simulated-reject.ts). */
  reject?: string[];
}

const SIMULATE_FILE = 'simulate.json';

/** Numbers in a file, one per line (digits are taken; lines without digits such as a header are skipped). */
async function readNumberFile(file: string, flag = '--simulate-unregistered'): Promise<string[]> {
  let text: string;
  try {
    text = await fsp.readFile(file, 'utf8');
  } catch (err) {
    throw new UsageError(`${flag} ${file}: ${errorMessage(err)}`);
  }
  return text
    .split(/\r?\n/)
    .map((line) => (line.split(/[,;\t]/)[0] ?? '').replace(/\D/g, ''))
    .filter((digits) => digits.length > 0);
}

async function simulateOptions(flags: ParsedFlags, stateDir: string): Promise<SimulateOptions> {
  const saved = path.join(stateDir, SIMULATE_FILE);
  const given = ['--simulate-outbox', '--simulate-unregistered', '--simulate-fail-rate', '--simulate-replies', '--simulate-reject'].some((f) =>
    flags.values.has(f),
  );
  if (!given) {
    try {
      return JSON.parse(await fsp.readFile(saved, 'utf8')) as SimulateOptions;
    } catch {
      // Nothing saved: a fresh simulated WhatsApp without an outbox file.
    }
  }
  const failRaw = flags.values.get('--simulate-fail-rate');
  const failRate = failRaw === undefined ? 0 : Number(failRaw);
  if (!Number.isFinite(failRate) || failRate < 0 || failRate > 1) {
    throw new UsageError(`--simulate-fail-rate must be between 0 and 1 (got "${failRaw}")`);
  }
  const outbox = flags.values.get('--simulate-outbox');
  const unregisteredFile = flags.values.get('--simulate-unregistered');
  const rejectFile = flags.values.get('--simulate-reject');
  const options: SimulateOptions = {
    outbox: outbox ? path.resolve(outbox) : null,
    unregistered: unregisteredFile ? await readNumberFile(unregisteredFile) : [],
    failRate,
    reject: rejectFile ? await readNumberFile(rejectFile, '--simulate-reject') : [],
    replies: flags.values.has('--simulate-replies') ? path.resolve(flags.values.get('--simulate-replies')!) : null,
  };
  await fsp.mkdir(stateDir, { recursive: true, mode: 0o700 });
  await fsp.writeFile(saved, JSON.stringify(options), { mode: 0o600 });
  return options;
}

async function readScript(file: string) {
  try {
    return await readReplyScript(file);
  } catch (err) {
    throw err instanceof ReplyScriptError ? new UsageError(`--simulate-replies ${err.message}`) : err;
  }
}

export interface CliPort {
  port: WhatsAppPort;
  clock: Clock;
  /** --simulate-replies: resolves once the replies of contacts already messaged have come in. */
  repliesDue?: () => Promise<void>;
}

export async function createCliPort(flags: ParsedFlags, stateDir: string, io: CliIo): Promise<CliPort> {
  const clock = systemClock;
  const paths = appPathsFor(stateDir);
  if (flags.switches.has('--simulate')) {
    await assertNoRealSession(paths, 'Give --simulate a --state folder of its own.');
    const sim = await simulateOptions(flags, stateDir);
    const port = new RejectingSimulatedWhatsApp(
      {
        sessionDir: paths.sessionDir,
        clock,
        autoScanAfterMs: 0,
        outboxFile: sim.outbox,
        unregistered: sim.unregistered,
        failRate: sim.failRate,
      },
      sim.reject ?? [],
    );
    port.onStatus(startProgress(io));
    // Scripted contacts reply once their message is sent (this simulation gives no delivery receipts).
    const replies = sim.replies ? new SimulatedReplies(port, clock, await readScript(sim.replies), 1) : null;
    return { port, clock, ...(replies ? { repliesDue: () => replies.settled() } : {}) };
  }
  const port = new WwebjsWhatsApp({ paths, clock, browserPath: () => flags.values.get('--browser') ?? null });
  port.onStatus(startProgress(io));
  port.onStatus((status) => void showQr(status, io));
  return { port, clock };
}

/**
 * Prints each new progress message of a start ("Starting the browser", "Loading chats"). Subscribed when the port
 * is made, since the CLI starts the port before it waits for ready (the browser loads meanwhile, issue 14).
 */
function startProgress(io: CliIo): (status: WaStatus) => void {
  let lastMessage = '';
  return (status) => {
    if (status.kind === 'starting' && status.message && status.message !== lastMessage) {
      lastMessage = status.message;
      io.stderr.write(`${status.message}\n`);
    }
  };
}

/** Draws the QR in the terminal for the phone to scan (rotations redraw it). */
async function showQr(status: WaStatus, io: CliIo): Promise<void> {
  if (status.kind !== 'qr') return;
  const drawing = await qrToTerminalText(status.qrText);
  io.stdout.write(`Scan this QR code with WhatsApp on your phone (Settings > Linked devices > Link a device):\n${drawing}\n`);
}

/**
 * Starts the client and waits for ready; returns the reason when it cannot get there. The CLI starts the port
 * before it reads the contacts (issue 14): a start still under way is waited for, and one that has already failed
 * is the answer, not tried a second time. The start's progress is printed by createCliPort's subscription.
 */
export function waitUntilReady(port: WhatsAppPort, _io: CliIo, timeoutMs = 5 * 60_000): Promise<string | null> {
  return new Promise((resolve) => {
    let settled = false;
    const finish = (reason: string | null) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      unsubscribe();
      resolve(reason);
    };
    const check = (status: WaStatus) => {
      if (status.kind === 'ready') finish(null);
      else if (status.kind === 'auth_failure') finish(`WhatsApp rejected the session: ${status.message}`);
      else if (status.kind === 'error') finish(`WhatsApp could not start: ${status.message}`);
    };
    const unsubscribe = port.onStatus(check);
    const timer = setTimeout(() => finish(`WhatsApp was not ready within ${Math.round(timeoutMs / 1000)} s`), timeoutMs);
    check(port.getStatus());
    if (settled) return;
    port.start().then(
      () => check(port.getStatus()),
      (err) => finish(`WhatsApp could not start: ${errorMessage(err)}`),
    );
  });
}
