import type { ReactNode } from 'react';
import type { PacingDefaults, PacingSettings } from '../../../src/shared/contract/campaign';
import { FormattedMessage, useT, type MessageKey } from '../../i18n';
import { formatHour } from '../../i18n/format';
import { formatDuration } from './format';

interface Props {
  pacing: PacingSettings;
  defaults: PacingDefaults;
  onChange: (pacing: PacingSettings) => void;
  /** Problems with the values, by field (from the contract's own schema). */
  problems: Partial<Record<keyof PacingSettings, string>>;
}

type NumberKey = { [K in keyof PacingSettings]-?: PacingSettings[K] extends number ? K : never }[keyof PacingSettings];

/** How fast to send, each setting with the reason for its safe default underneath. */
export function PacingForm({ pacing, defaults, onChange, problems }: Props) {
  const t = useT();
  const set = (change: Partial<PacingSettings>) => onChange({ ...pacing, ...change });
  // Each setting shows why its default is safe (in the operator's language: main's reasons are English) and what is
  // wrong with the value typed, from its fields' keys.
  const about = (...keys: Array<keyof PacingSettings>) => ({
    reasons: keys.filter((k) => k in defaults.reasons).map((k) => t(`send.pacing.reason.${k}` as MessageKey)),
    problem: keys.map((k) => problems[k]).find(Boolean),
  });

  const num = (key: NumberKey, label: MessageKey) => (
    <input
      type="number"
      min={0}
      aria-label={t(label)}
      value={Number.isNaN(pacing[key]) ? '' : pacing[key]}
      // An emptied box becomes NaN, which the schema refuses with a message, rather than a silent 0.
      onChange={(e) => set({ [key]: e.target.value === '' ? NaN : Number(e.target.value) })}
    />
  );

  return (
    <div className="pacing-form">
      <Setting title={t('send.pacing.delayTitle')} {...about('minDelaySec', 'maxDelaySec')}>
        <FormattedMessage
          id="send.pacing.delayRange"
          values={{ min: num('minDelaySec', 'send.pacing.minDelayLabel'), max: num('maxDelaySec', 'send.pacing.maxDelayLabel') }}
        />
      </Setting>
      <Setting title={t('send.pacing.batchTitle')} {...about('batchSizeMin', 'batchSizeMax')}>
        <FormattedMessage
          id="send.pacing.batchRange"
          values={{ min: num('batchSizeMin', 'send.pacing.batchMinLabel'), max: num('batchSizeMax', 'send.pacing.batchMaxLabel') }}
        />
      </Setting>
      <Setting title={t('send.pacing.pauseTitle')} {...about('batchPauseMinSec', 'batchPauseMaxSec')}>
        <FormattedMessage
          id="send.pacing.pauseRange"
          values={{ min: num('batchPauseMinSec', 'send.pacing.pauseMinLabel'), max: num('batchPauseMaxSec', 'send.pacing.pauseMaxLabel') }}
        />
        {pacing.batchPauseMaxSec >= 60 && (
          <span className="muted">
            {' '}
            {t('send.pacing.pauseDuration', {
              min: formatDuration(pacing.batchPauseMinSec * 1000),
              max: formatDuration(pacing.batchPauseMaxSec * 1000),
            })}
          </span>
        )}
      </Setting>
      <Setting title={t('send.pacing.dailyTitle')} {...about('dailyCap')}>
        <FormattedMessage id="send.pacing.daily" values={{ input: num('dailyCap', 'send.pacing.dailyLabel') }} />
      </Setting>
      <Setting title={t('send.pacing.hourlyTitle')} {...about('hourlyCap')}>
        <label className="inline-check">
          <input
            type="checkbox"
            checked={pacing.hourlyCap != null}
            onChange={(e) => set({ hourlyCap: e.target.checked ? (defaults.pacing.hourlyCap ?? 40) : null })}
          />
          {t('send.pacing.hourlyOn')}
        </label>{' '}
        {pacing.hourlyCap != null ? (
          <FormattedMessage
            id="send.pacing.hourly"
            values={{
              input: (
                <input
                  type="number"
                  min={1}
                  aria-label={t('send.pacing.hourlyLabel')}
                  value={Number.isNaN(pacing.hourlyCap) ? '' : pacing.hourlyCap}
                  onChange={(e) => set({ hourlyCap: e.target.value === '' ? NaN : Number(e.target.value) })}
                />
              ),
            }}
          />
        ) : (
          <span className="muted">{t('send.pacing.noHourly')}</span>
        )}
      </Setting>
      <Setting title={t('send.pacing.hoursTitle')} {...about('window')}>
        <label className="inline-check">
          <input
            type="checkbox"
            checked={pacing.window !== null}
            onChange={(e) => set({ window: e.target.checked ? (defaults.pacing.window ?? { startHour: 9, endHour: 20 }) : null })}
          />
          {t('send.pacing.hoursOnly')}
        </label>{' '}
        {pacing.window ? (
          <WindowSelects window={pacing.window} onChange={(window) => set({ window })} />
        ) : (
          <span className="warning">{t('send.pacing.anyHour')}</span>
        )}
      </Setting>
      <Setting title={t('send.pacing.typingTitle')} {...about('typingDelay')}>
        <label className="inline-check">
          <input type="checkbox" checked={pacing.typingDelay} onChange={(e) => set({ typingDelay: e.target.checked })} />
          {t('send.pacing.typingLabel')}
        </label>
      </Setting>
      <details className="advanced">
        <summary>{t('send.pacing.failuresSummary')}</summary>
        <div className="advanced-grid">
          <Setting title={t('send.pacing.backoffTitle')} {...about('backoffAfterFailures', 'backoffBaseSec')}>
            <FormattedMessage
              id="send.pacing.backoff"
              values={{
                failures: num('backoffAfterFailures', 'send.pacing.backoffFailuresLabel'),
                seconds: num('backoffBaseSec', 'send.pacing.backoffSecLabel'),
              }}
            />
          </Setting>
          <Setting title={t('send.pacing.autoPauseTitle')} {...about('autoPauseAfterFailures')}>
            <FormattedMessage id="send.pacing.autoPause" values={{ input: num('autoPauseAfterFailures', 'send.pacing.autoPauseLabel') }} />
          </Setting>
          <Setting title={t('send.pacing.timeoutTitle')} {...about('sendTimeoutSec')}>
            <FormattedMessage id="send.pacing.timeout" values={{ input: num('sendTimeoutSec', 'send.pacing.timeoutLabel') }} />
          </Setting>
        </div>
      </details>
    </div>
  );
}

