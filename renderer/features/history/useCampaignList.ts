import { useCallback, useEffect, useState } from 'react';
import type { CampaignSummary } from '../../../src/shared/contract/campaign';
import { api } from '../../api';

/** Every campaign, newest first, kept current by progress pushes (a pushed campaign not listed yet is added). */
export function useCampaignList() {
  const [campaigns, setCampaigns] = useState<CampaignSummary[] | null>(null);
  const [error, setError] = useState<string | null>(null);

  const refresh = useCallback(async () => {
    const r = await api.listCampaigns();
    if (r.ok) {
      setCampaigns(r.value);
      setError(null);
    } else setError(r.error.message);
  }, []);

  useEffect(() => {
    const off = api.onCampaignProgress((s) =>
      setCampaigns((list) => {
        if (!list) return list;
        return list.some((c) => c.id === s.id) ? list.map((c) => (c.id === s.id ? s : c)) : [s, ...list];
      }),
    );
    void refresh();
    return off;
  }, [refresh]);

  const replace = (s: CampaignSummary) => setCampaigns((list) => list?.map((c) => (c.id === s.id ? s : c)) ?? list);
  return { campaigns, error, refresh, replace };
}
