/**
 * The send loop of one campaign. Per contact: opt-out check, number check (cached), render, journal "about to
 * send", send with a timeout, journal the outcome; then wait as the pacing says. Pause and stop take effect
 * between contacts (never mid-send); a disconnect makes it wait and reconcile before going on; an auth failure
 * stops it with the reason. A send WhatsApp took without giving an id stays "about to send" and is settled from
 * the chat (reconcile) before the next send.
 */
import { estimateFinish } from '../core/eta';
import { REJECTED_REASON } from '../core/campaign-state';
import { backoffMs, inWindow, msUntilWindow, Pacer, shouldAutoPause, typingDelayMs } from '../core/pacing';
import type { Clock } from '../platform/clock';
import { Listeners } from '../shared/events';
import { errorMessage } from '../shared/result';
import type { CampaignLogLine, CampaignState } from '../shared/contract/campaign';
import type { SentMessage, WhatsAppPort } from '../whatsapp/port';
import { AccountLimits } from './account-limits';
import type { Campaign } from './campaign';
import { digitsOf, type OptOutCheck } from './contact-record';
import type { DailySendCounter } from './daily-counter';
import { stoppedByStorage } from './journal';
import type { NumberCache } from './number-cache';
import { recordLateSend, SendTimedOut } from './late-send';
import { reconcileUnconfirmed } from './reconcile';
import { TimeoutError, withTimeout } from '../platform/timeout';
import { isNewContactsWait, isRefusal, newContactsWaitReason } from './reject-guard';
import { waitingReason } from './waiting-reason';

export interface RunnerDeps {
  port: WhatsAppPort;
  clock: Clock;
  optOut: OptOutCheck;
  /** Counts sends per account per day; needed only without `limits` (which has its own). */
  daily?: DailySendCounter;
  numbers: NumberCache;
  random: () => number;
  /** The daily and hourly caps and the first-contact guard, per account; one in memory over `daily` when absent. */
  limits?: AccountLimits;
}

export interface RunnerSnapshot {
  state: CampaignState;
  reason: string | null;
  nextSendAt: number | null;
  etaMs: number | null;
}

/** `unconfirmed`: sent, but WhatsApp gave no id; the contact stays "about to send" until reconciled. */
type Outcome = 'sent' | 'unconfirmed' | 'failed' | 'skipped' | 'retry' | 'rejected' | 'held';

/** A contact sent this many times without an id and then not found in its chat is not sent again. */
const MAX_SENDS_WITHOUT_ID = 2;

const isNoLid = (err: unknown): boolean => /no lid for user/i.test(errorMessage(err));

export class CampaignRunner {
  readonly changes = new Listeners<RunnerSnapshot>();
  readonly log = new Listeners<CampaignLogLine>();

  private state: CampaignState = 'running';
  private reason: string | null = null;
  private wanted: 'run' | 'pause' | 'stop' = 'run';
  private wantedReason: string | null = null;
  private stopFinal = true;
  private failures = 0;
  private nextSendAt: number | null = null;
  private cursor = 0;
  private readonly pacer: Pacer;
  private readonly limits: AccountLimits;
  /** Aborted to cut short whatever the loop is waiting for (a delay, readiness, a resume). */
  private interruptSleep = new AbortController();
  private done: Promise<void> | null = null;
  private meanLength = 0;
  private sentToday = 0;
  /** The first state is always journalled, so every run of the campaign shows in its journal. */
  private started = false;
  /** Per contact, sends WhatsApp took without giving an id (WHATSAPP.md #12). */
  private readonly sendsWithoutId = new Map<number, number>();
  /** A send without an id happened: look for it in the chat before the next send. */
  private checkChatsBeforeNextSend = false;
  /** A failed typing indicator is said once per run, not once per contact. */
  private typingFailureSaid = false;
  /** Contacts left "about to send" have been settled since WhatsApp was last ready; cleared to settle them again. */
  private reconciled = false;
  /** Set while waiting for WhatsApp, so its return is said in the log: the operator sees sending go on. */
  private waitedForWhatsApp = false;

