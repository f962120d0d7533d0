/**
 * What the desktop shell needs to know about campaigns (the close prompt, the tray, notifications, updates that
 * must not restart mid-campaign): which one is sending now, and each change. A view over the campaign service's
 * own progress events, so the shell never reaches into the service.
 */
import type { CampaignSummary } from '../shared/contract/campaign';
import { Listeners, type Unsubscribe } from '../shared/events';

/** The part of CampaignService this reads (tests pass a fake). */
export interface CampaignProgressSource {
  readonly activeId: string | null;
  readonly progress: { on(listener: (summary: CampaignSummary) => void): Unsubscribe };
  pause(id: string, reason?: string): void;
}

export interface CampaignActivity {
  /** The campaign a runner drives that is sending or waiting to send by itself (not paused), or null. */
  sending(): CampaignSummary | null;
  /** Pauses that campaign (journalled by its runner); false when nothing was sending. */
  pauseSending(reason: string): boolean;
  /** Every campaign change (state, counts), as the service emits it. */
  onChange(listener: (summary: CampaignSummary) => void): Unsubscribe;
}

export const isSendingState = (state: CampaignSummary['state']): boolean => state === 'running' || state === 'waiting';

export function campaignActivity(service: CampaignProgressSource): CampaignActivity {
  // The last summary of each campaign seen since start; only ever as many as the operator ran.
  const latest = new Map<string, CampaignSummary>();
  const changes = new Listeners<CampaignSummary>();
  service.progress.on((summary) => {
    latest.set(summary.id, summary);
    changes.emit(summary);
  });
  const sending = (): CampaignSummary | null => {
    const id = service.activeId;
    const summary = id === null ? undefined : latest.get(id);
    return summary && isSendingState(summary.state) ? summary : null;
  };
  return {
    sending,
    pauseSending(reason) {
      const summary = sending();
      if (!summary) return false;
      try {
        service.pause(summary.id, reason);
        return true;
      } catch {
        // Its runner ended between the two calls: nothing is sending any more.
        return false;
      }
    },
    onChange: (listener) => changes.on(listener),
  };
}
