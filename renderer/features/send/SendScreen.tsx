import { useState } from 'react';
import type { ScreenProps } from '../../screen-props';
import { CampaignControls } from './CampaignControls';
import { CampaignLog } from './CampaignLog';
import { CampaignProgress } from './CampaignProgress';
import { CampaignSetup } from './CampaignSetup';
import { ContactTable } from './ContactTable';
import { isActive } from './format';
import { LimitsPanel } from './LimitsPanel';
import { useCurrentCampaign } from './useCurrentCampaign';
import './send.css';
import { ErrorNote } from '../../components/ErrorNote';
import { useT } from '../../i18n';
import { formatBytes } from '../../i18n/format';

/** Set the pace and start; then watch, pause, resume or stop the campaign as it sends. */
export function SendScreen({ status, go }: ScreenProps) {
  const t = useT();
  const { campaign, loaded, error, show } = useCurrentCampaign();
  // Just started from the set-up form: bring the progress card into view (the form was scrolled down to Start).
  const [justStarted, setJustStarted] = useState(false);

  return (
    <section className="screen send-screen" aria-labelledby="send-title">
      <h1 id="send-title">{t('screens.send')}</h1>
      <ErrorNote message={error && t('send.progress.lookupFailed', { error })} />
      {!loaded && <p className="muted">{t('send.progress.loading')}</p>}
      <LimitsPanel />
      {loaded && !campaign && (
        <CampaignSetup
          status={status}
          go={go}
          onStarted={(c) => {
            show(c);
            setJustStarted(true);
          }}
        />
      )}
      {campaign && (
        <>
          <div className="card">
            <div className="campaign-title">
              <h2 dir="auto">{campaign.name}</h2>
              {!isActive(campaign.state) && campaign.state !== 'interrupted' && (
                <button className="secondary" onClick={() => show(null)}>
                  {t('send.progress.newCampaign')}
                </button>
              )}
            </div>
            {campaign.attachment && (
              <p className="muted small" data-testid="campaign-attachment">
                {t('send.progress.attachment', { name: campaign.attachment.name, size: formatBytes(campaign.attachment.size) })}
              </p>
            )}
            <CampaignProgress campaign={campaign} scrollIntoView={justStarted} />
            {/* The reason above says why it waits; this says what the operator can do about it. */}
            {status && status.kind !== 'ready' && !(status.kind === 'disconnected' && status.reconnecting) && isActive(campaign.state) && (
              <div className="actions" data-testid="reconnect-hint">
                <button onClick={() => go('connection')}>{t('send.progress.reconnect')}</button>
                <span className="muted">{t('send.progress.reconnectHint')}</span>
              </div>
            )}
            <CampaignControls campaign={campaign} onChange={show} />
          </div>
          <div className="card">
            <h2>{t('screens.contacts')}</h2>
            <ContactTable campaignId={campaign.id} />
          </div>
          <CampaignLog campaignId={campaign.id} />
        </>
      )}
    </section>
  );
}
