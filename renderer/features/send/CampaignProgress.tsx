import type { CampaignCounts, CampaignSummary } from '../../../src/shared/contract/campaign';
import { useEffect, useMemo, useRef } from 'react';
import { FormattedMessage, useT, type MessageKey } from '../../i18n';
import { formatCount } from '../../i18n/format';
import { doneCount, formatDuration, formatWhen, stateLabelKey, countLabelKey } from './format';
import { useNow } from './useNow';
import { RepliesCard } from './RepliesCard';

const tiles: Array<{ key: keyof CampaignCounts; label: MessageKey; tone?: string }> = [
  { key: 'sent', label: countLabelKey.sent },
  { key: 'delivered', label: countLabelKey.delivered },
  { key: 'read', label: countLabelKey.read },
  { key: 'failed', label: countLabelKey.failed, tone: 'bad' },
  { key: 'skipped', label: countLabelKey.skipped, tone: 'warn' },
  { key: 'pending', label: countLabelKey.pending },
];

/**
 * Where a campaign is: its state and why, a bar, the counts, and how long is left (src/core/eta.ts, from the
 * pacing). `scrollIntoView`: just started from the set-up form, so the card is brought into view and focused.
 */
export function CampaignProgress({ campaign, scrollIntoView = false }: { campaign: CampaignSummary; scrollIntoView?: boolean }) {
  const t = useT();
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
          {t(stateLabelKey[state])}
        </span>
        <span>
          <FormattedMessage id="send.progress.done" values={{ done, total: counts.total, b: (chunks) => <b>{chunks}</b> }} />
        </span>
        <span className="spacer" />
        {finishAt !== null && (state === 'running' || state === 'waiting') && (
          <span className="muted" data-testid="eta">
            {t('send.progress.eta', { duration: formatDuration(Math.max(0, finishAt - now)), when: formatWhen(finishAt, now) })}
          </span>
        )}
      </div>
      <progress max={Math.max(1, counts.total)} value={done} aria-label={t('send.progress.label')} />
      {campaign.reason && (state === 'paused' || state === 'waiting' || state === 'stopped' || state === 'interrupted') && (
        <p className={state === 'stopped' ? 'error reason-box' : 'warning reason-box'} role="status" data-testid="campaign-reason">
          {campaign.reason}
        </p>
      )}
      {wait !== null && wait > 0 && (state === 'running' || state === 'waiting') && (
        <p className="muted small" data-testid="next-send">
          {t('send.progress.nextIn', { duration: formatDuration(wait) })}
        </p>
      )}
      <div className="count-tiles">
        {tiles.map((tile) => (
          <div key={tile.key} className={`tile ${counts[tile.key] > 0 ? (tile.tone ?? '') : ''}`} data-testid={`count-${tile.key}`}>
            <div className="tile-value">{formatCount(counts[tile.key])}</div>
            <div className="tile-label">{t(tile.label)}</div>
          </div>
        ))}
        {counts.rejected > 0 && (
          <div className="tile bad" data-testid="count-rejected" title={t('send.progress.rejectedHint')}>
            <div className="tile-value">{formatCount(counts.rejected)}</div>
            <div className="tile-label">{t(countLabelKey.rejected)}</div>
          </div>
        )}
        {counts.unconfirmed > 0 && (
          <div className="tile warn" data-testid="count-unconfirmed" title={t('send.progress.unconfirmedHint')}>
            <div className="tile-value">{formatCount(counts.unconfirmed)}</div>
            <div className="tile-label">{t('send.progress.unconfirmed')}</div>
          </div>
        )}
      </div>
      {counts.sent > 0 && <RepliesCard campaign={campaign} />}
    </div>
  );
}
