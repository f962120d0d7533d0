import { useState } from 'react';

interface Props {
  onImport: (text: string) => void;
  disabled: boolean;
}

/** A box for numbers copied from anywhere: one a line (commas, semicolons and tabs also separate). */
export function PasteNumbers({ onImport, disabled }: Props) {
  const [text, setText] = useState('');
  const lines = text.split(/[\n,;\t]+/).filter((l) => l.trim() !== '').length;
  return (
    <div className="paste-numbers">
      <label className="field">
        <span>Paste phone numbers, one on each line</span>
        <textarea
          rows={5}
          value={text}
          onChange={(e) => setText(e.target.value)}
          placeholder={'+971 50 123 4567\n050 765 4321'}
          aria-label="Pasted phone numbers"
        />
      </label>
      <div className="actions">
        <button onClick={() => onImport(text)} disabled={disabled || lines === 0}>
          {lines > 0 ? `Use these ${lines === 1 ? 'number' : `${lines} numbers`}` : 'Use these numbers'}
        </button>
      </div>
    </div>
  );
}
