import type { CampaignState, ContactStatus } from '../../../src/shared/contract/campaign';

/** A duration as an operator reads it: "45 s", "12 min", "3 h 20 min", "2 days 4 h". */
export function formatDuration(ms: number): string {
  const s = Math.max(0, Math.round(ms / 1000));
  if (s < 60) return `${s} s`;
  const min = Math.round(s / 60);
  if (min < 60) return `${min} min`;
  const h = Math.floor(min / 60);
  if (h < 48) return min % 60 ? `${h} h ${min % 60} min` : `${h} h`;
  const days = Math.floor(h / 24);
  return h % 24 ? `${days} days ${h % 24} h` : `${days} days`;
}

export function formatDateTime(ms: number): string {
  return new Date(ms).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });
}

export function formatTime(ms: number | null): string {
  return ms === null ? '' : new Date(ms).toLocaleTimeString(undefined, { hour: '2-digit', minute: '2-digit', second: '2-digit' });
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

/** A moment as a day and a time, relative to `now`: "today 15:40", "tomorrow 09:00", "Wed 2 Dec 15:40". */
export function formatWhen(ms: number, now: number): string {
  const time = new Date(ms).toLocaleTimeString(undefined, { hour: '2-digit', minute: '2-digit' });
  const day = (t: number) => new Date(t).toDateString();
  if (day(ms) === day(now)) return `today ${time}`;
  const tomorrow = new Date(now);
  tomorrow.setDate(tomorrow.getDate() + 1);
  if (day(ms) === tomorrow.toDateString()) return `tomorrow ${time}`;
  return `${new Date(ms).toLocaleDateString(undefined, { weekday: 'short', day: 'numeric', month: 'short' })} ${time}`;
}

/** The sending hours as the form shows them: "09:00-20:00", or "any hour" without a window. */
export function formatHours(window: { startHour: number; endHour: number } | null): string {
  if (!window) return 'any hour, day and night';
  const hh = (h: number) => `${String(h).padStart(2, '0')}:00`;
  return `${hh(window.startHour)}-${hh(window.endHour)}`;
}

/** Contacts handled so far (sent, failed, skipped or refused): all but those waiting and those not yet confirmed. */
export const doneCount = (counts: { total: number; pending: number; unconfirmed: number }): number =>
  counts.total - counts.pending - counts.unconfirmed;
