/**
 * Scheduled starts. A campaign created with a start time (campaign.json `startAt`) sends nothing until then; the
 * time survives restarts because it lives in the campaign's files. When the app starts, each scheduled campaign
 * that has not started waits for its time on the injected clock. The rule for a time that passed while the app was
 * closed: it never starts by itself later; it is marked paused with the reason, for the operator to start (Resume)
 * or cancel (Stop). A campaign due while another one sends starts when that one ends.
 */
import type { Clock } from '../platform/clock';
import type { CampaignLogLine, CampaignSummary } from '../shared/contract/campaign';
import { reportError } from '../shared/events';
import { AppFailure } from '../shared/result';
import type { Campaign } from './campaign';
import { formatStartTime, missedReason } from './schedule-text';

/** What the scheduler uses of the campaign service. */
export interface SchedulerService {
  loadAll(): Promise<Campaign[]>;
  get(id: string): Promise<Campaign>;
  run(id: string): Promise<{ done: Promise<void> }>;
  summaryOf(campaign: Campaign): CampaignSummary;
  readonly activeId: string | null;
  readonly progress: { on(listener: (summary: CampaignSummary) => void): () => void; emit(summary: CampaignSummary): void };
  readonly log: { emit(line: CampaignLogLine): void };
}

/** Created with a start time and not started yet (no state in its journal). */
export const isScheduled = (campaign: Campaign): boolean => campaign.meta.startAt !== undefined && campaign.model.lastCampaignEntry === null;

/** A start time must lie ahead (a minute of slack for the time the form took to send). */
export function checkStartAt(startAt: number, now: number): number {
  if (startAt < now - 60_000)
    throw new AppFailure('bad_request', `The start time ${formatStartTime(startAt)} has already passed; choose a later one.`);
  return startAt;
}

const MAX_STEP_MS = 3600_000;

export class CampaignScheduler {
  private readonly waits = new Map<string, AbortController>();
  private closed = false;

  constructor(
    private readonly service: SchedulerService,
    private readonly clock: Clock,
  ) {}

  /** On app start: every scheduled campaign waits for its time, or is marked missed when its time has passed. */
  async start(): Promise<void> {
    for (const campaign of await this.service.loadAll()) {
      if (!isScheduled(campaign) || this.waits.has(campaign.id)) continue;
      const startAt = campaign.meta.startAt!;
      if (startAt <= this.clock.now()) await this.markMissed(campaign, startAt);
      else this.arm(campaign);
    }
  }

  /** The start time, refused when it has passed. */
  checked(startAt: number): number {
    return checkStartAt(startAt, this.clock.now());
  }

  /** Waits for the campaign's start time, then starts it. */
  arm(campaign: Campaign): void {
    const startAt = campaign.meta.startAt;
    if (startAt === undefined || this.closed) return;
    this.waits.get(campaign.id)?.abort();
    const wait = new AbortController();
    this.waits.set(campaign.id, wait);
    this.say(campaign.id, `Scheduled to start on ${formatStartTime(startAt)}.`);
    this.waitUntil(startAt, wait.signal).then(
      () => void this.fire(campaign.id, wait),
      () => undefined, // cancelled, started now, or the app is closing
    );
  }

  /**
   * Sleeps until `startAt` in steps of at most an hour: a timer longer than about 24.8 days fires at once in Node,
   * and a computer that slept meanwhile is noticed within the hour.
   */
  private async waitUntil(startAt: number, signal: AbortSignal): Promise<void> {
    while (this.clock.now() < startAt) await this.clock.sleep(Math.min(startAt - this.clock.now(), MAX_STEP_MS), signal);
  }

  /** "Start now": the wait is dropped and the campaign runs. */
  async startNow(id: string): Promise<CampaignSummary> {
    const campaign = await this.scheduled(id);
    this.drop(id);
    await this.service.run(campaign.id);
    return this.service.summaryOf(campaign);
  }

  /** "Cancel": the campaign is stopped for good before sending anything. */
  async cancel(id: string): Promise<CampaignSummary> {
    const campaign = await this.scheduled(id);
    this.drop(id);
    // The operator's own Stop, in its usual words (the notification policy says nothing for it); the log says more.
    await campaign.record({ t: 'campaign', state: 'stopped', reason: 'Stopped by the operator.', final: true, at: this.clock.now() });
    this.say(id, 'The scheduled start was cancelled; nothing was sent.');
    const summary = this.service.summaryOf(campaign);
    this.service.progress.emit(summary);
    return summary;
  }

  /** On quit: the waits end; the times stay in the campaign files for the next start. */
  close(): void {
    this.closed = true;
    for (const id of [...this.waits.keys()]) this.drop(id);
  }

  private async scheduled(id: string): Promise<Campaign> {
    const campaign = await this.service.get(id);
    if (!isScheduled(campaign)) throw new AppFailure('conflict', `Campaign "${campaign.meta.name}" is not waiting for a scheduled start.`);
    return campaign;
  }

  private drop(id: string): void {
    this.waits.get(id)?.abort();
    this.waits.delete(id);
  }

  /** The time has come: start, or, while another campaign sends, start as soon as it ends. */
  private async fire(id: string, wait: AbortController): Promise<void> {
    if (this.waits.get(id) !== wait || this.closed) return;
    const other = this.service.activeId;
    if (other) {
      this.say(id, `The start time has come, but campaign ${other} is sending: this one starts when it ends.`);
      const off = this.service.progress.on(() => {
        if (this.service.activeId !== null || this.waits.get(id) !== wait) return;
        off();
        void this.fire(id, wait);
      });
      wait.signal.addEventListener('abort', off, { once: true });
      return;
    }
    this.waits.delete(id);
    try {
      const campaign = await this.service.get(id);
      if (isScheduled(campaign)) await this.service.run(id);
    } catch (err) {
      if (err instanceof AppFailure && err.code === 'not_found') return; // deleted while it waited
      reportError(err, `The scheduled start of campaign ${id} failed`);
      this.say(id, `The scheduled start failed: ${err instanceof Error ? err.message : String(err)}`, 'error');
    }
  }

  private async markMissed(campaign: Campaign, startAt: number): Promise<void> {
    await campaign.record({ t: 'campaign', state: 'paused', reason: missedReason(startAt), at: this.clock.now() });
    this.say(campaign.id, missedReason(startAt), 'warn');
    this.service.progress.emit(this.service.summaryOf(campaign));
  }

  private say(campaignId: string, message: string, level: CampaignLogLine['level'] = 'info'): void {
    this.service.log.emit({ campaignId, at: this.clock.now(), level, message });
  }
}
