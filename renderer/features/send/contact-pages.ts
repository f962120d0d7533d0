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
