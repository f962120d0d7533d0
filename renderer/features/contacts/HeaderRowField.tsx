import { useEffect, useState, type FormEvent } from 'react';

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
    if (!Number.isInteger(wanted) || wanted < 1) return setProblem('Type the number of a row, 1 or more.');
    setProblem(null);
    if (wanted === headerRow || !onPick) return;
    const why = await onPick(wanted);
    if (why === null) return;
    // The list is read as before: the field shows the row still in use, and why the other one was not.
    setText(String(headerRow));
    setProblem(`Row ${wanted} was not used (${why}). Still reading from row ${headerRow}.`);
  }

  return (
    <form className="header-row-field" onSubmit={(e) => void submit(e)} data-testid="header-row">
      <label htmlFor="mapping-header-row">Header row</label>
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
        Read from this row
      </button>
      <span id="mapping-header-row-note" className="muted small">
        {onPick === null
          ? 'To use another header row, import the file again.'
          : headerRow > 1
            ? `Rows above row ${headerRow} (a title or notes) are not contacts.`
            : 'The row that names the columns.'}
      </span>
      {problem && (
        <span className="error small" role="alert">
          {problem}
        </span>
      )}
    </form>
  );
}
