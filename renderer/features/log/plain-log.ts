import type { LogLine } from '../../../src/shared/status';
import type { Translate } from '../../i18n/translate';

/** A log line as the operator reads it: what happened, in plain words, without module names or folder paths. */
export interface PlainLine {
  at: number;
  level: LogLine['level'];
  text: string;
}

/**
 * Lines that say nothing an operator can use: which browser binary, socket states, typing, the updater's debug
 * output, the browser host's refused requests. They stay in the log file (Open logs folder), in full.
 */
const HIDDEN: Array<[source: string | null, pattern: RegExp]> = [
  ['whatsapp', /^Browser: /],
  ['whatsapp', /^Connection state: /],
  ['whatsapp', /^Typing… to /],
  ['whatsapp', /^WhatsApp Web page loaded$/],
  ['whatsapp', /handler failed: /],
  ['whatsapp', /^Closing the browser failed: /],
  ['update', /^updater: /],
  ['host', /./],
  ['window', /./],
];

/**
 * Lines of the app's own making (whatsapp's connection steps), said plainly in the operator's language: the whole
 * line is matched, and becomes a message. Other lines are main's words, shown as they are (in English).
 */
const REWORDS: Array<[pattern: RegExp, say: (match: RegExpMatchArray, t: Translate) => string]> = [
  [/^Opening WhatsApp Web$/, (_m, t) => t('log.line.opening')],
  [/^Authenticated; waiting for WhatsApp Web to be ready$/, (_m, t) => t('log.line.linked')],
  [/^Ready as (.+)$/, (m, t) => t('log.line.ready', { account: ltr(m[1]!) })],
  [/^Not connected \([a-z_]+\): closing the browser and deleting the session files$/, (_m, t) => t('log.line.deletingSession')],
  [/^Lost the connection to WhatsApp \([A-Z_]+\); waiting for it to come back$/, (_m, t) => t('log.line.connectionLost')],
  [/^The connection to WhatsApp is back$/, (_m, t) => t('log.line.connectionBack')],
  [/^QR code shown: scan it with WhatsApp on the phone$/, (_m, t) => t('log.line.qrShown')],
  [/^Restoring the saved session$/, (_m, t) => t('log.line.restoring')],
  [/^Logged out( of WhatsApp)?$/, (_m, t) => t('log.line.loggedOut')],
  [/^Logged out and deleted the session folder$/, (_m, t) => t('log.line.loggedOutDeleted')],
  // The simulated WhatsApp ("Sent a media message to …") and the real one ("Sent media to …").
  [/^Sent (?:a message|text) to (\S+)$/, (m, t) => t('log.line.sent', { who: ltr(m[1]!) })],
  [/^Sent (?:a media message|media|audio) to (\S+)$/, (m, t) => t('log.line.sentWithAttachment', { who: ltr(m[1]!) })],
  [/^Started; data in /, (_m, t) => t('log.line.started')],
  [/^Started in demo mode \(simulated WhatsApp\); data in /, (_m, t) => t('log.line.startedDemo')],
  [/^Campaign paused from the tray\.$/, (_m, t) => t('log.line.pausedFromTray')],
  [
    /^Update (\S+) downloaded and verified; it installs on "Restart to update" or when the app quits\.$/,
    (m, t) => t('log.line.updateDownloaded', { version: m[1]! }),
  ],
  [/^Restarting to install update (\S+)\.$/, (m, t) => t('updates.text.restarting', { version: m[1]! })],
];

/** A number ("…4505") reads left to right inside an Arabic sentence too (an isolate, invisible). */
const ltr = (text: string) => `\u2066${text}\u2069`;

/** Main's own lines, tidied: "Started in demo mode (simulated WhatsApp); data in /home/…/demo" (the folder is on Settings). */
const TIDY: Array<[pattern: RegExp, replace: string]> = [
  [/;\s*data in .*$/, ''],
  [/^Lost the connection to WhatsApp \([A-Z_]+\)/, 'Lost the connection to WhatsApp'],
];

/** An absolute path (POSIX or Windows) up to a space or punctuation that ends it. */
const PATH = /(?:[A-Za-z]:\\|\\\\|\/)(?:[^\s:;,()'"`]+[\\/])+([^\s:;,()'"`\\/]+)/g;

/** "contacts:import: Could not …" (an IPC channel before the message): the message alone. */
const CHANNEL_PREFIX = /^[a-z-]+:[A-Za-z-]+:\s*/;

export function plainLogLine(line: LogLine, t: Translate): PlainLine | null {
  if (HIDDEN.some(([source, pattern]) => (source === null || source === line.source) && pattern.test(line.message))) return null;
  // A stack trace or a long dump: its first line is what happened.
  let text = line.message.split('\n')[0]!.trim();
  text = text.replace(CHANNEL_PREFIX, '');
  for (const [pattern, say] of REWORDS) {
    const match = text.match(pattern);
    if (match) return { at: line.at, level: line.level, text: say(match, t) };
  }
  for (const [pattern, replace] of TIDY) text = text.replace(pattern, replace);
  // A folder path tells an operator nothing here; the file's own name does ("contacts.xlsx").
  text = text.replace(PATH, (_all, name: string) => name);
  if (!text) return null;
  return { at: line.at, level: line.level, text: text[0]!.toUpperCase() + text.slice(1) };
}

export function plainLog(lines: readonly LogLine[], t: Translate): PlainLine[] {
  return lines.flatMap((line) => plainLogLine(line, t) ?? []);
}
