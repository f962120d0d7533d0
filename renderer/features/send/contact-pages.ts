import type { ContactResult, ContactUpdate } from '../../../src/shared/contract/campaign';

export const PAGE = 200;

/** Applies a pushed change to a loaded row: the status, its reason, and the time stamp that status means. */
export function applyUpdate(row: ContactResult, u: ContactUpdate): ContactResult {
  return {
    ...row,
    status: u.status,
    reason: u.reason,
    messageId: u.messageId ?? row.messageId,
    sentAt: u.status === 'sent' ? u.at : row.sentAt,
    deliveredAt: u.status === 'delivered' ? u.at : row.deliveredAt,
    readAt: u.status === 'read' ? u.at : row.readAt,
  };
}

/** The page numbers that hold rows first..last. */
export function pagesFor(first: number, last: number): number[] {
  const out: number[] = [];
  for (let p = Math.floor(first / PAGE); p <= Math.floor(last / PAGE); p++) out.push(p);
  return out;
}

/** Ticked contacts by position; null: everyone (the default, and what a selection of all of them becomes again). */
export type Ticked = ReadonlySet<number> | null;

/** Ticks or unticks one contact; the first untick turns "everyone" into the list of all the others. */
export function toggleTicked(ticked: Ticked, index: number, total: number): Ticked {
  const next = new Set(ticked ?? Array.from({ length: total }, (_, i) => i));
  if (next.has(index)) next.delete(index);
  else next.add(index);
  return next.size === total ? null : next;
}

/** Ticks these contacts too ("Select all shown"). */
export function addTicked(ticked: Ticked, indices: readonly number[], total: number): Ticked {
  if (ticked === null) return null;
  const next = new Set(ticked);
  for (const i of indices) next.add(i);
  return next.size === total ? null : next;
}
