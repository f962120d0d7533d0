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
  if (total <= limit) return null;
  const last = Math.min(offset + limit, total);
  return (
    <nav className="pager" aria-label={label}>
      <button className="secondary" onClick={() => onOffset(Math.max(0, offset - limit))} disabled={offset === 0}>
        ← Previous
      </button>
      <span className="muted">
        {formatCount(offset + 1)}–{formatCount(last)} of {formatCount(total)}
      </span>
      <button className="secondary" onClick={() => onOffset(offset + limit)} disabled={last >= total}>
        Next →
      </button>
    </nav>
  );
}
