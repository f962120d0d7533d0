import type { PacingSettings } from '../../../src/shared/contract/campaign';
import { Dialog } from '../../components/Dialog';
import { plural } from '../../components/plural';
import { formatDuration, formatHours, formatWhen } from './format';
import type { StartEstimate } from './useStartEstimate';

/** "Estimated finish: today 15:40 (about 25 min)", with why it takes longer than the pace alone (hours, cap). */
export function EstimateLine({ estimate, pacing }: { estimate: StartEstimate | null; pacing: PacingSettings | null }) {
  if (!estimate || !pacing) return null;
  const { eta, now } = estimate;
  return (
    <div className="estimate" data-testid="setup-eta">
      <p>
        Estimated finish: <b>{formatWhen(eta.finishAt, now)}</b> <span className="muted">(about {formatDuration(eta.durationMs)})</span>
      </p>
      <EstimateNotes estimate={estimate} pacing={pacing} />
    </div>
  );
}

function EstimateNotes({ estimate, pacing }: { estimate: StartEstimate; pacing: PacingSettings }) {
  const { eta, now, sentToday } = estimate;
  const notes: string[] = [];
  if (eta.firstSendAt !== null && eta.outsideHours && eta.firstSendAt - now > 60_000) {
    notes.push(`The first message goes ${formatWhen(eta.firstSendAt, now)}, when the sending hours (${formatHours(pacing.window)}) begin.`);
  }
  if (eta.days > 1) {
    const today = sentToday ? ` (${plural(sentToday, 'message')} already sent today)` : '';
    notes.push(`Spread over ${eta.days} days: at most ${plural(pacing.dailyCap, 'message')} a day from this account${today}.`);
  } else if (eta.outsideHours && eta.firstSendAt !== null && eta.finishAt > eta.firstSendAt && !sameDay(eta.firstSendAt, eta.finishAt)) {
    notes.push(`Sending stops outside ${formatHours(pacing.window)} and goes on the next day.`);
  }
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
  return (
    <Dialog
      title={`Start sending to ${plural(people, 'person', 'people')}?`}
      open={open}
      onClose={onCancel}
      testId="start-confirm"
      className="start-confirm"
    >
      <dl className="facts confirm-facts">
        <dt>To</dt>
        <dd data-testid="confirm-people">
          {plural(people, 'person', 'people')}
          {source && <span className="muted"> from {source}</span>}
        </dd>
        {name.trim() && (
          <>
            <dt>Campaign</dt>
            <dd>{name.trim()}</dd>
          </>
        )}
        {attachment && (
          <>
            <dt>Attachment</dt>
            <dd>{attachment}</dd>
          </>
        )}
        <dt>First message</dt>
        <dd data-testid="confirm-first">
          {eta?.firstSendAt != null ? (eta.firstSendAt - now < 60_000 ? 'right away' : formatWhen(eta.firstSendAt, now)) : '—'}
        </dd>
        <dt>Estimated finish</dt>
        <dd data-testid="confirm-finish">
          {eta ? (
            <>
              {formatWhen(eta.finishAt, now)} <span className="muted">(about {formatDuration(eta.durationMs)})</span>
            </>
          ) : (
            '—'
          )}
        </dd>
        <dt>Sending hours</dt>
        <dd data-testid="confirm-hours">{formatHours(pacing.window)}</dd>
        {eta && eta.days > 1 && (
          <>
            <dt>Daily limit</dt>
            <dd data-testid="confirm-cap">
              at most {plural(pacing.dailyCap, 'message')} a day, so this takes {eta.days} days
            </dd>
          </>
        )}
      </dl>
      <p className="muted small">You can pause or stop at any time; a message being sent is never cut off.</p>
      <div className="actions">
        <button onClick={onStart}>Start sending</button>
        <button className="secondary" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </Dialog>
  );
}
