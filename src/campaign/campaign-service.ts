/**
 * Campaigns as the app and the CLI use them: create one over a contact list, run it (one at a time), pause,
 * resume, stop, list the history, page through results, follow receipts. Built from injected parts so tests run
 * it over a fake WhatsApp and a fake clock.
 */
import fsp from 'node:fs/promises';
import path from 'node:path';
import { CompiledTemplate, TemplateError } from '../core/template';
import { MAX_CAPTION } from '../core/attachment-rules';
import type { Clock } from '../platform/clock';
import { Listeners, reportError } from '../shared/events';
import { AppFailure } from '../shared/result';
import type { CampaignLogLine, CampaignSummary, ContactUpdate, PacingSettings } from '../shared/contract/campaign';
import type { WhatsAppPort } from '../whatsapp/port';
import type { CheckedAttachment } from './attachment';
import { Campaign } from './campaign';
import { newCampaignId } from './campaign-files';
import { deleteRefusal } from './delete-campaign';
import { writeLeftOut, type LeftOutRow } from './left-out';
import { DataDeleter, type DeleteOutcome } from '../platform/delete-local-data';
import { CampaignDamagedError, damagedSummary, describeDamage, type DamagedCampaign } from './campaign-damage';
import type { JournalFs } from './journal';
import type { ContactRecord, OptOutCheck } from './contact-record';
import { accountLimitsIn, type AccountLimits, type LimitsOptions } from './account-limits';
import { NumberCache } from './number-cache';
import { ReceiptTracker } from './receipts';
import { refreshReceipts, type ReceiptRefreshResult } from './receipt-refresh';
import { CampaignRunner } from './runner';
import { editPacing } from './campaign-edit';
import { planResend, skipReached } from './resend';
import { isScheduled } from './schedule';

/** Log lines kept per campaign for campaign:getLog. */
export const LOG_KEEP = 500;

export interface CampaignServiceDeps {
  /** One folder per campaign below this (AppPaths.campaignsDir). */
  campaignsDir: string;
  /** Daily send counters live here (AppPaths.stateDir). */
  stateDir: string;
  port: WhatsAppPort;
  clock: Clock;
  optOut: OptOutCheck;
  random?: () => number;
  limits?: LimitsOptions;
  /** The journals' file system (tests pass one whose writes fail). */
  journalFs?: JournalFs;
  /**
   * The data folder's lock (src/platform/folder-lock.ts), held while anything may send: released by close().
   * The composition root or the CLI takes it before building the service.
   */
  lock?: { release(): Promise<void> };
  /** Deletes campaign folders (a fake one in tests); by default with retries and a marker in the data folder. */
  deleter?: DataDeleter;
}

export { CampaignDamagedError, describeDamage, type DamagedCampaign } from './campaign-damage';

export interface NewCampaign {
  name?: string;
  template: string;
  pacing: PacingSettings;
  contacts: readonly ContactRecord[];
  columns: readonly string[];
  attachment?: CheckedAttachment | null;
  /** Seeds the spintax (the draft id the preview used); the campaign id when absent. */
  spinSeed?: string;
  /** A resend to the failed contacts of this campaign (resend.ts). */
  resendOf?: string;
  /** A scheduled start (epoch ms; schedule.ts waits for it): nothing is sent before. */
  startAt?: number;
  /** Rows the import left out, kept with the campaign for its results export (left-out.jsonl). */
  leftOut?: readonly LeftOutRow[];
}

export class CampaignService {
  readonly progress = new Listeners<CampaignSummary>();
  readonly contactUpdates = new Listeners<ContactUpdate>();
  readonly log = new Listeners<CampaignLogLine>();

