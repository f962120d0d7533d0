import { useSyncExternalStore } from 'react';
import type { CampaignLogLine } from '../../../src/shared/contract/campaign';
import { api } from '../../api';

const KEEP = 1000;
let lines: CampaignLogLine[] = [];
let subscribed = false;
const watchers = new Set<() => void>();

/**
 * Campaign log lines are pushed once and never re-sent, so they are collected for the life of the page, not
 * only while the Send screen is shown: an operator who looks at History and comes back still sees what happened.
 */
function ensureSubscribed() {
  if (subscribed) return;
  subscribed = true;
  api.onCampaignLog((more) => {
    lines = [...lines, ...more].slice(-KEEP);
    for (const w of watchers) w();
  });
}

function subscribe(watcher: () => void) {
  ensureSubscribed();
  watchers.add(watcher);
  return () => watchers.delete(watcher);
}

/** Start collecting before any screen needs the lines (called by the Send screen's module on import). */
ensureSubscribed();

/** The campaign log lines seen since the page loaded, oldest first. */
export function useCampaignLog(): CampaignLogLine[] {
  return useSyncExternalStore(subscribe, () => lines);
}
