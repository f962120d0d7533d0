import type { CampaignSummary } from '../../../src/shared/contract/campaign';
import type { ScreenProps } from '../../screen-props';
import { FormattedText } from '../message/FormattedText';
import { CampaignControls } from '../send/CampaignControls';
import { CampaignProgress } from '../send/CampaignProgress';
import { ContactTable } from '../send/ContactTable';
import { useT } from '../../i18n';
import { formatBytes, formatHour } from '../../i18n/format';
import { formatDateTime } from '../send/format';
import { DeleteCampaign } from './DeleteCampaign';
import { ExportButtons } from './ExportButtons';
import { ResendFailed } from './ResendFailed';
import '../message/message.css';

interface Props {
  campaign: CampaignSummary;
  onChange: (campaign: CampaignSummary) => void;
  /** Deleted from History: the message to show. */
  onDeleted: (message: string) => void;
  go: ScreenProps['go'];
}

/** One campaign opened from History: how it went, what was sent, every contact, resume, export and delete. */
export function CampaignDetail({ campaign, onChange, onDeleted, go }: Props) {
  const t = useT();
  const { pacing } = campaign;
  return (
    <div className="card campaign-detail" data-testid="campaign-detail">
      <div className="campaign-title">
        <h2 dir="auto">{campaign.name}</h2>
        <span className="muted">{t('history.detail.started', { date: formatDateTime(campaign.createdAt) })}</span>
      </div>
      <CampaignProgress campaign={campaign} />
      <CampaignControls
        campaign={campaign}
        onChange={(c) => {
          onChange(c);
          // A resumed campaign is watched on the Send screen, with its live log.
          if (c.state === 'running' || c.state === 'waiting') go('send');
        }}
      />
      <ResendFailed campaign={campaign} onStarted={() => go('send')} />
      <ExportButtons campaign={campaign} />
      <DeleteCampaign campaign={campaign} onDeleted={onDeleted} />
      <details className="sent-message">
        <summary>{t('history.detail.messageAndPace')}</summary>
        <div className="bubble" dir="auto">
          <FormattedText text={campaign.template} />
        </div>
        {campaign.attachment && (
          <p className="small">{t('history.detail.attachment', { name: campaign.attachment.name, size: formatBytes(campaign.attachment.size) })}</p>
        )}
        <p className="muted small">
          {t(pacing.window ? 'history.detail.paceWindow' : 'history.detail.pace', {
            min: pacing.minDelaySec,
            max: pacing.maxDelaySec,
            batchMin: pacing.batchSizeMin,
            batchMax: pacing.batchSizeMax,
            cap: pacing.dailyCap,
            from: pacing.window ? formatHour(pacing.window.startHour) : '',
            to: pacing.window ? formatHour(pacing.window.endHour) : '',
          })}
        </p>
      </details>
      <h3>{t('screens.contacts')}</h3>
      <ContactTable campaignId={campaign.id} />
    </div>
  );
}
