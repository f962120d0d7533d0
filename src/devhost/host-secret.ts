import { randomBytes } from 'node:crypto';
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';

const FILE = 'browser-host-secret';
const SHAPE = /^[A-Za-z0-9_-]{43}$/;

/**
 * The secret in the page's address, kept in the data folder (readable by this user only) so a host restarted on the
 * same folder answers the same address: a page left open reconnects by itself instead of being refused. A missing or
 * malformed file gets a new random secret.
 */
export async function loadHostSecret(dataDir: string): Promise<string> {
  const file = path.join(dataDir, FILE);
  const kept = (await readFile(file, 'utf8').catch(() => '')).trim();
  if (SHAPE.test(kept)) return kept;
  const secret = randomBytes(32).toString('base64url');
  await writeFile(file, secret, { mode: 0o600 });
  return secret;
}
