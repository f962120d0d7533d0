import { useState } from 'react';
import type { CampaignSummary } from '../../../src/shared/contract/campaign';
import { api } from '../../api';
import { Dialog } from '../../components/Dialog';
import { ErrorNote } from '../../components/ErrorNote';
import { useT } from '../../i18n';

interface Props {
  campaign: CampaignSummary;
  /** The campaign is gone: History closes it and lists again. */
  onDeleted: (message: string) => void;
}

const sendingNow = (c: CampaignSummary) => c.state === 'running' || c.state === 'waiting';

/** History's Delete: asks first, says what goes, and is not offered while the campaign is sending. */
export function DeleteCampaign({ campaign, onDeleted }: Props) {
  const t = useT();
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
      onDeleted(r.value.deleted ? t('history.delete.deleted', { name: campaign.name }) : r.value.message);
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="campaign-delete">
      <div className="actions">
        <button className="danger" disabled={blocked || busy} onClick={() => setAsking(true)} data-testid="delete-campaign">
          {busy ? t('history.delete.deleting') : t('history.delete.button')}
        </button>
        {blocked && <span className="muted small">{t('history.delete.blocked')}</span>}
      </div>
      <ErrorNote message={problem} />
      <Dialog
        title={t('history.delete.title', { name: campaign.name })}
        open={asking}
        onClose={() => setAsking(false)}
        testId="delete-campaign-dialog"
      >
        <p>
          {campaign.damage
            ? t('history.delete.damaged')
            : t(campaign.attachment ? 'history.delete.bodyAttachment' : 'history.delete.body', { count: campaign.counts.total })}{' '}
          {t('history.delete.elsewhere')}
        </p>
        <p className="warning">{t('history.delete.undone')}</p>
        <div className="actions">
          <button className="danger" onClick={() => void remove()} data-testid="delete-campaign-confirm">
            {t('history.delete.confirm')}
          </button>
          <button className="secondary" data-autofocus onClick={() => setAsking(false)}>
            {t('history.cancel')}
          </button>
        </div>
      </Dialog>
    </div>
  );
}
