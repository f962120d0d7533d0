import { useLayoutEffect, useRef } from 'react';
import { useT } from '../../i18n';

interface Props {
  value: string;
  onChange: (text: string) => void;
  /** Column names of the imported list, offered as chips that insert `{{column}}`. */
  columns: string[];
}

/** The message box with a chip per column: a click inserts the placeholder where the cursor is. */
export function TemplateEditor({ value, onChange, columns }: Props) {
  const t = useT();
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
      <div className="chips" aria-label={t('message.editor.insertLabel')}>
        <span className="muted small">{t('message.editor.insert')}</span>
        {columns.length === 0 && <span className="muted small">{t('message.editor.noColumns')}</span>}
        {columns.map((c) => (
          <button
            key={c}
            type="button"
            className="chip"
            onClick={() => insert(c)}
            title={t('message.editor.insertTitle', { placeholder: `{{${c}}}` })}
            dir="auto"
          >
            {c}
          </button>
        ))}
      </div>
      <textarea
        ref={box}
        className="template-text"
        // The template's own direction (an Arabic message in an English window, or the other way round).
        dir="auto"
        aria-label={t('message.editor.label')}
        data-testid="template"
        value={value}
        rows={8}
        placeholder={t('message.editor.placeholder')}
        onChange={(e) => onChange(e.target.value)}
      />
      <p className="muted small counter">{t('message.editor.characters', { count: value.length })}</p>
    </div>
  );
}
