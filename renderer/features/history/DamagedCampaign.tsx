import type { CampaignSummary } from '../../../src/shared/contract/campaign';
import { useT } from '../../i18n';
import { formatDateTime } from '../send/format';
import { DeleteCampaign } from './DeleteCampaign';

/**
 * A campaign whose files cannot be loaded, opened from History: which file, which line and what is wrong. Nothing
 * is sent from it, and it is shown rather than left out, so no campaign disappears without a word; it can be deleted.
 */
export function DamagedCampaign({ campaign, onDeleted }: { campaign: CampaignSummary; onDeleted: (message: string) => void }) {
  const t = useT();
  const damage = campaign.damage!;
  return (
    <div className="card campaign-detail" data-testid="damaged-campaign">
      <div className="campaign-title">
        <h2 dir="auto">{campaign.name}</h2>
        {campaign.createdAt > 0 && <span className="muted">{t('history.detail.started', { date: formatDateTime(campaign.createdAt) })}</span>}
      </div>
      <p className="error" role="alert">
        {t('history.damaged.cannotLoad')}
      </p>
      <dl className="small">
        <dt>{t('history.damaged.file')}</dt>
        <dd>
          <code dir="ltr">{damage.file}</code>
        </dd>
        {damage.line !== null && (
          <>
            <dt>{t('history.damaged.line')}</dt>
            <dd>{damage.line}</dd>
          </>
        )}
        <dt>{t('history.damaged.whatsWrong')}</dt>
        <dd>{damage.cause}</dd>
      </dl>
      <p className="muted small">{t('history.damaged.explain')}</p>
      <DeleteCampaign campaign={campaign} onDeleted={onDeleted} />
    </div>
  );
}
