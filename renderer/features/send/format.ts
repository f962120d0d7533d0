import type { CampaignState, ContactStatus } from '../../../src/shared/contract/campaign';
import { formatTime as formatTimeOfDay } from '../../i18n/format';

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

/** The sending hours as the form shows them: "09:00-20:00", or "any hour" without a window. */
export function formatHours(window: { startHour: number; endHour: number } | null): string {
  if (!window) return 'any hour, day and night';
  const hh = (h: number) => `${String(h).padStart(2, '0')}:00`;
  return `${hh(window.startHour)}-${hh(window.endHour)}`;
}

/** Contacts handled so far (sent, failed, skipped or refused): all but those waiting and those not yet confirmed. */
export const doneCount = (counts: { total: number; pending: number; unconfirmed: number }): number =>
  counts.total - counts.pending - counts.unconfirmed;
