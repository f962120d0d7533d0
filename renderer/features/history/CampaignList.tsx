import type { CampaignSummary } from '../../../src/shared/contract/campaign';
import { useT, type MessageKey } from '../../i18n';
import { formatCount } from '../../i18n/format';
import { countLabelKey, formatDateTime, stateLabelKey } from '../send/format';

/** The counts in one cell, for a window too narrow for a column each: "5 sent · 4 delivered · 1 failed". */
function Results({ counts }: { counts: CampaignSummary['counts'] }) {
  const t = useT();
  const parts: Array<[number, MessageKey, string?]> = [
    [counts.sent, 'history.list.n.sent'],
    [counts.delivered, 'history.list.n.delivered'],
    [counts.read, 'history.list.n.read'],
    [counts.failed, 'history.list.n.failed', 'error'],
    [counts.skipped, 'history.list.n.skipped'],
    [counts.rejected, 'history.list.n.rejected', 'error'],
  ];
  return (
    <>
      {t('history.list.total', { count: counts.total })}{' '}
      {parts
        .filter(([n], i) => n > 0 || i === 0)
        .map(([n, label, tone], i) => (
          <span key={label} className={tone && n > 0 ? tone : undefined}>
            {i > 0 && ' · '}
            {t(label, { count: n })}
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
  const t = useT();
  return (
    <table className="campaign-list" data-testid="campaign-list">
      <thead>
        <tr>
          <th>{t('history.list.colCampaign')}</th>
          <th className="wide-only">{t('history.list.colStarted')}</th>
          <th>{t('history.list.colState')}</th>
          <th className="num wide-only">{t('history.list.colContacts')}</th>
          <th className="num wide-only">{t(countLabelKey.sent)}</th>
          <th className="num wide-only">{t(countLabelKey.delivered)}</th>
          <th className="num wide-only">{t(countLabelKey.read)}</th>
          <th className="num wide-only">{t(countLabelKey.failed)}</th>
          <th className="num wide-only">{t(countLabelKey.skipped)}</th>
          <th className="num wide-only" title={t('history.list.colRejectedHint')}>
            {t('history.list.colRejected')}
          </th>
          <th className="narrow-only">{t('history.list.colResults')}</th>
          <th>
            <span className="visually-hidden">{t('history.list.open')}</span>
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
              <b dir="auto">{c.name}</b>
              {c.damage && (
                // The file's name here (its full path is in the title and in the opened campaign), so the row stays narrow.
                <div className="error small" data-testid="campaign-damage" title={c.damage.file}>
                  {c.damage.line !== null
                    ? t('history.list.damage', { file: c.damage.file.split(/[\\/]/).pop(), line: c.damage.line, cause: c.damage.cause })
                    : t('history.list.damageNoLine', { file: c.damage.file.split(/[\\/]/).pop(), cause: c.damage.cause })}
                </div>
              )}
              <div className="muted small narrow-only">{formatDateTime(c.createdAt)}</div>
            </td>
            <td className="wide-only">{formatDateTime(c.createdAt)}</td>
            <td>
              {c.damage ? (
                <span className="state-badge stopped" title={c.reason ?? undefined}>
                  {t('history.list.cannotLoad')}
                </span>
              ) : (
                <span className={`state-badge ${c.state}`}>{t(stateLabelKey[c.state])}</span>
              )}
            </td>
            <td className="num wide-only">{formatCount(c.counts.total)}</td>
            <td className="num wide-only">{formatCount(c.counts.sent)}</td>
            <td className="num wide-only">{formatCount(c.counts.delivered)}</td>
            <td className="num wide-only">{formatCount(c.counts.read)}</td>
            <td className={c.counts.failed ? 'num error wide-only' : 'num wide-only'}>{formatCount(c.counts.failed)}</td>
            <td className="num wide-only">{formatCount(c.counts.skipped)}</td>
            <td className={c.counts.rejected ? 'num error wide-only' : 'num wide-only'}>{formatCount(c.counts.rejected)}</td>
            <td className="narrow-only results">
              <Results counts={c.counts} />
            </td>
            <td>
              <button className="secondary" onClick={() => onOpen(c.id)} aria-label={t('history.list.openLabel', { name: c.name })}>
                {c.id === selected ? t('history.list.shown') : t('history.list.open')}
              </button>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
