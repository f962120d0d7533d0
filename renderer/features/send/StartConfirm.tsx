import type { ReactNode } from 'react';
import type { PacingSettings } from '../../../src/shared/contract/campaign';
import { Dialog } from '../../components/Dialog';
import { FormattedMessage, useT, type Translate } from '../../i18n';
import { formatDuration, formatHours, formatWhen } from './format';
import type { StartEstimate } from './useStartEstimate';

/** "Estimated finish: today 15:40 (about 25 min)", with why it takes longer than the pace alone (hours, cap). */
export function EstimateLine({ estimate, pacing }: { estimate: StartEstimate | null; pacing: PacingSettings | null }) {
  if (!estimate || !pacing) return null;
  const { eta, now } = estimate;
  return (
    <div className="estimate" data-testid="setup-eta">
      <p>
        <FormattedMessage
          id="send.start.estimate"
          values={{ when: formatWhen(eta.finishAt, now), duration: formatDuration(eta.durationMs), b: (chunks) => <b>{chunks}</b>, muted }}
        />
      </p>
      <EstimateNotes estimate={estimate} pacing={pacing} />
    </div>
  );
}

/** "(about 25 min)" and the like: the muted part of a message. */
const muted = (chunks: ReactNode[]) => <span className="muted">{chunks}</span>;

/** Why the estimate is later than the pace alone would make it: the sending hours, the daily limit. */
function estimateNotes({ eta, now, sentToday }: StartEstimate, pacing: PacingSettings, t: Translate): string[] {
  const notes: string[] = [];
  const hours = formatHours(pacing.window, t);
  if (eta.firstSendAt !== null && eta.outsideHours && eta.firstSendAt - now > 60_000) {
    notes.push(t('send.start.firstLater', { when: formatWhen(eta.firstSendAt, now), hours }));
  }
  if (eta.days > 1) {
    const figures = { days: eta.days, cap: pacing.dailyCap, sent: sentToday ?? 0 };
    notes.push(t(sentToday ? 'send.start.spreadToday' : 'send.start.spread', figures));
  } else if (eta.outsideHours && eta.firstSendAt !== null && eta.finishAt > eta.firstSendAt && !sameDay(eta.firstSendAt, eta.finishAt)) {
    notes.push(t('send.start.overnight', { hours }));
  }
  return notes;
}

function EstimateNotes({ estimate, pacing }: { estimate: StartEstimate; pacing: PacingSettings }) {
  const t = useT();
  const notes = estimateNotes(estimate, pacing, t);
  if (notes.length === 0) return null;
  return (
    <ul className="estimate-notes muted small">
      {notes.map((n) => (
        <li key={n}>{n}</li>
      ))}
    </ul>
  );
}

const sameDay = (a: number, b: number) => new Date(a).toDateString() === new Date(b).toDateString();

interface ConfirmProps {
  open: boolean;
  onStart: () => void;
  onCancel: () => void;
  people: number;
  source: string | null;
  estimate: StartEstimate | null;
  pacing: PacingSettings;
  attachment: string | null;
  name: string;
}

/** Before anything is sent: to how many, when the first and last message go, within which hours and cap. */
export function StartConfirm({ open, onStart, onCancel, people, source, estimate, pacing, attachment, name }: ConfirmProps) {
  const eta = estimate?.eta ?? null;
  const now = estimate?.now ?? Date.now();
  const t = useT();
  return (
    <Dialog title={t('send.start.confirmTitle', { count: people })} open={open} onClose={onCancel} testId="start-confirm" className="start-confirm">
      <dl className="facts confirm-facts">
        <dt>{t('send.start.to')}</dt>
        <dd data-testid="confirm-people">
          {t('send.start.people', { count: people })}
          {source && <span className="muted">{t('send.start.peopleFrom', { source })}</span>}
        </dd>
        {name.trim() && (
          <>
            <dt>{t('send.start.campaign')}</dt>
            <dd dir="auto">{name.trim()}</dd>
          </>
        )}
        {attachment && (
          <>
            <dt>{t('send.start.attachment')}</dt>
            <dd dir="auto">{attachment}</dd>
          </>
        )}
        <dt>{t('send.start.first')}</dt>
        <dd data-testid="confirm-first">
          {eta?.firstSendAt != null ? (eta.firstSendAt - now < 60_000 ? t('send.start.rightAway') : formatWhen(eta.firstSendAt, now)) : '—'}
        </dd>
        <dt>{t('send.start.finish')}</dt>
        <dd data-testid="confirm-finish">
          {eta ? (
            <FormattedMessage
              id="send.start.finishValue"
              values={{ when: formatWhen(eta.finishAt, now), duration: formatDuration(eta.durationMs), muted }}
            />
          ) : (
            '—'
          )}
        </dd>
        <dt>{t('send.start.hours')}</dt>
        <dd data-testid="confirm-hours">{formatHours(pacing.window, t)}</dd>
        {eta && eta.days > 1 && (
          <>
            <dt>{t('send.start.dailyLimit')}</dt>
            <dd data-testid="confirm-cap">{t('send.start.capDays', { cap: pacing.dailyCap, days: eta.days })}</dd>
          </>
        )}
      </dl>
      <p className="muted small">{t('send.start.canStop')}</p>
      <div className="actions">
        <button onClick={onStart}>{t('send.start.button')}</button>
        <button className="secondary" onClick={onCancel}>
          {t('send.start.cancel')}
        </button>
      </div>
    </Dialog>
  );
}
