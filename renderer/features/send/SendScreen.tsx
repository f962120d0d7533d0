import { useState } from 'react';
import type { ScreenProps } from '../../screen-props';
import { formatSize } from '../message/formatSize';
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

/** Set the pace and start; then watch, pause, resume or stop the campaign as it sends. */
export function SendScreen({ status, go }: ScreenProps) {
  const { campaign, loaded, error, show } = useCurrentCampaign();
  // Just started from the set-up form: bring the progress card into view (the form was scrolled down to Start).
  const [justStarted, setJustStarted] = useState(false);

  return (
    <section className="screen send-screen" aria-labelledby="send-title">
      <h1 id="send-title">Send</h1>
      <ErrorNote message={error && `Could not look up campaigns: ${error}`} />
      {!loaded && <p className="muted">Loading…</p>}
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
              <h2>{campaign.name}</h2>
              {!isActive(campaign.state) && campaign.state !== 'interrupted' && (
                <button className="secondary" onClick={() => show(null)}>
                  Set up a new campaign
                </button>
              )}
            </div>
            {campaign.attachment && (
              <p className="muted small" data-testid="campaign-attachment">
                Each message carries {campaign.attachment.name} ({formatSize(campaign.attachment.size)}), with the text as its caption.
              </p>
            )}
            <CampaignProgress campaign={campaign} scrollIntoView={justStarted} />
            {/* The reason above says why it waits; this says what the operator can do about it. */}
            {status && status.kind !== 'ready' && !(status.kind === 'disconnected' && status.reconnecting) && isActive(campaign.state) && (
              <div className="actions" data-testid="reconnect-hint">
                <button onClick={() => go('connection')}>Connect WhatsApp again</button>
                <span className="muted">on the Connection screen; this campaign then carries on by itself.</span>
              </div>
            )}
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
