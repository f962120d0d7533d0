import { BROWSER_HOST_BROWSER } from '../ipc/handlers/connection';

/**
 * What the page sends over the browser host's WebSocket: `{ type: 'invoke', id, channel, payload }`. Parsed from
 * text here, so a malformed message gets a reason the host can close the socket with, never a TypeError in a
 * message handler (an unhandled rejection).
 */
export interface InvokeEnvelope {
  id: number;
  channel: unknown;
  payload: unknown;
}

export type ParsedEnvelope = { ok: true; value: InvokeEnvelope } | { ok: false; reason: string };

export function parseEnvelope(text: string): ParsedEnvelope {
  let msg: unknown;
  try {
    msg = JSON.parse(text);
  } catch {
    return { ok: false, reason: 'not JSON' };
  }
  if (typeof msg !== 'object' || msg === null || Array.isArray(msg)) return { ok: false, reason: 'not a JSON object' };
  const { type, id, channel, payload } = msg as Record<string, unknown>;
  if (type !== 'invoke') return { ok: false, reason: 'type is not "invoke"' };
  if (typeof id !== 'number' || !Number.isSafeInteger(id) || id < 0) return { ok: false, reason: 'no numeric id' };
  // A missing or unknown channel, or a bad payload, is the router's to refuse: it has an id to answer.
  return { ok: true, value: { id, channel, payload } };
}

/**
 * Calls the browser host refuses although the router would take them. Its page is a web page, and a browser path
 * from a page is a program the host would run (issue 13): the host's browser comes from its command line
 * (`--browser PATH`) or the environment (WA_BROWSER_PATH) only, so the page may neither name one nor clear it.
 */
export function browserHostRefusal(channel: unknown, payload: unknown): string | null {
  const namesBrowser = channel === 'settings:update' && typeof payload === 'object' && payload !== null && 'browserPath' in payload;
  if (namesBrowser || channel === 'settings:chooseBrowser' || channel === 'settings:clearBrowser') return BROWSER_HOST_BROWSER;
  return null;
}