  private readonly loaded = new Map<string, Campaign>();
  private readonly damaged = new Map<string, DamagedCampaign>();
  /** Why a campaign's runner gave up (its journal could not be written): shown until it is resumed. */
  private readonly halted = new Map<string, string>();
  /** The last LOG_KEEP log lines of each campaign since the service started: a reloaded page asks for them. */
  private readonly recentLog = new Map<string, CampaignLogLine[]>();
  private readonly runners = new Map<string, { runner: CampaignRunner; done: Promise<void> }>();
  private readonly receipts: ReceiptTracker;
  private readonly numbers: NumberCache;
  readonly limits: AccountLimits;
  private readonly random: () => number;
  private readonly deleter: DataDeleter;
  private lastAccount = 'unknown';
  private scanned = false;
  private wasReady = false;
  private refreshing: Promise<ReceiptRefreshResult> | null = null;
  private readonly unsubscribeStatus: () => void;

  constructor(private readonly deps: CampaignServiceDeps) {
    this.receipts = new ReceiptTracker(deps.port);
    this.numbers = new NumberCache(deps.port);
    this.limits = accountLimitsIn(deps.stateDir, deps.clock, deps.port, deps.limits);
    this.random = deps.random ?? Math.random;
    this.deleter = deps.deleter ?? new DataDeleter(fsp, deps.clock, { root: path.dirname(deps.campaignsDir) });
    this.noteAccount();
    this.unsubscribeStatus = deps.port.onStatus(() => this.onStatus());
    this.log.on((line) => this.remember(line));
  }

  private remember(line: CampaignLogLine): void {
    const lines = this.recentLog.get(line.campaignId) ?? [];
    lines.push(line);
    // Trimmed in chunks, not per line, so a long campaign does not copy the array on every message.
    if (lines.length > LOG_KEEP * 1.2) lines.splice(0, lines.length - LOG_KEEP);
    this.recentLog.set(line.campaignId, lines);
  }

  /** The campaign's recent log lines, oldest first (at most LOG_KEEP; none from before this process started). */
  logOf(id: string): CampaignLogLine[] {
    return (this.recentLog.get(id) ?? []).slice(-LOG_KEEP);
  }

  /** Each time WhatsApp becomes ready (a start, a reconnect), receipts that came meanwhile are read from the chats. */
  private onStatus(): void {
    this.noteAccount();
    const ready = this.deps.port.getStatus().kind === 'ready';
    if (ready && !this.wasReady) void this.refreshReceipts();
    this.wasReady = ready;
  }

  /** Reads the receipts of recent messages of every loaded campaign from their chats; one run at a time. */
  refreshReceipts(): Promise<ReceiptRefreshResult> {
    this.refreshing ??= refreshReceipts([...this.loaded.values()], this.deps.port, this.receipts, this.deps.clock)
      .catch((err: unknown) => {
        // Receipts are read again on the next refresh; the failure itself is logged.
        reportError(err, 'Reading receipts from the chats failed');
        return { chats: 0, updated: 0 };
      })
      .finally(() => (this.refreshing = null));
    return this.refreshing;
  }

  private noteAccount(): void {
    const status = this.deps.port.getStatus();
    if (status.kind === 'ready') this.lastAccount = status.account.number;
  }

  /** Creates the campaign folder (contacts snapshot, attachment copy, description); does not start it. */
  async create(input: NewCampaign): Promise<Campaign> {
    try {
      CompiledTemplate.compile(input.template);
    } catch (err) {
      if (err instanceof TemplateError) throw new AppFailure('bad_request', err.message);
      throw err;
    }
    if (input.contacts.length === 0) throw new AppFailure('bad_request', 'There are no contacts to send to.');
    const now = this.deps.clock.now();
    const id = newCampaignId(now);
    const attachment = input.attachment ?? null;
    const dir = path.join(this.deps.campaignsDir, id);
    // Before campaign.json (a folder without it is an unfinished creation, ignored); empty for a resend, no import.
    await writeLeftOut(dir, input.leftOut ?? []);
    const campaign = await Campaign.create(
      dir,
      {
        meta: {
          id,
          name: input.name?.trim() || `Campaign of ${new Date(now).toLocaleString()}`,
          createdAt: now,
          template: input.template,
          pacing: input.pacing,
          attachment: attachment
            ? {
                file: `attachment${path.extname(attachment.name)}`,
                name: attachment.name,
                size: attachment.size,
                mimeType: attachment.mimeType,
                kind: attachment.kind,
              }
            : null,
          columns: [...input.columns],
          ...(input.spinSeed ? { spinSeed: input.spinSeed } : {}),
          ...(input.resendOf ? { resendOf: input.resendOf } : {}),
          ...(input.startAt !== undefined ? { startAt: input.startAt } : {}),
        },
        contacts: input.contacts,
        attachmentSource: attachment?.path ?? null,
      },
      { fs: this.deps.journalFs },
    );
    this.adopt(campaign);
    return campaign;
  }

