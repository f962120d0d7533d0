import path from 'node:path';

/** How the simulated WhatsApp behaves in demo mode; the failure switches let an operator (or a test) see them. */
export interface DemoOptions {
  /** Scan by itself this long after the QR shows; null waits for "Simulate scan". */
  autoScanMs: number | null;
  /** The scan fails with an authentication failure. */
  failAuth: boolean;
  /** The connection drops this long after it is ready (and comes back on Connect). */
  disconnectAfterMs: number | null;
  /** The phone goes offline this long after it is ready, and is back by itself 15 s later. */
  offlineAfterMs: number | null;
  /** Scripted replies (src/whatsapp/simulated-replies.ts): `--demo-replies FILE` or WA_BULK_DEMO_REPLIES. */
  repliesFile?: string | null;
  /** One number per line: WhatsApp refuses the first message to each (`--simulate-reject FILE`, simulated-reject.ts). */
  rejectFile?: string | null;
}

const USAGE = '--auto-scan-ms N, --demo-disconnect-after-ms N, --demo-offline-after-ms N (milliseconds), --demo-fail-auth';

/** Reads the demo switches shared by `npm start -- --demo ...` and the browser host. */
export function parseDemoOptions(argv: readonly string[]): DemoOptions {
  const ms = (flag: string): number | null => {
    const i = argv.indexOf(flag);
    if (i < 0) return null;
    const value = Number(argv[i + 1]);
    if (!Number.isFinite(value) || value < 0) throw new Error(`${flag} takes a number of milliseconds (${USAGE})`);
    return value;
  };
  return {
    autoScanMs: ms('--auto-scan-ms'),
    failAuth: argv.includes('--demo-fail-auth'),
    disconnectAfterMs: ms('--demo-disconnect-after-ms'),
    offlineAfterMs: ms('--demo-offline-after-ms'),
    // Present only when asked for: the demo's switches read the same as before without it.
    ...repliesFileOf(argv),
    ...rejectFileOf(argv),
  };
}

function rejectFileOf(argv: readonly string[]): { rejectFile?: string } {
  const i = argv.lastIndexOf('--simulate-reject');
  const file = i >= 0 ? argv[i + 1] : undefined;
  return file ? { rejectFile: path.resolve(file) } : {};
}

function repliesFileOf(argv: readonly string[]): { repliesFile?: string } {
  const i = argv.lastIndexOf('--demo-replies');
  const file = i >= 0 ? argv[i + 1] : process.env.WA_BULK_DEMO_REPLIES;
  return file ? { repliesFile: path.resolve(file) } : {};
}

/**
 * The desktop demo's data folder: its own, inside the app's (`<userData>/demo`), so the demo never writes into, and
 * its Log out never deletes, the operator's real session, campaigns or settings.
 */
export function demoDataDir(userData: string): string {
  return path.join(userData, 'demo');
}