function Setting({ title, reasons, problem, children }: { title: string; reasons: string[]; problem?: string | undefined; children: ReactNode }) {
  return (
    <div className="setting">
      <div className="setting-title">{title}</div>
      <div className="setting-input">{children}</div>
      {problem && <div className="error small">{problem}</div>}
      {[...new Set(reasons)].map((r) => (
        <div key={r} className="muted small reason">
          {r}
        </div>
      ))}
    </div>
  );
}

type Window = NonNullable<PacingSettings['window']>;

/** "09:00 and 20:00": the two hour menus inside the sentence, in the order the language puts them. */
function WindowSelects({ window, onChange }: { window: Window; onChange: (window: Window) => void }) {
  const t = useT();
  return (
    <FormattedMessage
      id="send.pacing.hoursBetween"
      values={{
        from: (
          <HourSelect
            label={t('send.pacing.fromLabel')}
            value={window.startHour}
            hours={range(0, 23)}
            onChange={(startHour) => onChange({ ...window, startHour })}
          />
        ),
        until: (
          <HourSelect
            label={t('send.pacing.untilLabel')}
            value={window.endHour}
            hours={range(1, 24)}
            onChange={(endHour) => onChange({ ...window, endHour })}
          />
        ),
      }}
    />
  );
}

function HourSelect({ label, value, hours, onChange }: { label: string; value: number; hours: number[]; onChange: (h: number) => void }) {
  return (
    <select aria-label={label} value={value} onChange={(e) => onChange(Number(e.target.value))}>
      {hours.map((h) => (
        <option key={h} value={h}>
          {formatHour(h)}
        </option>
      ))}
    </select>
  );
}

const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => from + i);
