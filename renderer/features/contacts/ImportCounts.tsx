import type { ImportCounts as Counts } from '../../../src/shared/contract/contacts';
import { useT, type MessageKey } from '../../i18n';
import { formatCount } from './format';

const tiles: { key: keyof Counts; label: MessageKey; hint: MessageKey; tone?: string }[] = [
  { key: 'rows', label: 'contacts.counts.rows', hint: 'contacts.counts.rowsHint' },
  { key: 'valid', label: 'contacts.counts.valid', hint: 'contacts.counts.validHint', tone: 'good' },
  { key: 'invalid', label: 'contacts.counts.invalid', hint: 'contacts.counts.invalidHint', tone: 'bad' },
  { key: 'duplicates', label: 'contacts.counts.duplicates', hint: 'contacts.counts.duplicatesHint' },
  { key: 'optedOut', label: 'contacts.counts.optedOut', hint: 'contacts.counts.optedOutHint' },
];

/**
 * The import in five numbers; `kept` repeated rows (counted as messaged) are noted under Duplicates. `provisional`:
 * the counts wait on a choice (the country question), so none is shown as good or bad yet.
 */
export function ImportCounts({ counts, kept = 0, provisional = false }: { counts: Counts; kept?: number; provisional?: boolean }) {
  const t = useT();
  return (
    <dl className="count-tiles" data-testid="import-counts">
      {tiles.map((tile) => (
        <div
          key={tile.key}
          className={`count-tile ${counts[tile.key] > 0 && tile.tone && !provisional ? tile.tone : ''}`}
          title={t(tile.hint)}
          data-testid={`count-${tile.key}`}
        >
          <dt>{t(tile.label)}</dt>
          <dd>{formatCount(counts[tile.key])}</dd>
          {tile.key === 'duplicates' && kept > 0 && <dd className="tile-note">{t('contacts.counts.kept', { count: kept })}</dd>}
        </div>
      ))}
    </dl>
  );
}
