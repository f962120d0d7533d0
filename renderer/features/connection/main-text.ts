import type { LogoutOutcome } from '../../../src/shared/contract/connection';
import type { MessageKey } from '../../i18n/messages';
import type { Translate } from '../../i18n/translate';

/**
 * Texts main sends as words (the status's "starting" step, a fixed error, the log-out outcome), in the operator's
 * language where they are known; anything else (WhatsApp Web's own loading text, a path, an error's detail) is shown
 * as main wrote it. test/unit/renderer/connection-main-text.test.ts holds these to main's words.
 */
const fixed: Record<string, MessageKey> = {
  'Starting the browser': 'connection.starting.browser',
  'Starting the simulated WhatsApp': 'connection.starting.simulated',
  'Loading chats': 'connection.starting.chats',
  'Loading WhatsApp': 'connection.starting.whatsapp',
  'WhatsApp Web did not finish loading. Retry; if it keeps happening, reset the cache.': 'connection.error.notLoaded',
  'Cannot reach WhatsApp Web: check the internet connection.': 'connection.error.offline',
  'The connection to WhatsApp was lost (WhatsApp is reconnecting); waiting for it to come back by itself': 'connection.lost.reconnecting',
  'The connection to WhatsApp was lost (the phone or this computer is offline, or WhatsApp does not answer); waiting for it to come back by itself':
    'connection.lost.offline',
};

/** Why WhatsApp Web disconnected ("… (CONFLICT)", src/whatsapp/start-errors.ts): the words by the code, the code kept for support. */
const reasons: Record<string, MessageKey> = {
  LOGOUT: 'connection.reason.logout',
  CONFLICT: 'connection.reason.conflict',
  UNPAIRED: 'connection.reason.unpaired',
  UNPAIRED_IDLE: 'connection.reason.unpaired',
  UNLAUNCHED: 'connection.reason.unlaunched',
  PROXYBLOCK: 'connection.reason.proxyBlock',
  TOS_BLOCK: 'connection.reason.tosBlock',
  SMB_TOS_BLOCK: 'connection.reason.tosBlock',
  DEPRECATED_VERSION: 'connection.reason.deprecatedVersion',
  NAVIGATION: 'connection.reason.navigation',
};

export function mainText(message: string, t: Translate): string {
  const key = fixed[message];
  if (key) return t(key);
  const code = /^.+ \(([A-Z_]+)\)$/.exec(message)?.[1];
  const reason = code ? reasons[code] : undefined;
  return reason ? `${t(reason)} (${code})` : message;
}

/** What log out did: said plainly when it all went (no folder paths), main's own words when something is left. */
export function logoutText(outcome: LogoutOutcome, t: Translate): string {
  const session = outcome.wiped ? t('connection.logoutResult.sessionDeleted') : outcome.message;
  if (!outcome.dataDeleted) return session;
  return `${session} ${outcome.dataDeleted.deleted ? t('connection.logoutResult.dataDeleted') : outcome.dataDeleted.message}`;
}
