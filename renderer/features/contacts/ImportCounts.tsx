import type { ImportCounts as Counts } from '../../../src/shared/contract/contacts';
import { formatCount } from './format';

const tiles: { key: keyof Counts; label: string; hint: string; tone?: string }[] = [
  { key: 'rows', label: 'Rows read', hint: 'Data rows in the file (the header row is not counted).' },
  { key: 'valid', label: 'Will be messaged', hint: 'Valid, first of their number (or a repeat you kept), not opted out.', tone: 'good' },
  { key: 'invalid', label: 'Problems', hint: 'Rows whose number cannot be used: listed below.', tone: 'bad' },
  {
    key: 'duplicates',
    label: 'Duplicates',
    hint: 'Rows repeating a number from an earlier row and left out: listed below, where you can keep them.',
  },
  { key: 'optedOut', label: 'Opted out', hint: 'Numbers on the do-not-message list: they are skipped.' },
];

/**
 * The import in five numbers; `kept` repeated rows (counted as messaged) are noted under Duplicates. `provisional`:
 * the counts wait on a choice (the country question), so none is shown as good or bad yet.
 */
export function ImportCounts({ counts, kept = 0, provisional = false }: { counts: Counts; kept?: number; provisional?: boolean }) {
  return (
    <dl className="count-tiles" data-testid="import-counts">
      {tiles.map((t) => (
        <div
          key={t.key}
          className={`count-tile ${counts[t.key] > 0 && t.tone && !provisional ? t.tone : ''}`}
          title={t.hint}
          data-testid={`count-${t.key}`}
        >
          <dt>{t.label}</dt>
          <dd>{formatCount(counts[t.key])}</dd>
          {t.key === 'duplicates' && kept > 0 && <dd className="tile-note">{formatCount(kept)} kept</dd>}
        </div>
      ))}
    </dl>
  );
}
