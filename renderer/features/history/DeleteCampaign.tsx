import { useState } from 'react';
import type { CampaignSummary } from '../../../src/shared/contract/campaign';
import { api } from '../../api';
import { Dialog } from '../../components/Dialog';
import { ErrorNote } from '../../components/ErrorNote';
import { plural } from '../../components/plural';

interface Props {
  campaign: CampaignSummary;
  /** The campaign is gone: History closes it and lists again. */
  onDeleted: (message: string) => void;
}

const sendingNow = (c: CampaignSummary) => c.state === 'running' || c.state === 'waiting';

/** History's Delete: asks first, says what goes, and is not offered while the campaign is sending. */
export function DeleteCampaign({ campaign, onDeleted }: Props) {
  const [asking, setAsking] = useState(false);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const blocked = sendingNow(campaign);

  async function remove() {
    setAsking(false);
    setBusy(true);
    setProblem(null);
    try {
      const r = await api.deleteCampaign(campaign.id);
      if (!r.ok) return setProblem(r.error.message);
      onDeleted(r.value.deleted ? `Deleted campaign “${campaign.name}”.` : r.value.message);
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="campaign-delete">
      <div className="actions">
        <button className="danger" disabled={blocked || busy} onClick={() => setAsking(true)} data-testid="delete-campaign">
          {busy ? 'Deleting…' : 'Delete campaign…'}
        </button>
        {blocked && <span className="muted small">Stop the campaign before deleting it.</span>}
      </div>
      <ErrorNote message={problem} />
      <Dialog title={`Delete campaign “${campaign.name}”?`} open={asking} onClose={() => setAsking(false)} testId="delete-campaign-dialog">
        <p>
          {campaign.damage
            ? 'This deletes its folder from this computer, with every file in it, the damaged one too.'
            : `This deletes it from this computer: its ${plural(campaign.counts.total, 'contact')}, what was sent to each and when${campaign.attachment ? ', and its copy of the attachment' : ''}.`}{' '}
          Files you exported and saved elsewhere are not touched.
        </p>
        <p className="warning">This cannot be undone.</p>
        <div className="actions">
          <button className="danger" onClick={() => void remove()} data-testid="delete-campaign-confirm">
            Delete campaign
          </button>
          <button className="secondary" data-autofocus onClick={() => setAsking(false)}>
            Cancel
          </button>
        </div>
      </Dialog>
    </div>
  );
}
