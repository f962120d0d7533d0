import { useState } from 'react';
import type { LimitSettings, LimitsStatus } from '../../../src/shared/contract/limits';
import { localDay } from '../../../src/core/pacing';
import { api } from '../../api';
import { ErrorNote } from '../../components/ErrorNote';
import { FormattedMessage, useT } from '../../i18n';
import { formatCount } from '../../i18n/format';
import { RejectNotice } from './RejectNotice';
import { useLimits } from './useLimits';

/**
 * The account's limits on the Send screen: the notice when new contacts are paused, the meter of first messages
 * nobody answered this month (WhatsApp has been testing a monthly cap on those since October 2025), today's
 * warm-up cap, and the settings behind them.
 */
export function LimitsPanel() {
  const t = useT();
  const { limits, error, set } = useLimits();
  if (error) return <ErrorNote message={t('send.limits.readFailed', { error })} />;
  if (!limits) return null;
  return (
    <>
      <RejectNotice limits={limits} onChange={set} />
      <div className="card limits-card" data-testid="limits-card">
        <LimitsMeter limits={limits} />
        <details className="limits-settings">
          <summary>{t('send.limits.summary')}</summary>
          <LimitsForm limits={limits} onSaved={set} />
        </details>
      </div>
    </>
  );
}

function LimitsMeter({ limits }: { limits: LimitsStatus }) {
  const t = useT();
  const { noReply } = limits;
  const near = noReply.warnAt > 0 && noReply.count >= Math.floor(noReply.warnAt * 0.8);
  return (
    <div className="limits-meter">
      <div className={`meter-line ${noReply.warning ? 'bad' : near ? 'warn' : ''}`} data-testid="no-reply-meter">
        <span className="meter-label">{t('send.limits.meterLabel')}</span>
        <b>{formatCount(noReply.count)}</b>
        {noReply.warnAt > 0 && <span className="muted small">{t('send.limits.warnAt', { count: noReply.warnAt })}</span>}
        {noReply.warnAt > 0 && (
          <progress max={noReply.warnAt} value={Math.min(noReply.count, noReply.warnAt)} aria-label={t('send.limits.meterAria')} />
        )}
      </div>
      {(noReply.warning || near) && (
        <p className={noReply.warning ? 'error small' : 'warning small'} role="status" data-testid="no-reply-warning">
          {t(noReply.warning ? 'send.limits.warning' : 'send.limits.near', { count: noReply.count, warnAt: noReply.warnAt })}
        </p>
      )}
      <p className="muted small" data-testid="account-sends">
        {limits.account
          ? t(limits.warmUpCapToday !== null ? 'send.limits.sendsWarmUp' : 'send.limits.sends', {
              count: limits.sentLastHour,
              today: limits.sentToday,
              cap: limits.warmUpCapToday ?? 0,
            })
          : t('send.limits.connect')}
      </p>
    </div>
  );
}

function LimitsForm({ limits, onSaved }: { limits: LimitsStatus; onSaved: (limits: LimitsStatus) => void }) {
  const t = useT();
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
    if (!r.ok) return setNote({ text: t('send.limits.notSaved', { error: r.error.message }), bad: true });
    setNote({ text: t('send.limits.saved'), bad: false });
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
        {t('send.limits.warmUp')}
      </label>
      {warmUp.enabled && (
        <p className="limits-row">
          <FormattedMessage
            id="send.limits.warmUpRow"
            values={{
              date: (
                <input
                  type="date"
                  aria-label={t('send.limits.warmUpStart')}
                  value={warmUp.startDate}
                  onChange={(e) => setWarmUp({ startDate: e.target.value })}
                />
              ),
              firstDayCap: num(warmUp.firstDayCap, t('send.limits.firstDayCap'), (n) => setWarmUp({ firstDayCap: n })),
              dailyStep: num(warmUp.dailyStep, t('send.limits.dailyStep'), (n) => setWarmUp({ dailyStep: n })),
            }}
          />
        </p>
      )}
      <p className="limits-row">
        <FormattedMessage
          id="send.limits.pauseRow"
          values={{ count: num(form.rejectPauseAfter, t('send.limits.pauseAfter'), (n) => setForm({ ...form, rejectPauseAfter: n })) }}
        />
      </p>
      <p className="limits-row">
        <FormattedMessage
          id="send.limits.warnRow"
          values={{ count: num(form.noReplyWarnAt, t('send.limits.warnAtLabel'), (n) => setForm({ ...form, noReplyWarnAt: n })) }}
        />
      </p>
      <div className="actions">
        <button onClick={() => void save()}>{t('send.limits.save')}</button>
        {note && (
          <span className={note.bad ? 'error small' : 'muted small'} role="status">
            {note.text}
          </span>
        )}
      </div>
    </div>
  );
}
