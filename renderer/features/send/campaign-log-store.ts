import { useSyncExternalStore } from 'react';
import type { CampaignLogLine } from '../../../src/shared/contract/campaign';
import { api } from '../../api';

const KEEP = 1000;
/** How far back a push is compared with held lines: a few notifier flushes' worth is plenty. */
const FETCH_OVERLAP = 200;
const keyOf = (l: CampaignLogLine) => `${l.campaignId}|${l.at}|${l.level}|${l.message}`;
let lines: CampaignLogLine[] = [];
let subscribed = false;
const watchers = new Set<() => void>();

function publish(next: CampaignLogLine[]) {
  lines = next.slice(-KEEP);
  for (const w of watchers) w();
}

/**
 * Campaign log lines are pushed once and never re-sent, so they are collected for the life of the page, not
 * only while the Send screen is shown: an operator who looks at History and comes back still sees what happened.
 * What was said before the page (re)loaded is fetched once per campaign with `loadCampaignLog`.
 */
function ensureSubscribed() {
  if (subscribed) return;
  subscribed = true;
  api.onCampaignLog((more) => {
    // A line main kept before its push was flushed can arrive here after loadCampaignLog already fetched it.
    const recent = new Set(lines.slice(-FETCH_OVERLAP).map(keyOf));
    const fresh = more.filter((l) => !recent.has(keyOf(l)));
    if (fresh.length > 0) publish([...lines, ...fresh]);
  });
}

function subscribe(watcher: () => void) {
  ensureSubscribed();
  watchers.add(watcher);
  return () => watchers.delete(watcher);
}

/** Start collecting before any screen needs the lines (called by the Send screen's module on import). */
ensureSubscribed();

/**
 * Fetches the lines main kept for this campaign and merges them with what was pushed meanwhile: a push that
 * arrived while the request was under way is in both, so it is kept once. Resolves to an error message or null.
 */
export async function loadCampaignLog(campaignId: string): Promise<string | null> {
  const r = await api.getCampaignLog(campaignId);
  if (!r.ok) return r.error.message;
  const known = new Set(r.value.map(keyOf));
  const pushedOnly = lines.filter((l) => l.campaignId === campaignId && !known.has(keyOf(l)));
  const others = lines.filter((l) => l.campaignId !== campaignId);
  publish([...others, ...r.value, ...pushedOnly]);
  return null;
}

/** The campaign log lines seen since the page loaded (and those fetched for a campaign), oldest first. */
export function useCampaignLog(): CampaignLogLine[] {
  return useSyncExternalStore(subscribe, () => lines);
}