  constructor(
    private readonly campaign: Campaign,
    private readonly deps: RunnerDeps,
    /** The WhatsApp account sending (for the daily cap); read when needed, as it is known only once ready. */
    private readonly account: () => string,
  ) {
    this.pacer = new Pacer(campaign.meta.pacing, deps.random);
    this.limits = deps.limits ?? new AccountLimits({ daily: deps.daily!, clock: deps.clock, port: deps.port, dir: null });
    const sample = Math.min(20, campaign.contacts.length);
    for (let i = 0; i < sample; i++) this.meanLength += campaign.render(i).text.length / sample;
  }

  get id(): string {
    return this.campaign.id;
  }

  /** Starts the loop; the promise settles when the campaign is finished, stopped or paused for good (closed). */
  run(): Promise<void> {
    this.done ??= this.loop();
    return this.done;
  }

  snapshot(): RunnerSnapshot {
    const counts = this.campaign.model.counts();
    // Waiting for the operator to resume new contacts has no end the pacing can tell.
    const active = this.state === 'running' || (this.state === 'waiting' && !isNewContactsWait(this.reason));
    const { pacing } = this.campaign.meta;
    const [now, remaining, leftInBatch] = [this.deps.clock.now(), counts.pending + counts.unconfirmed, this.pacer.leftInBatch];
    const eta = active
      ? estimateFinish({ pacing, remaining, now, nextSendAt: this.nextSendAt, sentToday: this.sentToday, leftInBatch, meanLength: this.meanLength })
      : null;
    return { state: this.state, reason: this.reason, nextSendAt: this.nextSendAt, etaMs: eta ? eta.durationMs : null };
  }

  pause(reason = 'Paused by the operator.'): void {
    if (this.wanted === 'stop') return;
    this.wanted = 'pause';
    this.wantedReason = reason;
    this.interrupt();
  }

  resume(): void {
    if (this.wanted !== 'pause') return;
    this.wanted = 'run';
    this.wantedReason = null;
    this.failures = 0;
    this.interrupt();
  }

  stop(reason = 'Stopped by the operator.', final = true): void {
    this.wanted = 'stop';
    this.wantedReason = reason;
    this.stopFinal = final;
    this.interrupt();
  }

  private interrupt(): void {
    this.interruptSleep.abort();
    this.interruptSleep = new AbortController();
  }

  /** Sleeps unless interrupted; true when the full time passed. */
  private async sleep(ms: number): Promise<boolean> {
    if (ms <= 0) return true;
    try {
      await this.deps.clock.sleep(ms, this.interruptSleep.signal);
      return true;
    } catch {
      return false;
    }
  }

  /** Waits until something interrupts (a status change, pause, resume or stop). */
  private waitForInterrupt(): Promise<void> {
    const signal = this.interruptSleep.signal;
    return new Promise((resolve) => signal.addEventListener('abort', () => resolve(), { once: true }));
  }

  private say(level: CampaignLogLine['level'], message: string): void {
    this.log.emit({ campaignId: this.id, at: this.deps.clock.now(), level, message });
  }

  private async setState(state: CampaignState, reason: string | null, final?: boolean): Promise<void> {
    if (this.started && this.state === state && this.reason === reason) return;
    this.started = true;
    this.state = state;
    this.reason = reason;
    if (state !== 'interrupted') {
      await this.campaign.record({
        t: 'campaign',
        state,
        reason,
        ...(final !== undefined ? { final } : {}),
        at: this.deps.clock.now(),
      });
    }
    if (reason) this.say(state === 'stopped' ? 'error' : 'info', reason);
    this.changes.emit(this.snapshot());
  }

