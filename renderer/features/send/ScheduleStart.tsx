import { useState } from 'react';
import type { CampaignSummary } from '../../../src/shared/contract/campaign';
import type { Result } from '../../../src/shared/result';
import { api } from '../../api';
import { Dialog } from '../../components/Dialog';
import { ErrorNote } from '../../components/ErrorNote';
import { PaceControl } from './PaceEdit';

/** The operator's time zone, named wherever a start time is shown. */
const zone = (): string => Intl.DateTimeFormat().resolvedOptions().timeZone;

/** "Tue 1 Dec 2026, 09:00 (Europe/London)". */
export const formatStart = (ms: number): string =>
  `${new Date(ms).toLocaleString(undefined, { weekday: 'short', day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit' })} (${zone()})`;

/** What the app does with a start time it was closed for, said wherever one is chosen or shown. */
export const MISSED_RULE =
  'If the app is closed at that time, the campaign does not start by itself later: when you open the app it waits, paused, for you to start or cancel it.';

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
  return (
    <div className="card schedule-start" data-testid="schedule-start">
      <h2>When to start</h2>
      <div className="setting-input">
        <label className="inline-check">
          <input type="radio" name="when" checked={!later} onChange={() => setStartAt(null)} />
          As soon as I press Start
        </label>
        <label className="inline-check">
          <input type="radio" name="when" checked={later} onChange={() => setStartAt(Date.now() + 3600_000 - (Date.now() % 60_000))} />
          Later, at
        </label>
        {later && (
          <>
            <input
              type="datetime-local"
              aria-label="Start date and time"
              value={toLocalInput(startAt)}
              onChange={(e) => e.target.value && setStartAt(new Date(e.target.value).getTime())}
            />
            <span className="muted small">your time zone: {zone()}</span>
          </>
        )}
      </div>
      {later && (
        <p className={past ? 'error small' : 'muted small'} data-testid="schedule-note">
          {past
            ? 'That time has passed: choose a later one.'
            : `Start sending then creates the campaign and sends nothing before ${formatStart(startAt)}. The app must be open at that time. ${MISSED_RULE}`}
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
      <p className="muted small">{MISSED_RULE}</p>
      <div className="actions">
        <button disabled={busy} onClick={() => void run(() => api.startScheduledNow(campaign.id))}>
          Start now
        </button>
        <button className="danger" disabled={busy} onClick={() => setAsking(true)}>
          Cancel the scheduled start
        </button>
      </div>
      <ErrorNote message={problem} />
      <PaceControl campaign={campaign} onSaved={onChange} />
      <Dialog title="Cancel this campaign before it starts?" open={asking} onClose={() => setAsking(false)}>
        <p>Nothing has been sent. The campaign is kept in History as stopped, and it cannot be started again later.</p>
        <div className="actions">
          <button
            className="danger"
            onClick={() => {
              setAsking(false);
              void run(() => api.cancelScheduledStart(campaign.id));
            }}
          >
            Cancel the campaign
          </button>
          <button className="secondary" onClick={() => setAsking(false)}>
            Keep it scheduled
          </button>
        </div>
      </Dialog>
    </div>
  );
}
