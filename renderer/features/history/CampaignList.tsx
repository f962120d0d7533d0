import type { CampaignSummary } from '../../../src/shared/contract/campaign';
import { plural } from '../../components/plural';
import { formatDateTime, stateLabel } from '../send/format';

/** The counts in one cell, for a window too narrow for a column each: "5 sent · 4 delivered · 1 failed". */
function Results({ counts }: { counts: CampaignSummary['counts'] }) {
  const parts: Array<[number, string, string?]> = [
    [counts.sent, 'sent'],
    [counts.delivered, 'delivered'],
    [counts.read, 'read'],
    [counts.failed, 'failed', 'error'],
    [counts.skipped, 'skipped'],
    [counts.rejected, 'rejected by WhatsApp', 'error'],
  ];
  return (
    <>
      {plural(counts.total, 'contact')}:{' '}
      {parts
        .filter(([n], i) => n > 0 || i === 0)
        .map(([n, label, tone], i) => (
          <span key={label} className={tone && n > 0 ? tone : undefined}>
            {i > 0 && ' · '}
            {n.toLocaleString()} {label}
          </span>
        ))}
    </>
  );
}

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
          <th className="wide-only">Started</th>
          <th>State</th>
          <th className="num wide-only">Contacts</th>
          <th className="num wide-only">Sent</th>
          <th className="num wide-only">Delivered</th>
          <th className="num wide-only">Read</th>
          <th className="num wide-only">Failed</th>
          <th className="num wide-only">Skipped</th>
          <th className="num wide-only" title="First messages WhatsApp refused">
            Rejected
          </th>
          <th className="narrow-only">Results</th>
          <th>
            <span className="visually-hidden">Open</span>
          </th>
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
              <div className="muted small narrow-only">{formatDateTime(c.createdAt)}</div>
            </td>
            <td className="wide-only">{formatDateTime(c.createdAt)}</td>
            <td>
              {c.damage ? (
                <span className="state-badge stopped" title={c.reason ?? undefined}>
                  Cannot be loaded
                </span>
              ) : (
                <span className={`state-badge ${c.state}`}>{stateLabel[c.state]}</span>
              )}
            </td>
            <td className="num wide-only">{c.counts.total.toLocaleString()}</td>
            <td className="num wide-only">{c.counts.sent.toLocaleString()}</td>
            <td className="num wide-only">{c.counts.delivered.toLocaleString()}</td>
            <td className="num wide-only">{c.counts.read.toLocaleString()}</td>
            <td className={c.counts.failed ? 'num error wide-only' : 'num wide-only'}>{c.counts.failed.toLocaleString()}</td>
            <td className="num wide-only">{c.counts.skipped.toLocaleString()}</td>
            <td className={c.counts.rejected ? 'num error wide-only' : 'num wide-only'}>{c.counts.rejected.toLocaleString()}</td>
            <td className="narrow-only results">
              <Results counts={c.counts} />
            </td>
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
