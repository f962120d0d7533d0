import { useEffect, useState } from 'react';
import type { CampaignSummary } from '../../../src/shared/contract/campaign';
import { api } from '../../api';
import { FormattedMessage, useT } from '../../i18n';

/**
 * Shown on every screen at start-up when a campaign was cut off (the app or the computer stopped while it was
 * sending): the operator should not have to find it in History by chance.
 */
export function UnfinishedBanner({ onOpen }: { onOpen: () => void }) {
  const t = useT();
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
          <FormattedMessage id="history.unfinished.one" values={{ name: first.name, count: left, b: (chunks) => <b dir="auto">{chunks}</b> }} />
        ) : (
          t('history.unfinished.many', { count: interrupted.length })
        )}{' '}
        {t('history.unfinished.noTwice')}
      </span>
      <button onClick={onOpen}>{t('history.unfinished.open')}</button>
      <button className="secondary" onClick={() => setDismissed(true)}>
        {t('history.unfinished.later')}
      </button>
    </div>
  );
}
