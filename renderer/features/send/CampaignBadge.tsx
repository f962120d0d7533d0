import { useEffect, useState } from 'react';
import type { CampaignSummary } from '../../../src/shared/contract/campaign';
import { api } from '../../api';
import { useT } from '../../i18n';
import { doneCount, isActive, stateLabelKey } from './format';

export interface ActiveCampaign {
  /** The campaign sending, paused or waiting now; null when none is. */
  campaign: CampaignSummary | null;
  /** Main has answered once (so the app can decide which screen to open on). */
  loaded: boolean;
}

/**
 * The campaign that is going now (running, paused or waiting), whichever screen is open: the newest such one on
 * arrival, then every progress push. A campaign that finishes or stops drops out.
 */
export function useActiveCampaign(): ActiveCampaign {
  const [campaign, setCampaign] = useState<CampaignSummary | null>(null);
  const [loaded, setLoaded] = useState(false);

  useEffect(() => {
    let live = true;
    const off = api.onCampaignProgress((s) =>
      setCampaign((current) => {
        if (isActive(s.state)) return !current || current.id === s.id || !isActive(current.state) ? s : current;
        return current?.id === s.id ? null : current;
      }),
    );
    void api.listCampaigns().then((r) => {
      if (!live) return;
      const going = r.ok ? r.value.find((c) => isActive(c.state)) : undefined;
      if (going) setCampaign((current) => current ?? going);
      setLoaded(true);
    });
    return () => {
      live = false;
      off();
    };
  }, []);

  return { campaign, loaded };
}

/**
 * "Sending 12 / 30" in the header: a campaign going on is visible from every screen; a click opens Send. A link (it
 * goes to a screen), named by what it shows, so it is never mistaken for the Send screen's own Pause or Stop buttons.
 */
export function CampaignBadge({ campaign, onOpen, current }: { campaign: CampaignSummary | null; onOpen: () => void; current: boolean }) {
  const t = useT();
  if (!campaign) return null;
  const { state, counts } = campaign;
  // A campaign waiting for its scheduled start says so, not just "Waiting".
  const label = campaign.scheduledAt !== undefined ? t('send.badge.scheduled') : t(stateLabelKey[state]);
  const text = t('send.badge.text', { state: label, done: doneCount(counts), total: counts.total });
  return (
    <a
      href="#send"
      className={`campaign-badge ${state}`}
      data-testid="campaign-badge"
      data-state={state}
      onClick={(e) => {
        e.preventDefault();
        onOpen();
      }}
      aria-current={current ? 'page' : undefined}
      title={
        campaign.reason
          ? t('send.badge.titleReason', { name: campaign.name, reason: campaign.reason.replace(/\.?$/, '.') })
          : t('send.badge.titleState', { name: campaign.name, state: label })
      }
    >
      <span className="campaign-badge-dot" aria-hidden="true" />
      {text}
    </a>
  );
}
