import { useState } from 'react';
import { useT } from '../../i18n';

interface Props {
  onImport: (text: string) => void;
  disabled: boolean;
}

/** A box for numbers copied from anywhere: one a line (commas, semicolons and tabs also separate). */
export function PasteNumbers({ onImport, disabled }: Props) {
  const t = useT();
  const [text, setText] = useState('');
  const lines = text.split(/[\n,;\t]+/).filter((l) => l.trim() !== '').length;
  return (
    <div className="paste-numbers">
      <label className="field">
        <span>{t('contacts.paste.label')}</span>
        <textarea
          rows={5}
          value={text}
          onChange={(e) => setText(e.target.value)}
          placeholder={'+971 50 123 4567\n050 765 4321'}
          aria-label={t('contacts.paste.aria')}
          dir="ltr"
        />
      </label>
      <div className="actions">
        <button onClick={() => onImport(text)} disabled={disabled || lines === 0}>
          {t('contacts.paste.use', { count: lines })}
        </button>
      </div>
    </div>
  );
}
