import type { CampaignSummary } from '../../../src/shared/contract/campaign';
import { formatDateTime } from '../send/format';
import { DeleteCampaign } from './DeleteCampaign';

/**
 * A campaign whose files cannot be loaded, opened from History: which file, which line and what is wrong. Nothing
 * is sent from it, and it is shown rather than left out, so no campaign disappears without a word; it can be deleted.
 */
export function DamagedCampaign({ campaign, onDeleted }: { campaign: CampaignSummary; onDeleted: (message: string) => void }) {
  const damage = campaign.damage!;
  return (
    <div className="card campaign-detail" data-testid="damaged-campaign">
      <div className="campaign-title">
        <h2>{campaign.name}</h2>
        {campaign.createdAt > 0 && <span className="muted">started {formatDateTime(campaign.createdAt)}</span>}
      </div>
      <p className="error" role="alert">
        This campaign cannot be loaded, so nothing is sent from it and its results cannot be shown.
      </p>
      <dl className="small">
        <dt>File</dt>
        <dd>
          <code>{damage.file}</code>
        </dd>
        {damage.line !== null && (
          <>
            <dt>Line</dt>
            <dd>{damage.line}</dd>
          </>
        )}
        <dt>What is wrong</dt>
        <dd>{damage.cause}</dd>
      </dl>
      <p className="muted small">
        The file was changed after the app wrote it (a disk error, or an edit by hand). Restore it from a backup to see and resume this campaign; the
        app never guesses what it said.
      </p>
      <DeleteCampaign campaign={campaign} onDeleted={onDeleted} />
    </div>
  );
}
