import type { CampaignProgressSource } from '../../src/app/campaign-activity';
import { DEFAULT_PACING } from '../../src/core/pacing';
import type { CampaignState, CampaignSummary } from '../../src/shared/contract/campaign';
import { Listeners } from '../../src/shared/events';

/** A campaign summary as the service emits it (10 contacts, 4 sent), with `extra` overriding fields. */
export function summary(id: string, state: CampaignState, extra: Partial<CampaignSummary> = {}): CampaignSummary {
  return {
    id,
    name: 'May reminders',
    createdAt: 0,
    state,
    reason: null,
    counts: { total: 10, pending: 6, sent: 4, delivered: 0, read: 0, failed: 0, skipped: 0, rejected: 0, unconfirmed: 0 },
    etaMs: null,
    nextSendAt: null,
    template: 'Hi {{name}}',
    attachment: null,
    pacing: DEFAULT_PACING,
    resumable: state === 'paused',
    ...extra,
  };
}

/** A campaign service as the activity sees it: progress events, the runner's id, pause. */
export class FakeCampaigns implements CampaignProgressSource {
  readonly progress = new Listeners<CampaignSummary>();
  activeId: string | null = null;
  readonly paused: Array<[string, string | undefined]> = [];
  emit(s: CampaignSummary): void {
    if (s.state === 'running' || s.state === 'waiting') this.activeId = s.id;
    if (s.state === 'finished' || s.state === 'stopped') this.activeId = null;
    this.progress.emit(s);
  }
  pause(id: string, reason?: string): void {
    if (this.activeId !== id) throw new Error(`Campaign ${id} is not running.`);
    this.paused.push([id, reason]);
    this.emit(summary(id, 'paused', { reason: reason ?? null }));
  }
}
