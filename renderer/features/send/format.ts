import type { CampaignState, ContactStatus } from '../../../src/shared/contract/campaign';
import { formatHour, formatTime as formatTimeOfDay } from '../../i18n/format';
import en from '../../i18n/messages/en.json';
import { translatorFor, type Translate } from '../../i18n/translate';

// TEMPORARY (C2): English for formatHours' caller not converted yet (StartConfirm, being edited by another helper).
const englishUntilConverted: Translate = translatorFor('en', en);

// Durations, dates and times in the operator's language (renderer/i18n/format.ts); the names are kept for the screens.
export { formatDateTime, formatDuration, formatWhen } from '../../i18n/format';

/** A time of day with seconds (a contact's sent time), '' when there is none. */
export function formatTime(ms: number | null): string {
  return ms === null ? '' : formatTimeOfDay(ms, true);
}

export const stateLabel: Record<CampaignState, string> = {
  running: 'Sending',
  paused: 'Paused',
  waiting: 'Waiting',
  stopped: 'Stopped',
  finished: 'Finished',
  interrupted: 'Interrupted',
};

export const statusLabel: Record<ContactStatus, string> = {
  pending: 'Pending',
  sending: 'Sending…',
  sent: 'Sent',
  delivered: 'Delivered',
  read: 'Read',
  failed: 'Failed',
  skipped: 'Skipped',
  rejected: 'Rejected by WhatsApp',
};

/** A campaign that still has a sender behind it (or could have, after a restart). */
export const isActive = (state: CampaignState) => state === 'running' || state === 'paused' || state === 'waiting';

/** The sending hours as the form shows them: "09:00–20:00" (in the language's way of writing hours), or "any hour". */
export function formatHours(window: { startHour: number; endHour: number } | null, t: Translate = englishUntilConverted): string {
  if (!window) return t('send.pacing.anyHour');
  return t('send.pacing.hoursRange', { from: formatHour(window.startHour), until: formatHour(window.endHour) });
}

/** Contacts handled so far (sent, failed, skipped or refused): all but those waiting and those not yet confirmed. */
export const doneCount = (counts: { total: number; pending: number; unconfirmed: number }): number =>
  counts.total - counts.pending - counts.unconfirmed;