  private async loop(): Promise<void> {
    const unsubscribe = this.deps.port.onStatus((status) => {
      if (status.kind !== 'ready') this.interrupt();
      else if (this.state === 'waiting') this.interrupt();
    });
    // Resuming new contacts wakes a campaign that waits for it (the service feeds the guard: AccountLimits.follow).
    const unfollow = this.limits.resumed.on(() => this.interrupt());
    try {
      const counts = this.campaign.model.counts();
      const left = counts.pending + counts.unconfirmed;
      this.say('info', left === counts.total ? `Sending to ${left} contact(s).` : `Resumed: ${left} contact(s) left to send.`);
      await this.setState('running', null);
      while (await this.step()) {
        // Each step sends to one contact or waits for one thing (a resume, WhatsApp, the pacing).
      }
    } catch (err) {
      // The journal could not be written (disk full, folder gone): stop sending rather than send unrecorded. A
      // "sending" line that did not reach the disk whole stops the loop before the send (record throws first).
      this.state = 'interrupted';
      this.reason = stoppedByStorage(err) ?? `Sending stopped: ${errorMessage(err)}`;
      this.say('error', this.reason);
      this.changes.emit(this.snapshot());
    } finally {
      unsubscribe();
      unfollow();
    }
  }

  /** One turn of the send loop; false once the campaign is stopped or finished. */
  private async step(): Promise<boolean> {
    if (this.wanted === 'stop') {
      await this.setState('stopped', this.wantedReason, this.stopFinal);
      return false;
    }
    if (this.wanted === 'pause') {
      await this.waitWhilePaused();
      return true;
    }
    if (!(await this.whatsAppReady())) return true;
    if (!this.reconciled) {
      if (!(await this.reconcile())) return true;
      this.reconciled = true;
      // Contacts put back to pending may lie behind the cursor.
      this.cursor = 0;
    }
    // Finished is decided before any wait: no waiting for the window or tomorrow's cap with nothing left to send.
    const index = this.campaign.model.nextPending(this.cursor);
    if (index < 0) return this.finishUnlessUnconfirmed();
    if (await this.waitedForPacing()) return true;
    await this.sendTo(index);
    return true;
  }

  /** Paused: waits until resume() or stop() interrupts. */
  private async waitWhilePaused(): Promise<void> {
    const waiting = this.waitForInterrupt();
    await this.setState('paused', this.wantedReason);
    await waiting;
    if (this.wanted === 'run') this.say('info', 'Resumed.');
  }

  /**
   * True when WhatsApp is ready. Otherwise waits for its status to change (it then reconciles before sending) and
   * returns false; an auth failure stops the campaign.
   */
  private async whatsAppReady(): Promise<boolean> {
    const { port } = this.deps;
    const status = port.getStatus();
    if (status.kind === 'auth_failure') {
      this.stop(`WhatsApp rejected the session (auth failure: ${status.message}). Log in again, then resume.`, false);
      return false;
    }
    if (status.kind !== 'ready') {
      const waiting = this.waitForInterrupt();
      await this.setState('waiting', waitingReason(status));
      if (port.getStatus().kind !== 'ready') await waiting;
      this.reconciled = false;
      this.waitedForWhatsApp = true;
      return false;
    }
    if (this.waitedForWhatsApp) {
      this.waitedForWhatsApp = false;
      this.say('info', 'WhatsApp is connected again: sending goes on.');
    }
    return true;
  }

  /** No contact pending: finished, unless some are still "about to send" (then they are reconciled first). */
  private async finishUnlessUnconfirmed(): Promise<boolean> {
    if (this.campaign.model.counts().unconfirmed > 0) {
      this.reconciled = false;
      return true;
    }
    if (this.campaign.model.counts().pending > 0) return this.waitForNewContacts();
    await this.setState('finished', 'Every contact has been handled.');
    return false;
  }

