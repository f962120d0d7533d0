import { useEffect, useState, type FormEvent } from 'react';
import { useT } from '../../i18n';

interface Props {
  /** The row (as the sheet numbers it) that names the columns now. */
  headerRow: number;
  disabled: boolean;
  /**
   * Reads the file again with this header row, resolving to why it could not (null when it did); null when the file
   * is no longer at hand to read again.
   */
  onPick: ((row: number) => Promise<string | null>) | null;
}

/**
 * "Header row: [4] [Read from this row]": the row that names the columns, found by main (below a title or notes) and
 * changed here by the operator. The file is read again from that row; rows above it are not contacts.
 */
export function HeaderRowField({ headerRow, disabled, onPick }: Props) {
  const t = useT();
  const [text, setText] = useState(String(headerRow));
  const [problem, setProblem] = useState<string | null>(null);
  useEffect(() => {
    setText(String(headerRow));
    setProblem(null);
  }, [headerRow]);

  const wanted = Number(text);
  const changed = text.trim() !== '' && wanted !== headerRow;

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (!Number.isInteger(wanted) || wanted < 1) return setProblem(t('contacts.headerRow.typeRow'));
    setProblem(null);
    if (wanted === headerRow || !onPick) return;
    const why = await onPick(wanted);
    if (why === null) return;
    // The list is read as before: the field shows the row still in use, and why the other one was not.
    setText(String(headerRow));
    setProblem(t('contacts.headerRow.notUsed', { wanted, why, row: headerRow }));
  }

  return (
    <form className="header-row-field" onSubmit={(e) => void submit(e)} data-testid="header-row">
      <label htmlFor="mapping-header-row">{t('contacts.headerRow.label')}</label>
      <input
        id="mapping-header-row"
        type="number"
        min={1}
        step={1}
        inputMode="numeric"
        value={text}
        disabled={disabled || onPick === null}
        aria-describedby="mapping-header-row-note"
        onChange={(e) => setText(e.target.value)}
      />
      <button type="submit" disabled={disabled || onPick === null || !changed}>
        {t('contacts.headerRow.read')}
      </button>
      <span id="mapping-header-row-note" className="muted small">
        {onPick === null
          ? t('contacts.headerRow.reimport')
          : headerRow > 1
            ? t('contacts.headerRow.above', { row: headerRow })
            : t('contacts.headerRow.names')}
      </span>
      {problem && (
        <span className="error small" role="alert">
          {problem}
        </span>
      )}
    </form>
  );
}
