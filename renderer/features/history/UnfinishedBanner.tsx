import { useEffect, useState } from 'react';
import type { CampaignSummary } from '../../../src/shared/contract/campaign';
import { api } from '../../api';
import { plural } from '../../components/plural';

/**
 * Shown on every screen at start-up when a campaign was cut off (the app or the computer stopped while it was
 * sending): the operator should not have to find it in History by chance.
 */
export function UnfinishedBanner({ onOpen }: { onOpen: () => void }) {
  const [interrupted, setInterrupted] = useState<CampaignSummary[]>([]);
  const [dismissed, setDismissed] = useState(false);

  useEffect(() => {
    let live = true;
    void api.listCampaigns().then((r) => {
      if (live && r.ok) setInterrupted(r.value.filter((c) => c.state === 'interrupted' && c.resumable));
    });
    // Once one is resumed (or stopped) it is no longer interrupted.
    const off = api.onCampaignProgress((c) => setInterrupted((list) => list.filter((x) => x.id !== c.id || c.state === 'interrupted')));
    return () => {
      live = false;
      off();
    };
  }, []);

  if (dismissed || interrupted.length === 0) return null;
  const first = interrupted[0]!;
  const left = first.counts.pending + first.counts.unconfirmed;
  return (
    <div className="unfinished-banner" role="status" data-testid="unfinished-banner">
      <span>
        {interrupted.length === 1 ? (
          <>
            Campaign <b>{first.name}</b> stopped unexpectedly with {plural(left, 'contact')} left.
          </>
        ) : (
          <>{interrupted.length} campaigns stopped unexpectedly before they finished.</>
        )}{' '}
        Nobody will get a message twice when you resume.
      </span>
      <button onClick={onOpen}>Open in History</button>
      <button className="secondary" onClick={() => setDismissed(true)}>
        Later
      </button>
    </div>
  );
}
