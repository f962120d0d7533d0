/**
 * How a scheduled start is said: the date and time in the operator's own time zone (the computer's), named, so
 * nobody wonders whether "9:00" is theirs or UTC.
 */

/** "Tue, 1 Dec 2026, 09:00 (Europe/London)". */
export function formatStartTime(ms: number): string {
  const zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  const when = new Date(ms).toLocaleString('en-GB', {
    weekday: 'short',
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
  });
  return `${when} (${zone})`;
}

export const scheduledReason = (startAt: number): string =>
  `Scheduled to start on ${formatStartTime(startAt)}. Nothing is sent before then; the app must be open at that time.`;

/** The rule for a start the app was closed for: it never starts by itself later, the operator decides. */
export const missedReason = (startAt: number): string =>
  `The scheduled start (${formatStartTime(startAt)}) passed while the app was closed, so nothing was sent. Press Resume to start now, or Stop to cancel it.`;
