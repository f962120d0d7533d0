import type { ScreenProps } from '../../screens';
import { CampaignControls } from './CampaignControls';
import { CampaignLog } from './CampaignLog';
import { CampaignProgress } from './CampaignProgress';
import { CampaignSetup } from './CampaignSetup';
import { ContactTable } from './ContactTable';
import { isActive } from './format';
import { useCurrentCampaign } from './useCurrentCampaign';
import './send.css';

/** Set the pace and start; then watch, pause, resume or stop the campaign as it sends. */
export function SendScreen({ status, go }: ScreenProps) {
  const { campaign, loaded, error, show } = useCurrentCampaign();

  return (
    <section className="screen send-screen" aria-labelledby="send-title">
      <h1 id="send-title">Send</h1>
      {error && (
        <p className="error" role="alert">
          Could not look up campaigns: {error}
        </p>
      )}
      {!loaded && <p className="muted">Loading…</p>}
      {loaded && !campaign && <CampaignSetup status={status} go={go} onStarted={show} />}
      {campaign && (
        <>
          <div className="card">
            <div className="campaign-title">
              <h2>{campaign.name}</h2>
              {!isActive(campaign.state) && campaign.state !== 'interrupted' && (
                <button className="secondary" onClick={() => show(null)}>
                  Set up a new campaign
                </button>
              )}
            </div>
            {status && status.kind !== 'ready' && isActive(campaign.state) && (
              <p className="warning" role="status">
                WhatsApp is not ready ({status.kind.replace('_', ' ')}): sending waits until it is connected again.{' '}
                <button className="link" onClick={() => go('connection')}>
                  Go to connection
                </button>
              </p>
            )}
            <CampaignProgress campaign={campaign} />
            <CampaignControls campaign={campaign} onChange={show} />
          </div>
          <div className="card">
            <h2>Contacts</h2>
            <ContactTable campaignId={campaign.id} />
          </div>
          <CampaignLog campaignId={campaign.id} />
        </>
      )}
    </section>
  );
}