  /**
   * Waits as the pacing says (the sending window, the daily cap, the gap after the last send); true when it waited,
   * or when the chats are to be checked before the next send.
   */
  private async waitedForPacing(): Promise<boolean> {
    const pacing = this.campaign.meta.pacing;
    const now = this.deps.clock.now();
    const window = pacing.window;
    if (window && !inWindow(window, now)) {
      await this.waitFor(now, msUntilWindow(window, now), `Outside the sending window (${window.startHour}:00-${window.endHour}:00).`);
      return true;
    }
    const cap = await this.limits.capCheck(this.account(), pacing, now);
    this.sentToday = cap.sentToday;
    if (cap.wait) {
      await this.waitFor(now, cap.wait.ms, cap.wait.reason);
      return true;
    }
    if (this.nextSendAt !== null && this.nextSendAt > now) {
      if (this.state !== 'running') await this.setState('running', null);
      await this.sleep(this.nextSendAt - now);
      return true;
    }
    this.nextSendAt = null;
    // After the pacing gap (time for the message to show in its chat), before anything else is sent.
    if (this.checkChatsBeforeNextSend) {
      this.checkChatsBeforeNextSend = false;
      this.reconciled = false;
      return true;
    }
    return false;
  }

  /** Only contacts the first-contact guard holds back are left: waits until the operator resumes new contacts. */
  private async waitForNewContacts(): Promise<boolean> {
    this.cursor = 0;
    if (!(await this.limits.newContactsPaused(this.account()))) return true;
    const waiting = this.waitForInterrupt();
    const streak = await this.limits.rejectedInARow(this.account());
    await this.setState('waiting', newContactsWaitReason(this.campaign.model.counts().pending, streak));
    await waiting;
    return true;
  }

  /** Waits `ms` from `now` (unless interrupted), saying why. */
  private async waitFor(now: number, ms: number, reason: string): Promise<void> {
    this.nextSendAt = now + ms;
    await this.setState('waiting', reason);
    if (!(await this.sleep(ms))) this.nextSendAt = null; // cut short (a pause, a new pace): worked out again
  }

  /** Sends to one contact, then sets when the next send may go (pacing gap, batch pause, backoff). */
  private async sendTo(index: number): Promise<void> {
    if (this.state !== 'running') await this.setState('running', null);
    const outcome = await this.processContact(index);
    if (outcome === 'retry') return;
    this.cursor = index + 1;
    if (outcome === 'skipped' || outcome === 'held') return;
    const pacing = this.campaign.meta.pacing;
    const gap = this.pacer.gapAfterMessage();
    const wait = gap.delayMs + gap.batchPauseMs + backoffMs(pacing, this.failures);
    this.nextSendAt = this.deps.clock.now() + wait;
    if (gap.batchPauseMs > 0) this.say('info', `Batch done: pausing ${Math.round(gap.batchPauseMs / 1000)} s.`);
    if (shouldAutoPause(pacing, this.failures)) {
      this.pause(`Paused automatically after ${this.failures} failures in a row; check the connection and the log, then resume.`);
    }
    this.changes.emit(this.snapshot());
  }

  /** Settles contacts left "about to send"; false when WhatsApp went away meanwhile. */
  private async reconcile(): Promise<boolean> {
    if (this.campaign.model.counts().unconfirmed === 0) return true;
    try {
      const result = await reconcileUnconfirmed(this.campaign, this.deps.port, this.deps.clock, { giveUp: this.giveUpResending });
      const failed = result.unknown + result.gaveUp;
      if (result.found + result.notFound + failed > 0) {
        this.say(
          'info',
          `Reconciled ${result.found + result.notFound + failed} unconfirmed contact(s): ${result.found} already sent, ${result.notFound} to send, ${failed} left failed to avoid a duplicate.`,
        );
      }
      return true;
    } catch (err) {
      if (this.deps.port.getStatus().kind === 'ready') throw err;
      return false;
    }
  }

