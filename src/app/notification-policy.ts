/**
 * Which campaign and WhatsApp events deserve a desktop notification, and their words. Plain Node: it listens to
 * the campaign activity and the WhatsApp status and hands a Notice to a port (Electron's Notification in the app,
 * a recorder in tests). A notice never carries a message body, a QR payload or a full phone number: its texts come
 * from the message files in the operator's language (main.notice.*), and the only operator text in them (a campaign
 * name) has long digit runs masked.
 */
import type { Clock } from '../platform/clock';
import type { CampaignState, CampaignSummary } from '../shared/contract/campaign';
import type { Unsubscribe } from '../shared/events';
import type { WaStatus } from '../shared/status';
import { isNewContactsWait, newContactsNotice } from '../campaign/reject-guard';
import { isSendingState } from './campaign-activity';
import { PAUSED_ON_CLOSE } from './close-policy';
import { inEnglish, type MainTranslate } from './i18n/main-messages';

export interface Notice {
  /** Which event it is (for tests and the log); not shown. */
  kind: 'finished' | 'paused' | 'daily-cap' | 'new-contacts' | 'stopped' | 'connection' | 'qr';
  title: string;
  body: string;
}

/** Pauses the operator asked for (the window's Pause, closing, quitting, the tray): no notification for those. */
export const OPERATOR_PAUSE_REASONS: readonly string[] = [
  'Paused by the operator.',
  'Paused because the app closed.',
  PAUSED_ON_CLOSE,
  'Paused from the tray.',
];

/** The runner's reason for the operator's Stop. */
export const OPERATOR_STOP_REASON = 'Stopped by the operator.';

/** A connection that stays lost this long while a campaign waits is worth telling (brief drops mend themselves). */
export const CONNECTION_GRACE_MS = 60_000;

export interface NotificationPolicyDeps {
  show(notice: Notice): void;
  /** True while the operator has the window in front (shown, not minimised, focused). */
  windowInFront(): boolean;
  clock: Clock;
  graceMs?: number;
  /** The words, in the operator's language (MainLanguage.t); English when absent. */
  t?: MainTranslate;
}

/** Masks digit runs that could be a phone number (6 or more digits, with spaces, dashes or dots between). */
export function maskDigits(text: string): string {
  return text.replace(/\+?\d(?:[\d\s().-]*\d)?/g, (run) => {
    const digits = run.replace(/\D/g, '');
    return digits.length >= 6 ? `…${digits.slice(-2)}` : run;
  });
}

const named = (summary: CampaignSummary, t: MainTranslate): string => {
  const name = maskDigits(summary.name.trim()).slice(0, 60);
  return name ? t('main.notice.quotedName', { name }) : t('main.notice.unnamed');
};

export class NotificationPolicy {
  private readonly states = new Map<string, CampaignState>();
  private wa: WaStatus['kind'] = 'idle';
  /** Aborts the pending "connection still lost" notice when the connection comes back. */
  private connectionWait: AbortController | null = null;
  private readonly graceMs: number;
  private readonly t: MainTranslate;

  constructor(private readonly deps: NotificationPolicyDeps) {
    this.graceMs = deps.graceMs ?? CONNECTION_GRACE_MS;
    this.t = deps.t ?? inEnglish;
  }

  /** Subscribes to the app's events; the returned function unsubscribes. */
  watch(
    campaigns: { onChange(l: (s: CampaignSummary) => void): Unsubscribe },
    whatsapp: { onStatus(l: (s: WaStatus) => void): Unsubscribe },
  ): Unsubscribe {
    const offCampaigns = campaigns.onChange((s) => this.campaign(s));
    const offStatus = whatsapp.onStatus((s) => this.whatsapp(s));
    return () => {
      offCampaigns();
      offStatus();
      this.cancelConnectionWait();
    };
  }

  campaign(summary: CampaignSummary): void {
    const before = this.states.get(summary.id);
    this.states.set(summary.id, summary.state);
    // Only a change away from sending is news: receipts for an old campaign, or a repeated state, are not.
    if (before === undefined || before === summary.state || !isSendingState(before)) return;
    const notice = campaignNotice(summary, this.t);
    if (notice) this.deps.show(notice);
  }

