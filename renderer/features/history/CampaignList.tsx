import type { CampaignSummary } from '../../../src/shared/contract/campaign';
import { formatDateTime, stateLabel } from '../send/format';

interface Props {
  campaigns: CampaignSummary[];
  selected: string | null;
  onOpen: (id: string) => void;
}

/** Past and present campaigns in one table: when, what state, how it went. */
export function CampaignList({ campaigns, selected, onOpen }: Props) {
  return (
    <table className="campaign-list" data-testid="campaign-list">
      <thead>
        <tr>
          <th>Campaign</th>
          <th>Started</th>
          <th>State</th>
          <th className="num">Contacts</th>
          <th className="num">Sent</th>
          <th className="num">Delivered</th>
          <th className="num">Read</th>
          <th className="num">Failed</th>
          <th className="num">Skipped</th>
          <th />
        </tr>
      </thead>
      <tbody>
        {campaigns.map((c) => (
          <tr
            key={c.id}
            className={c.id === selected ? 'selected' : undefined}
            data-testid="campaign-item"
            data-state={c.damage ? 'damaged' : c.state}
          >
            <td>
              <b>{c.name}</b>
              {c.damage && (
                // The file's name here (its full path is in the title and in the opened campaign), so the row stays narrow.
                <div className="error small" data-testid="campaign-damage" title={c.damage.file}>
                  {c.damage.file.split(/[\\/]/).pop()}
                  {c.damage.line !== null ? `, line ${c.damage.line}` : ''}: {c.damage.cause}
                </div>
              )}
            </td>
            <td>{formatDateTime(c.createdAt)}</td>
            <td>
              {c.damage ? (
                <span className="state-badge stopped" title={c.reason ?? undefined}>
                  Cannot be loaded
                </span>
              ) : (
                <span className={`state-badge ${c.state}`}>{stateLabel[c.state]}</span>
              )}
            </td>
            <td className="num">{c.counts.total.toLocaleString()}</td>
            <td className="num">{c.counts.sent.toLocaleString()}</td>
            <td className="num">{c.counts.delivered.toLocaleString()}</td>
            <td className="num">{c.counts.read.toLocaleString()}</td>
            <td className={c.counts.failed ? 'num error' : 'num'}>{c.counts.failed.toLocaleString()}</td>
            <td className="num">{c.counts.skipped.toLocaleString()}</td>
            <td>
              <button className="secondary" onClick={() => onOpen(c.id)} aria-label={`Open ${c.name}`}>
                {c.id === selected ? 'Shown below' : 'Open'}
              </button>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
