import type { CampaignSummary } from '../../../src/shared/contract/campaign';
import type { ScreenProps } from '../../screen-props';
import { FormattedText } from '../message/FormattedText';
import { formatSize } from '../message/formatSize';
import { CampaignControls } from '../send/CampaignControls';
import { CampaignProgress } from '../send/CampaignProgress';
import { ContactTable } from '../send/ContactTable';
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
  const { pacing } = campaign;
  return (
    <div className="card campaign-detail" data-testid="campaign-detail">
      <div className="campaign-title">
        <h2>{campaign.name}</h2>
        <span className="muted">started {formatDateTime(campaign.createdAt)}</span>
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
        <summary>Message and pace</summary>
        <div className="bubble">
          <FormattedText text={campaign.template} />
        </div>
        {campaign.attachment && (
          <p className="small">
            Attachment: {campaign.attachment.name} ({formatSize(campaign.attachment.size)})
          </p>
        )}
        <p className="muted small">
          {pacing.minDelaySec}-{pacing.maxDelaySec} s between messages, a break every {pacing.batchSizeMin}-{pacing.batchSizeMax}, at most{' '}
          {pacing.dailyCap} a day
          {pacing.window ? `, between ${pacing.window.startHour}:00 and ${pacing.window.endHour}:00` : ', any hour'}.
        </p>
      </details>
      <h3>Contacts</h3>
      <ContactTable campaignId={campaign.id} />
    </div>
  );
}
