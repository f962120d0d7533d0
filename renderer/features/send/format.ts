import type { CampaignState, ContactStatus } from '../../../src/shared/contract/campaign';
import type { MessageKey } from '../../i18n';
import { formatHour, formatTime as formatTimeOfDay } from '../../i18n/format';
import type { Translate } from '../../i18n/translate';

// Durations, dates and times in the operator's language (renderer/i18n/format.ts); the names are kept for the screens.
export { formatDateTime, formatDuration, formatWhen } from '../../i18n/format';

/** A time of day with seconds (a contact's sent time), '' when there is none. */
export function formatTime(ms: number | null): string {
  return ms === null ? '' : formatTimeOfDay(ms, true);
}

/** Campaign states in words: the one map every screen uses (the badge, progress, History). */
export const stateLabelKey: Record<CampaignState, MessageKey> = {
  running: 'send.progress.state.running',
  paused: 'send.progress.state.paused',
  waiting: 'send.progress.state.waiting',
  stopped: 'send.progress.state.stopped',
  finished: 'send.progress.state.finished',
  interrupted: 'send.progress.state.interrupted',
};

/** Contact statuses in words: the one map every screen uses (the contact table, its filter, the count tiles). */
export const statusLabelKey: Record<ContactStatus, MessageKey> = {
  pending: 'send.table.status.pending',
  sending: 'send.table.status.sending',
  sent: 'send.table.status.sent',
  delivered: 'send.table.status.delivered',
  read: 'send.table.status.read',
  failed: 'send.table.status.failed',
  skipped: 'send.table.status.skipped',
  rejected: 'send.table.status.rejected',
};

/** A count of contacts by status, as a tile or column says it ("5 Sent"): plural where the language agrees. */
export const countLabelKey: Record<Exclude<ContactStatus, 'sending'>, MessageKey> = {
  pending: 'send.progress.count.pending',
  sent: 'send.progress.count.sent',
  delivered: 'send.progress.count.delivered',
  read: 'send.progress.count.read',
  failed: 'send.progress.count.failed',
  skipped: 'send.progress.count.skipped',
  rejected: 'send.progress.count.rejected',
};

/** A campaign that still has a sender behind it (or could have, after a restart). */
export const isActive = (state: CampaignState) => state === 'running' || state === 'paused' || state === 'waiting';

/** The sending hours as the form shows them: "09:00–20:00" (in the language's way of writing hours), or "any hour". */
export function formatHours(window: { startHour: number; endHour: number } | null, t: Translate): string {
  if (!window) return t('send.pacing.anyHour');
  return t('send.pacing.hoursRange', { from: formatHour(window.startHour), until: formatHour(window.endHour) });
}

/** Contacts handled so far (sent, failed, skipped or refused): all but those waiting and those not yet confirmed. */
export const doneCount = (counts: { total: number; pending: number; unconfirmed: number }): number =>
  counts.total - counts.pending - counts.unconfirmed;