  private async processContact(index: number): Promise<Outcome> {
    const { port, clock } = this.deps;
    const campaign = this.campaign;
    const contact = campaign.contacts[index]!;
    const at = () => clock.now();
    const timeoutMs = campaign.meta.pacing.sendTimeoutSec * 1000;

    if (await this.deps.optOut.has(contact.phone)) return this.skipOptedOut(index);
    const digits = digitsOf(contact.phone);
    let chatId: string | null;
    try {
      chatId = await withTimeout(this.deps.numbers.resolve(digits), timeoutMs, clock, 'The number check');
    } catch (err) {
      if (port.getStatus().kind !== 'ready') return 'retry';
      return this.fail(index, `Could not check the number: ${errorMessage(err)}`);
    }
    if (chatId === null) {
      await campaign.record({ t: 'skipped', i: index, reason: 'not_on_whatsapp', at: at() });
      return 'skipped';
    }
    const first = await this.limits.isNewContact(this.account(), digits, chatId, timeoutMs);
    if (first && (await this.limits.newContactsPaused(this.account()))) return 'held';
    const body = campaign.render(index).text;
    const notNow = await this.beforeSend(index, chatId, body);
    if (notNow) return notNow;

    await this.limits.daily.record(this.account(), `${campaign.id} ${index}`);
    const sendingAt = at();
    await campaign.record({ t: 'sending', i: index, chat: chatId, at: sendingAt });
    let sent: SentMessage;
    try {
      sent = await this.sendWithRetryOnNoLid(index, digits, chatId, body, timeoutMs);
    } catch (err) {
      return this.sendFailed(index, err, body, sendingAt);
    }
    this.failures = 0;
    if (first) await this.limits.noteFirst(this.account(), digits, sent.at);
    if (sent.id === null) return this.leaveUnconfirmed(index);
    await campaign.record({ t: 'sent', i: index, id: sent.id, at: sent.at, ...(first ? { first: true as const } : {}) });
    return 'sent';
  }

  /** The typing delay, then the opt-out list read again; an outcome when the message must not go now. */
  private async beforeSend(index: number, chatId: string, body: string): Promise<Outcome | null> {
    if (this.campaign.meta.pacing.typingDelay) {
      const delay = typingDelayMs(body, this.deps.random);
      this.showTyping(chatId);
      const typed = await this.sleep(delay);
      // Interrupted before anything was journalled: the contact simply stays pending.
      if (!typed || this.wanted !== 'run' || this.deps.port.getStatus().kind !== 'ready') return 'retry';
    }
    // A STOP may have come in meanwhile (the number check, the typing delay): the list is read again right before the send.
    if (await this.deps.optOut.has(this.campaign.contacts[index]!.phone)) return this.skipOptedOut(index);
    return null;
  }

  private async skipOptedOut(index: number): Promise<Outcome> {
    await this.campaign.record({ t: 'skipped', i: index, reason: 'opted_out', at: this.deps.clock.now() });
    return 'skipped';
  }

  /**
   * The one place "No LID for user" is retried (WHATSAPP.md #4; the adapter does not): it is thrown before anything
   * is sent, so the number is looked up afresh and the send tried once more.
   */
  private async sendWithRetryOnNoLid(index: number, digits: string, chatId: string, body: string, timeoutMs: number): Promise<SentMessage> {
    try {
      return await this.sendWithTimeout(chatId, body, timeoutMs);
    } catch (err) {
      if (!isNoLid(err)) throw err;
      this.deps.numbers.forget(digits);
      const again = await withTimeout(this.deps.numbers.resolve(digits), timeoutMs, this.deps.clock, 'The number check');
      if (!again) throw err;
      // Reconciliation looks in the chat the journal names: name the one this retry sends to.
      if (again !== chatId) await this.campaign.record({ t: 'sending', i: index, chat: again, at: this.deps.clock.now() });
      return this.sendWithTimeout(again, body, timeoutMs);
    }
  }