  private adopt(campaign: Campaign): void {
    this.loaded.set(campaign.id, campaign);
    this.receipts.track(campaign);
    this.limits.follow(campaign, () => this.lastAccount, this.log);
    campaign.updates.on((update) => {
      this.contactUpdates.emit(update);
      this.progress.emit(this.summaryOf(campaign));
    });
  }

  /** Loads every campaign folder once (for history, resume and receipts of earlier sends). */
  async loadAll(): Promise<Campaign[]> {
    if (!this.scanned) {
      this.scanned = true;
      let names: string[] = [];
      try {
        names = await fsp.readdir(this.deps.campaignsDir);
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
      }
      for (const name of names.filter((n) => n.startsWith('c_')).sort()) {
        if (this.loaded.has(name)) continue;
        const dir = path.join(this.deps.campaignsDir, name);
        try {
          const campaign = await Campaign.load(dir, { fs: this.deps.journalFs });
          if (campaign) this.adopt(campaign);
        } catch (err) {
          const damaged = await describeDamage(name, dir, err);
          this.damaged.set(name, damaged);
          this.log.emit({ campaignId: name, at: this.deps.clock.now(), level: 'error', message: damaged.message });
        }
      }
    }
    return [...this.loaded.values()].sort((a, b) => b.meta.createdAt - a.meta.createdAt || (a.id < b.id ? 1 : -1));
  }

  /** Campaign folders that could not be loaded, newest first (loadAll fills this). */
  damagedCampaigns(): DamagedCampaign[] {
    return [...this.damaged.values()].sort((a, b) => (a.id < b.id ? 1 : -1));
  }

  async get(id: string): Promise<Campaign> {
    await this.loadAll();
    const campaign = this.loaded.get(id);
    if (campaign) return campaign;
    const damaged = this.damaged.get(id);
    if (damaged) throw new CampaignDamagedError([damaged]);
    throw new AppFailure('not_found', `No campaign ${id}.`);
  }

  summaryOf(campaign: Campaign): CampaignSummary {
    const active = this.runners.get(campaign.id);
    const halted = this.halted.get(campaign.id);
    const stored = halted ? { state: 'paused' as const, reason: halted, resumable: true } : campaign.storedState();
    const snap = active?.runner.snapshot();
    const counts = campaign.model.counts();
    const attachment = campaign.meta.attachment;
    return {
      id: campaign.id,
      name: campaign.meta.name,
      createdAt: campaign.meta.createdAt,
      state: snap?.state ?? stored.state,
      reason: snap ? snap.reason : stored.reason,
      counts,
      etaMs: snap?.etaMs ?? null,
      nextSendAt: snap?.nextSendAt ?? null,
      template: campaign.meta.template,
      attachment: attachment ? { name: attachment.name, size: attachment.size, kind: attachment.kind } : null,
      pacing: campaign.meta.pacing,
      resumable: snap ? snap.state === 'paused' : stored.resumable,
      ...(!snap && isScheduled(campaign) ? { scheduledAt: campaign.meta.startAt } : {}),
    };
  }

  /** Every campaign, newest first; one that cannot be loaded is listed too, stopped, with its damage. */
  async list(): Promise<CampaignSummary[]> {
    const summaries = (await this.loadAll()).map((c) => this.summaryOf(c));
    summaries.push(...this.damagedCampaigns().map(damagedSummary));
    return summaries.sort((a, b) => b.createdAt - a.createdAt || (a.id < b.id ? 1 : -1));
  }

