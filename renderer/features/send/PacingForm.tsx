import type { ReactNode } from 'react';
import type { PacingDefaults, PacingSettings } from '../../../src/shared/contract/campaign';
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
  const set = (change: Partial<PacingSettings>) => onChange({ ...pacing, ...change });
  // Each setting shows why its default is safe and what is wrong with the value typed, from its fields' keys.
  const about = (...keys: Array<keyof PacingSettings>) => ({
    reasons: keys.map((k) => defaults.reasons[k]),
    problem: keys.map((k) => problems[k]).find(Boolean),
  });

  const num = (key: NumberKey, label: string) => (
    <input
      type="number"
      min={0}
      aria-label={label}
      value={Number.isNaN(pacing[key]) ? '' : pacing[key]}
      // An emptied box becomes NaN, which the schema refuses with a message, rather than a silent 0.
      onChange={(e) => set({ [key]: e.target.value === '' ? NaN : Number(e.target.value) })}
    />
  );

  return (
    <div className="pacing-form">
      <Setting title="Delay between messages" {...about('minDelaySec', 'maxDelaySec')}>
        {num('minDelaySec', 'Shortest delay (seconds)')} to {num('maxDelaySec', 'Longest delay (seconds)')} seconds, at random
      </Setting>
      <Setting title="Take a break every" {...about('batchSizeMin', 'batchSizeMax')}>
        {num('batchSizeMin', 'Fewest messages before a break')} to {num('batchSizeMax', 'Most messages before a break')} messages
      </Setting>
      <Setting title="Break length" {...about('batchPauseMinSec', 'batchPauseMaxSec')}>
        {num('batchPauseMinSec', 'Shortest break (seconds)')} to {num('batchPauseMaxSec', 'Longest break (seconds)')} seconds
        {pacing.batchPauseMaxSec >= 60 && (
          <span className="muted">
            {' '}
            ({formatDuration(pacing.batchPauseMinSec * 1000)} to {formatDuration(pacing.batchPauseMaxSec * 1000)})
          </span>
        )}
      </Setting>
      <Setting title="Daily limit" {...about('dailyCap')}>
        at most {num('dailyCap', 'Messages per day')} messages a day from this account
      </Setting>
      <Setting title="Hourly limit" {...about('hourlyCap')}>
        <label className="inline-check">
          <input
            type="checkbox"
            checked={pacing.hourlyCap != null}
            onChange={(e) => set({ hourlyCap: e.target.checked ? (defaults.pacing.hourlyCap ?? 40) : null })}
          />
          At most
        </label>{' '}
        {pacing.hourlyCap != null ? (
          <>
            <input
              type="number"
              min={1}
              aria-label="Messages per hour"
              value={Number.isNaN(pacing.hourlyCap) ? '' : pacing.hourlyCap}
              onChange={(e) => set({ hourlyCap: e.target.value === '' ? NaN : Number(e.target.value) })}
            />{' '}
            messages in any hour
          </>
        ) : (
          <span className="muted">no hourly limit</span>
        )}
      </Setting>
      <Setting title="Sending hours" {...about('window')}>
        <label className="inline-check">
          <input
            type="checkbox"
            checked={pacing.window !== null}
            onChange={(e) => set({ window: e.target.checked ? (defaults.pacing.window ?? { startHour: 9, endHour: 20 }) : null })}
          />
          Only send between
        </label>{' '}
        {pacing.window ? (
          <>
            <HourSelect
              label="From"
              value={pacing.window.startHour}
              hours={range(0, 23)}
              onChange={(startHour) => set({ window: { ...pacing.window!, startHour } })}
            />{' '}
            and{' '}
            <HourSelect
              label="Until"
              value={pacing.window.endHour}
              hours={range(1, 24)}
              onChange={(endHour) => set({ window: { ...pacing.window!, endHour } })}
            />
          </>
        ) : (
          <span className="warning">any hour, day and night</span>
        )}
      </Setting>
      <Setting title="Typing time" {...about('typingDelay')}>
        <label className="inline-check">
          <input type="checkbox" checked={pacing.typingDelay} onChange={(e) => set({ typingDelay: e.target.checked })} />
          Wait as long as typing the message would take
        </label>
      </Setting>
      <details className="advanced">
        <summary>When sends fail</summary>
        <div className="advanced-grid">
          <Setting title="Slow down after this many failures" {...about('backoffAfterFailures', 'backoffBaseSec')}>
            {num('backoffAfterFailures', 'Failures in a row before slowing down')} in a row: wait {num('backoffBaseSec', 'Extra wait (seconds)')} s
            more, doubling
          </Setting>
          <Setting title="Pause the campaign after" {...about('autoPauseAfterFailures')}>
            {num('autoPauseAfterFailures', 'Failures in a row before pausing')} failures in a row
          </Setting>
          <Setting title="Give up on one send after" {...about('sendTimeoutSec')}>
            {num('sendTimeoutSec', 'Send timeout (seconds)')} seconds
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

function HourSelect({ label, value, hours, onChange }: { label: string; value: number; hours: number[]; onChange: (h: number) => void }) {
  return (
    <select aria-label={label} value={value} onChange={(e) => onChange(Number(e.target.value))}>
      {hours.map((h) => (
        <option key={h} value={h}>
          {String(h).padStart(2, '0')}:00
        </option>
      ))}
    </select>
  );
}

const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => from + i);