  whatsapp(status: WaStatus): void {
    const before = this.wa;
    this.wa = status.kind;
    if (status.kind === 'ready') return this.cancelConnectionWait();
    if (status.kind === 'qr') {
      this.cancelConnectionWait();
      if (before !== 'qr' && (this.anySending() || !this.deps.windowInFront())) {
        this.deps.show({
          kind: 'qr',
          title: this.t('main.notice.qr.title'),
          body: this.t(this.anySending() ? 'main.notice.qr.bodySending' : 'main.notice.qr.body'),
        });
      }
      return;
    }
    if ((status.kind === 'disconnected' || status.kind === 'error') && this.anySending()) this.startConnectionWait();
  }

  private anySending(): boolean {
    return [...this.states.values()].some(isSendingState);
  }

  private startConnectionWait(): void {
    if (this.connectionWait) return;
    const wait = new AbortController();
    this.connectionWait = wait;
    this.deps.clock.sleep(this.graceMs, wait.signal).then(
      () => {
        if (this.connectionWait !== wait) return;
        this.connectionWait = null;
        if (!this.anySending()) return;
        this.deps.show({
          kind: 'connection',
          title: this.t('main.notice.connection.title'),
          body: this.t('main.notice.connection.body'),
        });
      },
      () => undefined,
    );
  }

  private cancelConnectionWait(): void {
    this.connectionWait?.abort();
    this.connectionWait = null;
  }
}

/** The notice for a campaign that stopped sending, or null when that change needs none. */
export function campaignNotice(summary: CampaignSummary, t: MainTranslate = inEnglish): Notice | null {
  const { sent, failed, skipped, total } = summary.counts;
  const name = named(summary, t);
  switch (summary.state) {
    case 'finished':
      return {
        kind: 'finished',
        title: t('main.notice.finished.title'),
        body: t('main.notice.finished.body', { name, sent, total, failed, skipped }),
      };
    case 'paused':
      if (summary.reason !== null && OPERATOR_PAUSE_REASONS.includes(summary.reason)) return null;
      return {
        kind: 'paused',
        title: t('main.notice.paused.title'),
        body: /failures in a row/.test(summary.reason ?? '')
          ? t('main.notice.paused.failures', { name, failed })
          : t('main.notice.paused.body', { name, sent, total }),
      };
    case 'waiting':
      // WhatsApp refused first messages and only new contacts are left: the operator decides when to go on.
      if (isNewContactsWait(summary.reason)) {
        return { kind: 'new-contacts', title: t('main.notice.newContacts.title'), body: newContactsBody(summary.reason, name, t) };
      }
      // Waiting for WhatsApp is told by the status (after a grace time); the sending window is the operator's plan.
      if (!/daily cap/i.test(summary.reason ?? '')) return null;
      return {
        kind: 'daily-cap',
        title: t('main.notice.dailyCap.title'),
        body: t('main.notice.dailyCap.body', { name, sent, total }),
      };
    case 'stopped':
      // The operator's own Stop needs no notice; any other stop came from WhatsApp (a rejected session).
      if (summary.reason === OPERATOR_STOP_REASON) return null;
      return {
        kind: 'stopped',
        title: t('main.notice.stopped.title'),
        body: t('main.notice.stopped.body', { name }),
      };
    case 'interrupted':
      return {
        kind: 'stopped',
        title: t('main.notice.interrupted.title'),
        body: t('main.notice.interrupted.body', { name }),
      };
    default:
      return null;
  }
}

/** The new-contacts notice from the wait's reason (journalled in English): its count of refusals, in the operator's words. */
function newContactsBody(reason: string | null, name: string, t: MainTranslate): string {
  const streak = /refused (\d+) first message/.exec(newContactsNotice(reason))?.[1];
  return streak === undefined ? `${name}: ${newContactsNotice(reason)}` : t('main.notice.newContacts.body', { name, streak: Number(streak) });
}