  /**
   * The newest campaign that can be resumed, if any. Throws CampaignDamagedError when a campaign newer than it
   * cannot be loaded: that may be the one to resume, and "nothing to resume" would hide it.
   */
  async latestResumable(): Promise<Campaign | null> {
    const found = (await this.loadAll()).find((c) => !this.runners.has(c.id) && this.summaryOf(c).resumable) ?? null;
    const newer = this.damagedCampaigns().filter((d) => !found || d.id > found.id);
    if (newer.length > 0) throw new CampaignDamagedError(newer);
    return found;
  }

  get activeId(): string | null {
    return this.runners.keys().next().value ?? null;
  }

  /**
   * Starts (or resumes) driving a campaign. Resolves once it is under way with `done`, which settles when the
   * runner ends (finished, stopped, or the loop gave up). Wrapped in an object: a promise of a promise would flatten.
   */
  async run(id: string): Promise<{ done: Promise<void> }> {
    const campaign = await this.get(id);
    const existing = this.runners.get(id);
    if (existing) {
      existing.runner.resume();
      return { done: existing.done };
    }
    const other = this.activeId;
    if (other) throw new AppFailure('conflict', `Campaign ${other} is already sending; pause or stop it first.`);
    const stored = this.summaryOf(campaign);
    if (!stored.resumable) {
      throw new AppFailure('conflict', `Campaign ${id} is ${stored.state} and has nothing left to send.`);
    }
    // After a failed write (a full disk) the journal is opened again; if the disk is still full, the runner's
    // first entry fails and it stops with the same reason.
    await campaign.reopenJournal();
    this.halted.delete(id);
    // A resend never reaches a number the campaign it resends has sent to since it was made (resend.ts).
    const reached = await skipReached(campaign, (earlier) => this.get(earlier), this.deps.clock);
    if (reached) campaign.loadNotes.push(reached);
    for (const note of campaign.loadNotes.splice(0)) {
      this.log.emit({ campaignId: id, at: this.deps.clock.now(), level: 'warn', message: note });
    }
    const runner = new CampaignRunner(
      campaign,
      { port: this.deps.port, clock: this.deps.clock, optOut: this.deps.optOut, limits: this.limits, numbers: this.numbers, random: this.random },
      () => this.lastAccount,
    );
    runner.changes.on(() => this.progress.emit(this.summaryOf(campaign)));
    runner.log.on((line) => this.log.emit(line));
    const done = runner.run().finally(() => {
      const end = runner.snapshot();
      // Only a loop that gave up (its journal could not be written) ends "interrupted"; its journal cannot say why.
      if (end.state === 'interrupted' && end.reason) this.halted.set(id, end.reason);
      this.runners.delete(id);
      this.progress.emit(this.summaryOf(campaign));
    });
    this.runners.set(id, { runner, done });
    return { done };
  }

  private runnerOf(id: string): CampaignRunner {
    const entry = this.runners.get(id);
    if (!entry) throw new AppFailure('conflict', `Campaign ${id} is not running.`);
    return entry.runner;
  }

  pause(id: string, reason?: string): void {
    this.runnerOf(id).pause(reason);
  }

  /** Resumes a paused runner, or starts a runner for an interrupted/paused campaign from disk. */
  async resume(id: string): Promise<{ done: Promise<void> }> {
    return this.run(id);
  }

  /** Changes the pace of a paused or waiting campaign (campaign-edit.ts): saved in campaign.json, used from the next send. */
  async editPacing(id: string, pacing: PacingSettings): Promise<CampaignSummary> {
    const campaign = await this.get(id);
    const message = await editPacing(campaign, this.summaryOf(campaign).state, pacing, this.runners.get(id)?.runner ?? null);
    this.log.emit({ campaignId: id, at: this.deps.clock.now(), level: 'info', message });
    this.progress.emit(this.summaryOf(campaign));
    return this.summaryOf(campaign);
  }

