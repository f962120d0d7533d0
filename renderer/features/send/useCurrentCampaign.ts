import { useEffect, useState } from 'react';
import type { CampaignSummary } from '../../../src/shared/contract/campaign';
import { api } from '../../api';
import { isActive } from './format';

export interface CurrentCampaign {
  /** The campaign the Send screen shows; null: show the set-up form. */
  campaign: CampaignSummary | null;
  loaded: boolean;
  error: string | null;
  show: (campaign: CampaignSummary | null) => void;
}

/**
 * The campaign being sent: on arrival the newest one that is still going (or was cut off by a restart), then
 * every progress push for it. A campaign that starts elsewhere (resumed from History) takes over the screen.
 */
export function useCurrentCampaign(): CurrentCampaign {
  const [campaign, setCampaign] = useState<CampaignSummary | null>(null);
  const [loaded, setLoaded] = useState(false);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    let live = true;
    const off = api.onCampaignProgress((s) =>
      setCampaign((current) => (current?.id === s.id || ((!current || !isActive(current.state)) && isActive(s.state)) ? s : current)),
    );
    void api.listCampaigns().then((r) => {
      if (!live) return;
      setLoaded(true);
      if (!r.ok) return setError(r.error.message);
      const newest = r.value[0];
      if (newest && (isActive(newest.state) || newest.state === 'interrupted')) setCampaign((current) => current ?? newest);
    });
    return () => {
      live = false;
      off();
    };
  }, []);

  return { campaign, loaded, error, show: setCampaign };
}
