import fs from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import type { AppPaths } from '../platform/app-paths';

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
  };
}

/**
 * The desktop demo's data folder: its own, inside the app's (`<userData>/demo`), so the demo never writes into, and
 * its Log out never deletes, the operator's real session, campaigns or settings.
 */
export function demoDataDir(userData: string): string {
  return path.join(userData, 'demo');
}

/** What the simulated WhatsApp writes as its profile's Preferences (src/whatsapp/simulated.ts). */
const SimulatedPreferences = z.looseObject({ simulated: z.literal(true) });

/**
 * Refuses to run the demo in a data folder that holds a real WhatsApp session (a browser host started with
 * `--demo --data-dir` pointing at the real folder): the demo's Log out would delete it.
 */
export async function assertNoRealSession(paths: Pick<AppPaths, 'userData' | 'sessionDir'>): Promise<void> {
  const profile = path.join(paths.sessionDir, 'session-main');
  const exists = await fs.stat(profile).then(() => true, () => false);
  if (!exists) return;
  const preferences = await fs.readFile(path.join(profile, 'Default', 'Preferences'), 'utf8').catch(() => null);
  if (preferences !== null && SimulatedPreferences.safeParse(parseJson(preferences)).success) return;
  throw new Error(
    `${paths.userData} holds a real WhatsApp session: the demo does not run there (its Log out would delete it). ` +
      'Start the demo without --data-dir, or with a folder of its own.',
  );
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}
