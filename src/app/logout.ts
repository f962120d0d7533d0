/**
 * Log out as the Connection screen asks for it: a campaign that is sending is paused first (its journal says why),
 * then WhatsApp is unlinked and the session deleted; with "also delete", every campaign is stopped and forgotten,
 * the contact list cleared, and the campaigns and scratch folders and the saved draft deleted from disk. Settings, the opt-out list, the
 * saved templates, the column layouts and the (redacted) logs stay.
 */
import type { CampaignService } from '../campaign/campaign-service';
import type { AppPaths } from '../platform/app-paths';
import fs from 'node:fs/promises';
import path from 'node:path';
import type { Clock } from '../platform/clock';
import { DataDeleter } from '../platform/delete-local-data';
import type { Logger } from '../platform/logger';
import type { LogoutOutcome, LogoutRequest } from '../shared/contract/connection';
import { AppFailure } from '../shared/result';

export interface LogoutDeps {
  whatsapp: { logout(): Promise<LogoutOutcome> };
  campaigns: Pick<CampaignService, 'activeId' | 'pause' | 'forgetAll' | 'progress'>;
  /** Bounds the wait for a sending campaign to pause (its message in flight finishes first). */
  clock: Pick<Clock, 'sleep'>;
  contacts: { clear(): void };
  paths: Pick<AppPaths, 'campaignsDir' | 'tempDir' | 'stateDir'>;
  deleter: Pick<DataDeleter, 'delete'>;
  log: (level: 'info' | 'warn' | 'error', message: string) => void;
}

/** The message being written on the Message and Send screens, kept between runs (platform/draft-store.ts). */
export const draftFile = (paths: Pick<AppPaths, 'stateDir'>): string => path.join(paths.stateDir, 'draft.json');

/**
 * Which list to read again after a restart, and a pasted one itself (contacts/import-record.ts): clearing the list
 * removes it too; deleted here as well, so nothing depends on that listener having run.
 */
const importRecord = (paths: Pick<AppPaths, 'stateDir'>): string => path.join(paths.stateDir, 'contacts-source.json');

export const PAUSED_BY_LOGOUT = 'Paused because you logged out of WhatsApp. Log in again and press Resume.';
export const STOPPED_BY_DELETE = 'Stopped because you logged out and deleted the contacts and campaign history.';

/** How long log out waits for the message in flight before it goes ahead (the send has its own timeout). */
export const PAUSE_WAIT_MS = 30_000;

/** Pauses the campaign and waits until it has (its message in flight done and journalled), or PAUSE_WAIT_MS. */
async function pauseFirst(deps: Pick<LogoutDeps, 'campaigns' | 'clock'>, id: string): Promise<void> {
  const abort = new AbortController();
  let off = () => {};
  const paused = new Promise<void>((resolve) => {
    off = deps.campaigns.progress.on((s) => s.id === id && s.state !== 'running' && s.state !== 'waiting' && resolve());
  });
  deps.campaigns.pause(id, PAUSED_BY_LOGOUT);
  await Promise.race([paused, deps.clock.sleep(PAUSE_WAIT_MS, abort.signal).catch(() => undefined)]);
  off();
  abort.abort();
}

export async function logOut(deps: LogoutDeps, request: LogoutRequest): Promise<LogoutOutcome> {
  const deleteData = request?.deleteData === true;
  const active = deps.campaigns.activeId;
  // Before the session goes: a sending campaign must not find WhatsApp gone mid-message.
  if (deleteData) await deps.campaigns.forgetAll(STOPPED_BY_DELETE);
  else if (active) await pauseFirst(deps, active);
  const outcome = await deps.whatsapp.logout();
  // Neither deleted nor remembered for later: the operator must know the session may still be on disk.
  if (!outcome.wiped && !outcome.pendingWipe) throw new AppFailure('io', outcome.message);
  if (!deleteData) return outcome;
  deps.contacts.clear();
  const deleted = await deps.deleter.delete([deps.paths.campaignsDir, deps.paths.tempDir, draftFile(deps.paths), importRecord(deps.paths)]);
  const message = deleted.deleted
    ? 'Deleted the contact list, every campaign with its results and replies, and the message draft from this computer.'
    : deleted.message;
  deps.log(deleted.deleted ? 'info' : 'error', `Log out, delete data: ${deleted.message}`);
  return { ...outcome, dataDeleted: { deleted: deleted.deleted, pending: deleted.pending, message } };
}

/** The app's log out over its services (the composition root's wiring). */
export function logoutWith(parts: {
  whatsapp: LogoutDeps['whatsapp'];
  campaigns: LogoutDeps['campaigns'];
  contacts: LogoutDeps['contacts'];
  paths: AppPaths;
  clock: Clock;
  logger: Pick<Logger, 'log'>;
}): (request: LogoutRequest) => Promise<LogoutOutcome> {
  const deleter = new DataDeleter(fs, parts.clock, { root: parts.paths.userData });
  const log: LogoutDeps['log'] = (level, message) => parts.logger.log(level, 'session', message);
  return (request) => logOut({ ...parts, deleter, log }, request);
}
