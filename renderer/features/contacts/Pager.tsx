import { useT } from '../../i18n';
import { formatCount } from './format';

interface Props {
  offset: number;
  limit: number;
  total: number;
  onOffset: (offset: number) => void;
  label: string;
}

/** "Rows 1–25 of 310" with previous / next. */
export function Pager({ offset, limit, total, onOffset, label }: Props) {
  const t = useT();
  if (total <= limit) return null;
  const last = Math.min(offset + limit, total);
  return (
    <nav className="pager" aria-label={label}>
      <button className="secondary" onClick={() => onOffset(Math.max(0, offset - limit))} disabled={offset === 0}>
        {t('contacts.pager.previous')}
      </button>
      <span className="muted">{t('contacts.pager.range', { from: formatCount(offset + 1), to: formatCount(last), total: formatCount(total) })}</span>
      <button className="secondary" onClick={() => onOffset(offset + limit)} disabled={last >= total}>
        {t('contacts.pager.next')}
      </button>
    </nav>
  );
}