  private sendWithTimeout(chatId: string, body: string, timeoutMs: number): Promise<SentMessage> {
    const attachment = this.campaign.meta.attachment;
    const path = this.campaign.attachmentPath();
    const send =
      attachment && path
        ? this.deps.port.sendMedia(chatId, { path, mimeType: attachment.mimeType, fileName: attachment.name }, body)
        : this.deps.port.sendText(chatId, body);
    return withTimeout(send, timeoutMs, this.deps.clock, 'The send').catch((err: unknown) => {
      throw err instanceof TimeoutError ? new SendTimedOut(send, chatId, timeoutMs) : err;
    });
  }

  /** Sent, but WhatsApp gave no id: the "sending" entry stays, and the chat is checked before the next send. */
  private leaveUnconfirmed(index: number): Outcome {
    this.sendsWithoutId.set(index, (this.sendsWithoutId.get(index) ?? 0) + 1);
    this.checkChatsBeforeNextSend = true;
    this.say(
      'warn',
      `Contact ${index + 1} (row ${this.campaign.contacts[index]!.row}): WhatsApp took the message but returned no message id; it is looked for in the chat before the next send and never sent again unchecked.`,
    );
    return 'unconfirmed';
  }

  /** Reconciliation's answer for a message not in its chat: sent again once, unless it already went out without an id twice. */
  private readonly giveUpResending = (index: number): string | null =>
    (this.sendsWithoutId.get(index) ?? 0) >= MAX_SENDS_WITHOUT_ID
      ? `WhatsApp took the message ${MAX_SENDS_WITHOUT_ID} times without returning an id, and it is not in the chat; not sent again to avoid duplicates. Check the chat on the phone.`
      : null;

  /** "typing…" before the typing delay; cosmetic, so never awaited (a stalled call cannot hold up the send). */
  private showTyping(chatId: string): void {
    void (async () => {
      try {
        await this.deps.port.sendTyping(chatId);
      } catch (err) {
        if (this.typingFailureSaid) return;
        this.typingFailureSaid = true;
        this.say('warn', `Could not show "typing…" (${errorMessage(err)}); sending goes on without it. Further failures are not logged.`);
      }
    })();
  }

  /** A send that threw: timed out (may still complete), cut off by the connection, refused by WhatsApp, or failed. */
  private async sendFailed(index: number, err: unknown, body: string, sendingAt: number): Promise<Outcome> {
    if (err instanceof SendTimedOut) {
      const outcome = await this.fail(index, `WhatsApp did not confirm the send within ${this.campaign.meta.pacing.sendTimeoutSec} s.`);
      recordLateSend(this.campaign, this.deps.port, (level, message) => this.say(level, message), { index, timedOut: err, body, sendingAt });
      return outcome;
    }
    // The connection dropped mid-send: whether it went out is unknown, so the contact stays "about to send"
    // and is reconciled against the chat once WhatsApp is ready again.
    if (this.deps.port.getStatus().kind !== 'ready') return 'retry';
    if (isRefusal(err)) return this.reject(index, err);
    return this.fail(index, `Send failed: ${errorMessage(err)}`);
  }

  /** WhatsApp refused the message (error 463): its own outcome, which the first-contact guard counts. */
  private async reject(index: number, err: unknown): Promise<Outcome> {
    await this.campaign.record({
      t: 'failed',
      i: index,
      reason: `${REJECTED_REASON} (${errorMessage(err)})`,
      rejected: true,
      at: this.deps.clock.now(),
    });
    this.say('warn', `Contact ${index + 1} (row ${this.campaign.contacts[index]!.row}): WhatsApp refused the message (${errorMessage(err)}).`);
    return 'rejected';
  }

  private async fail(index: number, reason: string): Promise<Outcome> {
    await this.campaign.record({ t: 'failed', i: index, reason, at: this.deps.clock.now() });
    this.failures += 1;
    this.say('warn', `Contact ${index + 1} (row ${this.campaign.contacts[index]!.row}): ${reason}`);
    return 'failed';
  }
}
