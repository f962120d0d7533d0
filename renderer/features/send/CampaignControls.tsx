import { useState } from 'react';
import type { CampaignSummary } from '../../../src/shared/contract/campaign';
import type { Result } from '../../../src/shared/result';
import { api } from '../../api';
import { Dialog } from '../../components/Dialog';
import { ErrorNote } from '../../components/ErrorNote';
import { useT } from '../../i18n';
import { PaceControl } from './PaceEdit';
import { ScheduledControls } from './ScheduleStart';

interface Props {
  campaign: CampaignSummary;
  onChange: (campaign: CampaignSummary) => void;
}

/** Pause, resume and stop (stop is final, so it asks first); while paused or waiting, change the pace. */
export function CampaignControls({ campaign, onChange }: Props) {
  const t = useT();
  const [busy, setBusy] = useState<string | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [confirmStop, setConfirmStop] = useState(false);
  const { state, id } = campaign;

  async function run(label: string, call: () => Promise<Result<CampaignSummary>>) {
    setBusy(label);
    setProblem(null);
    try {
      const r = await call();
      if (r.ok) onChange(r.value);
      else setProblem(r.error.message);
    } finally {
      setBusy(null);
    }
  }

  const canPause = state === 'running' || state === 'waiting';
  const canResume = (state === 'paused' || state === 'interrupted') && campaign.resumable;
  const canStop = state === 'running' || state === 'waiting' || state === 'paused' || state === 'interrupted';
  if (campaign.scheduledAt !== undefined) return <ScheduledControls campaign={campaign} onChange={onChange} />;
  if (!canPause && !canResume && !canStop) return null;

  return (
    <>
      <div className="actions">
        {canPause && (
          <button className="secondary" disabled={busy !== null} onClick={() => void run('pause', () => api.pauseCampaign(id))}>
            {t('send.controls.pause')}
          </button>
        )}
        {canResume && (
          <button disabled={busy !== null} onClick={() => void run('resume', () => api.resumeCampaign(id))}>
            {t('send.controls.resume')}
          </button>
        )}
        {canStop && (
          <button className="danger" disabled={busy !== null} onClick={() => setConfirmStop(true)}>
            {t('send.controls.stop')}
          </button>
        )}
        {busy === 'pause' && <span className="muted">{t('send.controls.pausing')}</span>}
        {busy === 'resume' && <span className="muted">{t('send.controls.resuming')}</span>}
        {busy === 'stop' && <span className="muted">{t('send.controls.stopping')}</span>}
      </div>
      <ErrorNote message={problem} />
      <PaceControl campaign={campaign} onSaved={onChange} />
      <Dialog title={t('send.controls.stopTitle')} open={confirmStop} onClose={() => setConfirmStop(false)}>
        <p>{t('send.controls.stopBody', { count: campaign.counts.pending })}</p>
        <div className="actions">
          <button
            className="danger"
            onClick={() => {
              setConfirmStop(false);
              void run('stop', () => api.stopCampaign(id));
            }}
          >
            {t('send.controls.stopConfirm')}
          </button>
          <button className="secondary" data-autofocus onClick={() => setConfirmStop(false)}>
            {t('send.controls.keepGoing')}
          </button>
        </div>
      </Dialog>
    </>
  );
}
