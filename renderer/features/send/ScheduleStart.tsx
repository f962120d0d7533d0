import { useState } from 'react';
import type { CampaignSummary } from '../../../src/shared/contract/campaign';
import type { Result } from '../../../src/shared/result';
import { api } from '../../api';
import { Dialog } from '../../components/Dialog';
import { ErrorNote } from '../../components/ErrorNote';
import { useT, type Translate } from '../../i18n';
import { intlLocale } from '../../i18n/format';
import { PaceControl } from './PaceEdit';

/** The operator's time zone (its IANA id, "Europe/London"). */
const zoneId = (): string => Intl.DateTimeFormat().resolvedOptions().timeZone;

/** The time zone's name in the operator's language at that moment ("British Summer Time", "hora de verano británica"). */
const zoneName = (ms: number): string =>
  new Intl.DateTimeFormat(intlLocale(), { timeZoneName: 'long' }).formatToParts(ms).find((p) => p.type === 'timeZoneName')?.value ?? zoneId();

/** "Tue, 1 Dec 2026, 09:00 (Greenwich Mean Time)", in the operator's language. */
export const formatStart = (ms: number, t: Translate): string =>
  t('send.schedule.timeWithZone', {
    time: new Intl.DateTimeFormat(intlLocale(), {
      weekday: 'short',
      day: 'numeric',
      month: 'short',
      year: 'numeric',
      hour: '2-digit',
      minute: '2-digit',
    }).format(ms),
    zone: zoneName(ms),
  });

/** A value for <input type="datetime-local">: local time, to the minute. */
const toLocalInput = (ms: number): string => {
  const d = new Date(ms);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
};

export interface ScheduleChoice {
  startAt: number | null;
  setStartAt: (startAt: number | null) => void;
  /** What campaign:start takes: nothing to start now. */
  request: { startAt?: number };
}

export function useScheduleStart(): ScheduleChoice {
  const [startAt, setStartAt] = useState<number | null>(null);
  return { startAt, setStartAt, request: startAt === null ? {} : { startAt } };
}

/** "Start now" or "Start later, at …": a date and time in the operator's time zone, with the rule for a closed app. */
export function ScheduleStart({ schedule }: { schedule: ScheduleChoice }) {
  const { startAt, setStartAt } = schedule;
  const later = startAt !== null;
  const past = later && startAt < Date.now();
  const t = useT();
  return (
    <div className="card schedule-start" data-testid="schedule-start">
      <h2>{t('send.schedule.title')}</h2>
      <div className="setting-input">
        <label className="inline-check">
          <input type="radio" name="when" checked={!later} onChange={() => setStartAt(null)} />
          {t('send.schedule.now')}
        </label>
        <label className="inline-check">
          <input type="radio" name="when" checked={later} onChange={() => setStartAt(Date.now() + 3600_000 - (Date.now() % 60_000))} />
          {t('send.schedule.later')}
        </label>
        {later && (
          <>
            <input
              type="datetime-local"
              aria-label={t('send.schedule.inputLabel')}
              value={toLocalInput(startAt)}
              onChange={(e) => e.target.value && setStartAt(new Date(e.target.value).getTime())}
            />
            <span className="muted small">{t('send.schedule.zone', { zone: `${zoneName(startAt)} (${zoneId()})` })}</span>
          </>
        )}
      </div>
      {later && (
        <p className={past ? 'error small' : 'muted small'} data-testid="schedule-note">
          {past ? t('send.schedule.past') : t('send.schedule.note', { time: formatStart(startAt, t), rule: t('send.schedule.missedRule') })}
        </p>
      )}
    </div>
  );
}

/** A campaign waiting for its scheduled start: when, the rule, Start now and Cancel. */
export function ScheduledControls({ campaign, onChange }: { campaign: CampaignSummary; onChange: (c: CampaignSummary) => void }) {
  const [busy, setBusy] = useState(false);
  const [asking, setAsking] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const t = useT();

  async function run(call: () => Promise<Result<CampaignSummary>>) {
    setBusy(true);
    setProblem(null);
    try {
      const r = await call();
      if (r.ok) onChange(r.value);
      else setProblem(r.error.message);
    } finally {
      setBusy(false);
    }
  }

  return (
    <div data-testid="scheduled-controls">
      <p className="muted small">{t('send.schedule.missedRule')}</p>
      <div className="actions">
        <button disabled={busy} onClick={() => void run(() => api.startScheduledNow(campaign.id))}>
          {t('send.schedule.startNow')}
        </button>
        <button className="danger" disabled={busy} onClick={() => setAsking(true)}>
          {t('send.schedule.cancel')}
        </button>
      </div>
      <ErrorNote message={problem} />
      <PaceControl campaign={campaign} onSaved={onChange} />
      <Dialog title={t('send.schedule.cancelTitle')} open={asking} onClose={() => setAsking(false)}>
        <p>{t('send.schedule.cancelBody')}</p>
        <div className="actions">
          <button
            className="danger"
            onClick={() => {
              setAsking(false);
              void run(() => api.cancelScheduledStart(campaign.id));
            }}
          >
            {t('send.schedule.cancelConfirm')}
          </button>
          <button className="secondary" onClick={() => setAsking(false)}>
            {t('send.schedule.keep')}
          </button>
        </div>
      </Dialog>
    </div>
  );
}
