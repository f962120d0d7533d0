import { useEffect, useState } from 'react';
import type { ReplySettingsView } from '../../../src/shared/contract/replies';
import { api } from '../../api';
import { ErrorNote } from '../../components/ErrorNote';
import { useT } from '../../i18n';

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
  const t = useT();
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

  async function save(change: Parameters<typeof api.updateReplySettings>[0], saved = t('connection.optOut.saved')) {
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
      <span>{t('connection.optOut.title')}</span>
      <p className="muted small">{t('connection.optOut.help')}</p>
      <textarea
        aria-label={t('connection.optOut.keywordsLabel')}
        dir="auto"
        rows={5}
        value={keywords}
        disabled={busy}
        onChange={(e) => setKeywords(e.target.value)}
        data-testid="opt-out-keywords"
      />
      <div className="actions">
        <button
          className="secondary"
          disabled={busy || !edited}
          onClick={() => void save({ keywords: linesOf(keywords) }, t('connection.optOut.savedKeywords'))}
        >
          {t('connection.optOut.saveKeywords')}
        </button>
        {view.keywords !== null && (
          <button className="secondary" disabled={busy} onClick={() => void save({ keywords: null }, t('connection.optOut.backToDefaults'))}>
            {t('connection.optOut.useDefaults', { count: view.defaults.length })}
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
        {t('connection.optOut.confirm')}
      </label>
      <input
        type="text"
        aria-label={t('connection.optOut.confirmLabel')}
        dir="auto"
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