  /** A new campaign, not started, to the failed contacts of a finished or stopped one (resend.ts). */
  async createResend(id: string): Promise<Campaign> {
    const source = await this.get(id);
    return this.create(await planResend(source, this.summaryOf(source), (earlier) => this.get(earlier)));
  }

  /** Stops for good; a campaign no runner drives is marked stopped in its journal. */
  async stop(id: string): Promise<void> {
    const entry = this.runners.get(id);
    if (entry) {
      entry.runner.stop();
      return;
    }
    const campaign = await this.get(id);
    const stored = campaign.storedState();
    if (stored.state === 'finished' || (stored.state === 'stopped' && !stored.resumable)) return;
    await campaign.reopenJournal(); // after a failed write (a full disk), as run() does
    await campaign.record({ t: 'campaign', state: 'stopped', reason: 'Stopped by the operator.', final: true, at: this.deps.clock.now() });
    this.halted.delete(id);
    this.progress.emit(this.summaryOf(campaign));
  }

  /**
   * Deletes a campaign: its journal is closed, then its folder (contacts, journal, attachment copy) goes. Refused
   * while a runner drives it, sending or paused: it must be stopped first.
   */
  async delete(id: string): Promise<DeleteOutcome> {
    await this.loadAll();
    const dir = this.loaded.get(id)?.dir ?? this.damaged.get(id)?.dir;
    if (!dir) throw new AppFailure('not_found', `No campaign ${id}.`);
    if (this.runners.has(id)) throw new AppFailure('conflict', deleteRefusal(this.summaryOf(this.loaded.get(id)!)));
    await this.forget(id);
    return this.deleter.delete([dir]);
  }

  /** Log out with "delete data": stops every runner for good, closes every journal and forgets every campaign. */
  async forgetAll(reason: string): Promise<void> {
    const running = [...this.runners.values()];
    for (const { runner } of running) runner.stop(reason);
    await Promise.all(running.map((r) => r.done.catch(() => undefined)));
    for (const id of [...this.loaded.keys(), ...this.damaged.keys()]) await this.forget(id);
    this.scanned = false;
  }

  private async forget(id: string): Promise<void> {
    const campaign = this.loaded.get(id);
    this.receipts.untrack(id);
    [this.loaded, this.damaged, this.halted, this.recentLog].forEach((map) => map.delete(id));
    await campaign?.close().catch((err: unknown) => reportError(err, `The journal of campaign ${id} could not be closed`));
  }

  /** Warnings for a template with an attachment (the caption limit). */
  static attachmentWarnings(template: string, hasAttachment: boolean): string[] {
    return hasAttachment && template.length > MAX_CAPTION
      ? [`With an attachment the text is a caption, and WhatsApp cuts captions after about ${MAX_CAPTION} characters.`]
      : [];
  }

  /**
   * Pauses every runner (journalled, so nothing is lost) and waits for the message in flight, then closes the
   * journals. For app quit and the CLI's Ctrl-C.
   */
  async close(reason = 'Paused because the app closed.'): Promise<void> {
    const running = [...this.runners.values()];
    for (const { runner } of running) runner.pause(reason);
    // A paused runner waits for resume: give it the chance to journal "paused", then abandon the wait.
    await Promise.race([Promise.all(running.map((r) => r.done)), this.untilAllPaused(running.map((r) => r.runner))]);
    this.receipts.close();
    this.unsubscribeStatus();
    try {
      for (const campaign of this.loaded.values()) {
        await campaign.close().catch((err: unknown) => reportError(err, `The journal of campaign ${campaign.id} could not be closed`));
      }
    } finally {
      await this.deps.lock?.release();
    }
  }

  private async untilAllPaused(runners: CampaignRunner[]): Promise<void> {
    for (let i = 0; i < 2000; i++) {
      if (runners.every((r) => r.snapshot().state === 'paused' || r.snapshot().state === 'stopped')) return;
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
  }
}
