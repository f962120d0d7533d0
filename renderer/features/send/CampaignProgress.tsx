import type { CampaignCounts, CampaignSummary } from '../../../src/shared/contract/campaign';
import { useEffect, useMemo, useRef } from 'react';
import { doneCount, formatDuration, formatWhen, stateLabel } from './format';
import { useNow } from './useNow';
import { RepliesCard } from './RepliesCard';

const tiles: Array<{ key: keyof CampaignCounts; label: string; tone?: string }> = [
  { key: 'sent', label: 'Sent' },
  { key: 'delivered', label: 'Delivered' },
  { key: 'read', label: 'Read' },
  { key: 'failed', label: 'Failed', tone: 'bad' },
  { key: 'skipped', label: 'Skipped', tone: 'warn' },
  { key: 'pending', label: 'Pending' },
];

/**
 * Where a campaign is: its state and why, a bar, the counts, and how long is left (src/core/eta.ts, from the
 * pacing). `scrollIntoView`: just started from the set-up form, so the card is brought into view and focused.
 */
export function CampaignProgress({ campaign, scrollIntoView = false }: { campaign: CampaignSummary; scrollIntoView?: boolean }) {
  const { counts, state } = campaign;
  const done = doneCount(counts);
  const now = useNow(campaign.nextSendAt !== null);
  const wait = campaign.nextSendAt !== null ? campaign.nextSendAt - now : null;
  const ref = useRef<HTMLDivElement>(null);
  // etaMs counts from when main sent it: fix the finish time then, so the countdown runs between pushes.
  const finishAt = useMemo(() => (campaign.etaMs === null ? null : Date.now() + campaign.etaMs), [campaign.etaMs]);
  useEffect(() => {
    if (!scrollIntoView || !ref.current) return;
    ref.current.scrollIntoView({ block: 'start' });
    ref.current.focus({ preventScroll: true });
  }, [scrollIntoView]);

  return (
    <div className="campaign-progress" data-testid="campaign-progress" data-state={state} ref={ref} tabIndex={-1}>
      <div className="progress-head">
        <span className={`state-badge ${state}`} data-testid="campaign-state">
          {stateLabel[state]}
        </span>
        <span>
          <b>{done.toLocaleString()}</b> of {counts.total.toLocaleString()} done
        </span>
        <span className="spacer" />
        {finishAt !== null && (state === 'running' || state === 'waiting') && (
          <span className="muted" data-testid="eta">
            about {formatDuration(Math.max(0, finishAt - now))} left · done around {formatWhen(finishAt, now)}
          </span>
        )}
      </div>
      <progress max={Math.max(1, counts.total)} value={done} aria-label="Campaign progress" />
      {campaign.reason && (state === 'paused' || state === 'waiting' || state === 'stopped' || state === 'interrupted') && (
        <p className={state === 'stopped' ? 'error reason-box' : 'warning reason-box'} role="status" data-testid="campaign-reason">
          {campaign.reason}
        </p>
      )}
      {wait !== null && wait > 0 && (state === 'running' || state === 'waiting') && (
        <p className="muted small" data-testid="next-send">
          Next message in {formatDuration(wait)}.
        </p>
      )}
      <div className="count-tiles">
        {tiles.map((t) => (
          <div key={t.key} className={`tile ${counts[t.key] > 0 ? (t.tone ?? '') : ''}`} data-testid={`count-${t.key}`}>
            <div className="tile-value">{counts[t.key].toLocaleString()}</div>
            <div className="tile-label">{t.label}</div>
          </div>
        ))}
        {counts.rejected > 0 && (
          <div
            className="tile bad"
            data-testid="count-rejected"
            title="First messages WhatsApp refused (it may suspect spam); they were not delivered"
          >
            <div className="tile-value">{counts.rejected.toLocaleString()}</div>
            <div className="tile-label">Rejected by WhatsApp</div>
          </div>
        )}
        {counts.unconfirmed > 0 && (
          <div
            className="tile warn"
            data-testid="count-unconfirmed"
            title="Left 'about to send' when the connection dropped or the app stopped; checked against the chat before anything is re-sent"
          >
            <div className="tile-value">{counts.unconfirmed.toLocaleString()}</div>
            <div className="tile-label">To confirm</div>
          </div>
        )}
      </div>
      {counts.sent > 0 && <RepliesCard campaign={campaign} />}
    </div>
  );
}
