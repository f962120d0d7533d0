import type { WaStatus } from '../shared/status';

type ErrorStatus = Extract<WaStatus, { kind: 'error' }>;

export const OFFLINE_MESSAGE = 'Cannot reach WhatsApp Web: check the internet connection.';

/** Chromium's network error codes that mean "no way to reach the site" (page.goto rejects with them offline). */
const OFFLINE =
  /net::ERR_(NAME_NOT_RESOLVED|NAME_RESOLUTION_FAILED|INTERNET_DISCONNECTED|CONNECTION_[A-Z_]+|ADDRESS_UNREACHABLE|NETWORK_CHANGED|NETWORK_ACCESS_DENIED|TIMED_OUT|PROXY_CONNECTION_FAILED|TUNNEL_CONNECTION_FAILED)/;
const BROWSER_LAUNCH = /Failed to launch the browser process|Browser was not found|Could not find Chrom|spawn .*(ENOENT|EACCES)/i;
const BROWSER_GONE = /Target closed|Session closed|Protocol error|Navigating frame was detached|browser has disconnected/i;

/** whatsapp-web.js sometimes throws plain strings ('auth timeout', 'ready timeout'). */
export function describeThrown(err: unknown): string {
  if (err instanceof Error) return err.message;
  if (typeof err === 'string') return err;
  try {
    return JSON.stringify(err);
  } catch {
    return String(err);
  }
}

/** Turns a rejection of Client.initialize() into something the operator can act on. */
export function startErrorStatus(err: unknown, browserPath: string): ErrorStatus {
  const text = describeThrown(err);
  const firstLine = text.split('\n')[0]?.trim() ?? text;
  if (OFFLINE.test(text)) return { kind: 'error', message: OFFLINE_MESSAGE, actions: ['retry'] };
  if (BROWSER_LAUNCH.test(text)) {
    return {
      kind: 'error',
      message: `Could not start the browser at ${browserPath}: ${firstLine}. Choose another Chrome, Edge or Chromium in Settings.`,
      actions: ['retry'],
    };
  }
  if (BROWSER_GONE.test(text)) {
    return { kind: 'error', message: `The browser closed unexpectedly (${firstLine}).`, actions: ['retry'] };
  }
  if (/auth timeout|ready timeout/i.test(text)) {
    return {
      kind: 'error',
      message: 'WhatsApp Web did not finish loading. Retry; if it keeps happening, reset the cache.',
      actions: ['retry', 'reset-cache'],
    };
  }
  return { kind: 'error', message: `WhatsApp Web could not start: ${firstLine}`, actions: ['retry', 'reset-cache'] };
}

/** The library's disconnect reasons (WAState values or "LOGOUT") in words, keeping the code for support. */
export function describeDisconnect(reason: unknown): string {
  const code = describeThrown(reason);
  const words: Record<string, string> = {
    LOGOUT: 'This computer was logged out (unlinked from the phone)',
    CONFLICT: 'WhatsApp Web was opened on another computer or browser',
    UNPAIRED: 'The phone unlinked this computer',
    UNPAIRED_IDLE: 'The phone unlinked this computer',
    UNLAUNCHED: 'WhatsApp Web stopped',
    PROXYBLOCK: 'The connection was blocked by a proxy',
    TOS_BLOCK: 'WhatsApp blocked this account',
    SMB_TOS_BLOCK: 'WhatsApp blocked this account',
    DEPRECATED_VERSION: 'This WhatsApp Web version is no longer supported: reset the cache',
    NAVIGATION: 'WhatsApp Web reloaded',
  };
  const text = words[code];
  return text ? `${text} (${code})` : code || 'Disconnected';
}

/**
 * WhatsApp Web's socket left CONNECTED while ready (TIMEOUT: no network or no answer; OPENING: reconnecting).
 * 1.34.7 emits no `disconnected` for these and sends only queue locally meanwhile (WHATSAPP.md #13).
 */
export function describeLostConnection(state: string): string {
  // The state name goes to the log; the operator reads what it means.
  const cause = state === 'OPENING' ? 'WhatsApp is reconnecting' : 'the phone or this computer is offline, or WhatsApp does not answer';
  return `The connection to WhatsApp was lost (${cause}); waiting for it to come back by itself`;
}

/** Start to ready took too long (a QR waiting for the phone not counted; WHATSAPP.md #8, #14). */
export function loadTimeoutStatus(ms: number): ErrorStatus {
  return {
    kind: 'error',
    message: `WhatsApp Web did not finish loading in ${Math.round(ms / 1000)} s. Retry; if it keeps happening, reset the WhatsApp Web cache.`,
    actions: ['retry', 'reset-cache'],
  };
}
