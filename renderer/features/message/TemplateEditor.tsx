import { useLayoutEffect, useRef } from 'react';

interface Props {
  value: string;
  onChange: (text: string) => void;
  /** Column names of the imported list, offered as chips that insert `{{column}}`. */
  columns: string[];
}

/** The message box with a chip per column: a click inserts the placeholder where the cursor is. */
export function TemplateEditor({ value, onChange, columns }: Props) {
  const box = useRef<HTMLTextAreaElement>(null);
  // Where to put the caret after React has written the inserted text (it would otherwise jump to the end).
  const caret = useRef<number | null>(null);

  useLayoutEffect(() => {
    if (caret.current !== null && box.current) {
      box.current.focus();
      box.current.setSelectionRange(caret.current, caret.current);
      caret.current = null;
    }
  }, [value]);

  function insert(column: string) {
    const el = box.current;
    const token = `{{${column}}}`;
    const start = el?.selectionStart ?? value.length;
    const end = el?.selectionEnd ?? value.length;
    caret.current = start + token.length;
    onChange(value.slice(0, start) + token + value.slice(end));
  }

  return (
    <div className="template-editor">
      <div className="chips" aria-label="Insert a column">
        <span className="muted small">Insert:</span>
        {columns.length === 0 && <span className="muted small">import contacts to get a chip per column</span>}
        {columns.map((c) => (
          <button key={c} type="button" className="chip" onClick={() => insert(c)} title={`Insert {{${c}}}`}>
            {c}
          </button>
        ))}
      </div>
      <textarea
        ref={box}
        className="template-text"
        // The template's own direction (an Arabic message in an English window, or the other way round).
        dir="auto"
        aria-label="Message"
        data-testid="template"
        value={value}
        rows={8}
        placeholder="Hi {{name|there}}, your appointment is on {{date}}. {See you soon|Thank you}!"
        onChange={(e) => onChange(e.target.value)}
      />
      <p className="muted small counter">{value.length.toLocaleString()} characters</p>
    </div>
  );
}
