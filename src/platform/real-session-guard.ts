import fs from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import type { AppPaths } from './app-paths';

/** What the simulated WhatsApp writes as its profile's Preferences (src/whatsapp/simulated.ts). */
const SimulatedPreferences = z.looseObject({ simulated: z.literal(true) });

/**
 * Refuses to run the simulated WhatsApp (the demo, `wa-bulk --simulate`) in a data folder that holds a real
 * WhatsApp session: it writes its own profile where the real one is, and its Log out deletes it. A folder without a
 * session, or with one the simulated WhatsApp made, is fine.
 */
export async function assertNoRealSession(paths: Pick<AppPaths, 'userData' | 'sessionDir'>, advice: string): Promise<void> {
  const profile = path.join(paths.sessionDir, 'session-main');
  const exists = await fs.stat(profile).then(
    () => true,
    () => false,
  );
  if (!exists) return;
  const preferences = await fs.readFile(path.join(profile, 'Default', 'Preferences'), 'utf8').catch(() => null);
  if (preferences !== null && SimulatedPreferences.safeParse(parseJson(preferences)).success) return;
  throw new Error(
    `${paths.userData} holds a real WhatsApp session: the simulated WhatsApp does not run there (it would write over ` +
      `the session, and its Log out would delete it). ${advice}`,
  );
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}
