import { useState } from 'react';
import type { CampaignSummary } from '../../../src/shared/contract/campaign';
import { api } from '../../api';
import { Dialog } from '../../components/Dialog';
import { ErrorNote } from '../../components/ErrorNote';
import { useT } from '../../i18n';

interface Props {
  campaign: CampaignSummary;
  /** The new campaign has started: watch it on the Send screen. */
  onStarted: (campaign: CampaignSummary) => void;
}

/**
 * "Resend to failed" for a finished or stopped campaign: a new campaign, same message and pace, only to the contacts
 * whose message failed. Main leaves out anyone this campaign sent to (checked again when the new one starts).
 */
export function ResendFailed({ campaign, onStarted }: Props) {
  const t = useT();
  const [asking, setAsking] = useState(false);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const failed = campaign.counts.failed;
  const over = campaign.state === 'finished' || (campaign.state === 'stopped' && !campaign.resumable);
  if (!over || failed === 0 || campaign.damage) return null;

  async function resend() {
    setAsking(false);
    setBusy(true);
    setProblem(null);
    try {
      const r = await api.resendFailed(campaign.id);
      if (r.ok) onStarted(r.value);
      else setProblem(t('history.resend.failed', { error: r.error.message }));
    } finally {
      setBusy(false);
    }
  }

  return (
    <>
      <div className="actions">
        <button className="secondary" onClick={() => setAsking(true)} disabled={busy} data-testid="resend-failed">
          {busy ? t('history.resend.starting') : t('history.resend.button', { count: failed })}
        </button>
      </div>
      <ErrorNote message={problem} />
      <Dialog title={t('history.resend.title', { count: failed })} open={asking} onClose={() => setAsking(false)}>
        <p>{t('history.resend.body', { name: campaign.name })}</p>
        <div className="actions">
          <button onClick={() => void resend()}>{t('history.resend.confirm', { count: failed })}</button>
          <button className="secondary" onClick={() => setAsking(false)}>
            {t('history.cancel')}
          </button>
        </div>
      </Dialog>
    </>
  );
}
