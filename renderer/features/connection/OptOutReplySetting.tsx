import { useEffect, useState } from 'react';
import type { ReplySettingsView } from '../../../src/shared/contract/replies';
import { api } from '../../api';
import { ErrorNote } from '../../components/ErrorNote';

/** One keyword a line, as the operator edits them. */
const linesOf = (text: string): string[] =>
  text
    .split('\n')
    .map((k) => k.trim())
    .filter(Boolean);

/**
 * Opt-out by reply: a contact who answers one of these words (the whole message; case, spaces, punctuation and
 * accents do not matter) goes on the do-not-message list at once. The list is editable, and a confirmation can be
 * sent once (off by default).
 */
export function OptOutReplySetting() {
  const [view, setView] = useState<ReplySettingsView | null>(null);
  const [keywords, setKeywords] = useState('');
  const [text, setText] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const [note, setNote] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const show = (v: ReplySettingsView) => {
    setView(v);
    setKeywords(v.effective.join('\n'));
    setText(v.confirmationText);
  };
  useEffect(() => {
    void api.getReplySettings().then((r) => (r.ok ? show(r.value) : setProblem(r.error.message)));
  }, []);

  async function save(change: Parameters<typeof api.updateReplySettings>[0], saved = 'Saved.') {
    setBusy(true);
    setProblem(null);
    setNote(null);
    try {
      const r = await api.updateReplySettings(change);
      if (r.ok) {
        show(r.value);
        setNote(saved);
      } else setProblem(r.error.message);
    } finally {
      setBusy(false);
    }
  }

  if (!view) return <ErrorNote message={problem} />;
  const edited = linesOf(keywords).join('\n') !== view.effective.join('\n');
  return (
    <div className="field" data-testid="opt-out-reply-setting">
      <span>Opt-out replies</span>
      <p className="muted small">
        A contact who replies one of these words (the whole message; capitals, spaces, punctuation and accents do not matter) is put on the
        do-not-message list at once, and no campaign messages them again. One word or phrase a line.
      </p>
      <textarea
        aria-label="Opt-out keywords, one a line"
        rows={5}
        value={keywords}
        disabled={busy}
        onChange={(e) => setKeywords(e.target.value)}
        data-testid="opt-out-keywords"
      />
      <div className="actions">
        <button className="secondary" disabled={busy || !edited} onClick={() => void save({ keywords: linesOf(keywords) }, 'Saved the keywords.')}>
          Save keywords
        </button>
        {view.keywords !== null && (
          <button className="secondary" disabled={busy} onClick={() => void save({ keywords: null }, 'Back to the default keywords.')}>
            Use the defaults ({view.defaults.length} words in 7 languages)
          </button>
        )}
      </div>
      <label className="check">
        <input
          type="checkbox"
          checked={view.confirm}
          disabled={busy}
          onChange={(e) => void save({ confirm: e.target.checked, confirmationText: text })}
        />
        Send this confirmation once to a contact who opts out by reply:
      </label>
      <input
        type="text"
        aria-label="Confirmation text"
        value={text}
        maxLength={1000}
        disabled={busy}
        onChange={(e) => setText(e.target.value)}
        onBlur={() => text !== view.confirmationText && void save({ confirmationText: text })}
      />
      <ErrorNote message={problem} />
      {note && <p className="muted small">{note}</p>}
    </div>
  );
}
