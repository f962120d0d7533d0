import { useState } from 'react';
import type { LimitSettings, LimitsStatus } from '../../../src/shared/contract/limits';
import { localDay } from '../../../src/core/pacing';
import { api } from '../../api';
import { ErrorNote } from '../../components/ErrorNote';
import { plural } from '../../components/plural';
import { RejectNotice } from './RejectNotice';
import { useLimits } from './useLimits';

/**
 * The account's limits on the Send screen: the notice when new contacts are paused, the meter of first messages
 * nobody answered this month (WhatsApp has been testing a monthly cap on those since October 2025), today's
 * warm-up cap, and the settings behind them.
 */
export function LimitsPanel() {
  const { limits, error, set } = useLimits();
  if (error) return <ErrorNote message={`Could not read the account limits: ${error}`} />;
  if (!limits) return null;
  return (
    <>
      <RejectNotice limits={limits} onChange={set} />
      <div className="card limits-card" data-testid="limits-card">
        <LimitsMeter limits={limits} />
        <details className="limits-settings">
          <summary>Limits for new accounts and new contacts</summary>
          <LimitsForm limits={limits} onSaved={set} />
        </details>
      </div>
    </>
  );
}

function LimitsMeter({ limits }: { limits: LimitsStatus }) {
  const { noReply } = limits;
  const near = noReply.warnAt > 0 && noReply.count >= Math.floor(noReply.warnAt * 0.8);
  return (
    <div className="limits-meter">
      <div className={`meter-line ${noReply.warning ? 'bad' : near ? 'warn' : ''}`} data-testid="no-reply-meter">
        <span className="meter-label">Unanswered first messages this month</span>
        <b>{noReply.count.toLocaleString()}</b>
        {noReply.warnAt > 0 && <span className="muted small">warning at {noReply.warnAt.toLocaleString()}</span>}
        {noReply.warnAt > 0 && (
          <progress max={noReply.warnAt} value={Math.min(noReply.count, noReply.warnAt)} aria-label="Unanswered first messages" />
        )}
      </div>
      {(noReply.warning || near) && (
        <p className={noReply.warning ? 'error small' : 'warning small'} role="status" data-testid="no-reply-warning">
          {plural(noReply.count, 'first message')} this month got no reply: {noReply.warning ? 'your warning level' : 'close to your warning level'}{' '}
          of {noReply.warnAt.toLocaleString()}. WhatsApp is testing a monthly cap on messages people do not answer: send to people who know you, or
          wait for replies before messaging more new contacts.
        </p>
      )}
      <p className="muted small" data-testid="account-sends">
        {limits.account ? (
          <>
            This account sent {plural(limits.sentLastHour, 'message')} in the last hour and {limits.sentToday.toLocaleString()} today
            {limits.warmUpCapToday !== null && <> (warm-up: at most {limits.warmUpCapToday.toLocaleString()} today)</>}.
          </>
        ) : (
          'Connect WhatsApp to see what this account has sent.'
        )}
      </p>
    </div>
  );
}

function LimitsForm({ limits, onSaved }: { limits: LimitsStatus; onSaved: (limits: LimitsStatus) => void }) {
  const [form, setForm] = useState<LimitSettings>(limits.settings);
  const [note, setNote] = useState<{ text: string; bad: boolean } | null>(null);
  const warmUp = form.warmUp;
  const setWarmUp = (change: Partial<LimitSettings['warmUp']>) => setForm({ ...form, warmUp: { ...warmUp, ...change } });
  const num = (value: number, label: string, onChange: (n: number) => void) => (
    <input
      type="number"
      min={0}
      aria-label={label}
      value={Number.isNaN(value) ? '' : value}
      onChange={(e) => onChange(e.target.value === '' ? NaN : Number(e.target.value))}
    />
  );

  async function save() {
    const r = await api.saveLimits(form);
    if (!r.ok) return setNote({ text: `Not saved: ${r.error.message}`, bad: true });
    setNote({ text: 'Saved.', bad: false });
    onSaved(r.value);
  }

  return (
    <div className="limits-form">
      <label className="inline-check">
        <input
          type="checkbox"
          checked={warmUp.enabled}
          onChange={(e) => setWarmUp({ enabled: e.target.checked, startDate: warmUp.startDate || localDay(Date.now()) })}
        />
        This is a new account: warm it up
      </label>
      {warmUp.enabled && (
        <p className="limits-row">
          from{' '}
          <input type="date" aria-label="Warm-up start date" value={warmUp.startDate} onChange={(e) => setWarmUp({ startDate: e.target.value })} />,
          send at most {num(warmUp.firstDayCap, 'Messages on the first day', (n) => setWarmUp({ firstDayCap: n }))} messages the first day and{' '}
          {num(warmUp.dailyStep, 'More messages each day', (n) => setWarmUp({ dailyStep: n }))} more each day, up to the daily limit.
        </p>
      )}
      <p className="limits-row">
        Pause new contacts after {num(form.rejectPauseAfter, 'Refused first messages in a row', (n) => setForm({ ...form, rejectPauseAfter: n }))}{' '}
        first messages in a row refused by WhatsApp.
      </p>
      <p className="limits-row">
        Warn when {num(form.noReplyWarnAt, 'Unanswered first messages to warn at', (n) => setForm({ ...form, noReplyWarnAt: n }))} first messages this
        month got no reply (0: never).
      </p>
      <div className="actions">
        <button onClick={() => void save()}>Save limits</button>
        {note && (
          <span className={note.bad ? 'error small' : 'muted small'} role="status">
            {note.text}
          </span>
        )}
      </div>
    </div>
  );
}
