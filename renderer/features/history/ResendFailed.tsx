import { useState } from 'react';
import type { CampaignSummary } from '../../../src/shared/contract/campaign';
import { api } from '../../api';
import { Dialog } from '../../components/Dialog';
import { ErrorNote } from '../../components/ErrorNote';
import { plural } from '../../components/plural';

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
      else setProblem(`Could not resend: ${r.error.message}`);
    } finally {
      setBusy(false);
    }
  }

  return (
    <>
      <div className="actions">
        <button className="secondary" onClick={() => setAsking(true)} disabled={busy} data-testid="resend-failed">
          {busy ? 'Starting the resend…' : `Resend to failed (${failed.toLocaleString()})`}
        </button>
      </div>
      <ErrorNote message={problem} />
      <Dialog title={`Send again to the ${plural(failed, 'contact')} whose message failed?`} open={asking} onClose={() => setAsking(false)}>
        <p>
          A new campaign, “Resend to failed: {campaign.name}”, sends the same message at the same pace to those contacts only. Nobody this campaign
          already sent to gets it again, and contacts skipped or opted out are left out. It starts at once; you can pause or stop it on the Send
          screen.
        </p>
        <div className="actions">
          <button onClick={() => void resend()}>Resend to {plural(failed, 'contact')}</button>
          <button className="secondary" onClick={() => setAsking(false)}>
            Cancel
          </button>
        </div>
      </Dialog>
    </>
  );
}
