import { useEffect, useState } from 'react';
import type { OptOutChange } from '../../../src/shared/contract/contacts';
import type { Result } from '../../../src/shared/result';
import { api } from '../../api';
import { Pager } from './Pager';
import { describeReason, formatCount } from './format';
import { usePage } from './usePage';
import { ErrorNote } from '../../components/ErrorNote';
import { useT } from '../../i18n';

const PAGE_SIZE = 10;

interface Props {
  /** Country used to read local numbers typed or imported here. */
  defaultCountry: string | undefined;
}

/** `where` names a problem's position: a line of typed text or a row of a file. */
type Note = { text: string; bad: boolean; problems: OptOutChange['problems']; where: 'line' | 'row' };

/** The do-not-message list: people who asked not to be contacted are skipped in every import and campaign. */
export function OptOutSection({ defaultCountry }: Props) {
  const t = useT();
  const [offset, setOffset] = useState(0);
  const [version, setVersion] = useState(0);
  const { page, problem } = usePage(api.listOptOut, offset, PAGE_SIZE, version, 'contacts.optOut.loadFailed');
  const [typed, setTyped] = useState('');
  const [busy, setBusy] = useState<string | null>(null);
  const [note, setNote] = useState<Note | null>(null);

  useEffect(() => api.onOptOutChanged(() => setVersion((v) => v + 1)), []);

  async function change(
    label: string,
    where: Note['where'],
    /** The sentence when main refuses, from its message. */
    failed: (message: string) => string,
    call: () => Promise<Result<OptOutChange>>,
    done: (c: OptOutChange) => string,
  ) {
    setBusy(label);
    setNote(null);
    try {
      const r = await call();
      if (!r.ok) setNote({ text: failed(r.error.message), bad: true, problems: [], where });
      else setNote({ text: done(r.value), bad: false, problems: r.value.problems, where });
      setVersion((v) => v + 1);
      return r.ok;
    } finally {
      setBusy(null);
    }
  }

  async function addTyped() {
    const numbers = typed
      .split(/[\n,;\t]+/)
      .map((s) => s.trim())
      .filter(Boolean);
    const ok = await change(
      'add',
      'line',
      (message) => t('contacts.optOut.addFailed', { message }),
      () => api.addOptOut(numbers, defaultCountry),
      (c) => t(numbers.length - c.problems.length > c.changed ? 'contacts.optOut.addedOthersThere' : 'contacts.optOut.added', { count: c.changed }),
    );
    if (ok) setTyped('');
  }

  async function importFile() {
    setNote(null);
    setBusy('pick');
    const picked = await api.pickFile('opt-out');
    setBusy(null);
    if (!picked.ok)
      return setNote({ text: t('contacts.import.openFailed', { message: picked.error.message }), bad: true, problems: [], where: 'row' });
    const file = picked.value;
    if (!file) return;
    await change(
      'import',
      'row',
      (message) => t('contacts.optOut.readFailed', { file: file.name, message }),
      () => api.importOptOutFile(file.id, defaultCountry),
      (c) => t('contacts.optOut.addedFromFile', { count: c.changed, file: file.name }),
    );
  }

  const total = page?.total ?? 0;
  return (
    <div className="card" data-testid="opt-out">
      <h2>{t('contacts.optOut.title')}</h2>
      <p className="muted">
        {t('contacts.optOut.intro')} {page && <b data-testid="opt-out-total">{t('contacts.optOut.total', { count: total })}</b>}
      </p>
      <ErrorNote message={problem} />
      <div className="optout-grid">
        <div>
          {page && page.items.length > 0 && (
            <ul className="optout-list">
              {page.items.map((n) => (
                <li key={n} data-testid="opt-out-number">
                  <bdi className="mono" dir="ltr">
                    {n}
                  </bdi>
                  <button
                    className="link-button"
                    disabled={busy !== null}
                    onClick={() =>
                      change(
                        'remove',
                        'line',
                        (message) => t('contacts.optOut.removeFailed', { number: n, message }),
                        () => api.removeOptOut([n]),
                        () => t('contacts.optOut.removed', { number: n }),
                      )
                    }
                    aria-label={t('contacts.optOut.removeLabel', { number: n })}
                  >
                    {t('contacts.optOut.remove')}
                  </button>
                </li>
              ))}
            </ul>
          )}
          {page && page.items.length === 0 && <p className="muted">{t('contacts.optOut.empty')}</p>}
          <Pager offset={offset} limit={PAGE_SIZE} total={total} onOffset={setOffset} label={t('contacts.optOut.pagesLabel')} />
        </div>
        <div>
          <label className="field">
            <span>{t('contacts.optOut.addLabel')}</span>
            <textarea rows={3} value={typed} onChange={(e) => setTyped(e.target.value)} aria-label={t('contacts.optOut.addAria')} />
          </label>
          <div className="actions">
            <button className="secondary" onClick={addTyped} disabled={busy !== null || typed.trim() === ''}>
              {t(busy === 'add' ? 'contacts.optOut.adding' : 'contacts.optOut.add')}
            </button>
            <button className="secondary" onClick={importFile} disabled={busy !== null}>
              {t(busy === 'import' ? 'contacts.optOut.readingFile' : 'contacts.optOut.importFile')}
            </button>
          </div>
        </div>
      </div>
      {busy === 'import' && <progress aria-label={t('contacts.optOut.readingLabel')} />}
      {note && (
        <div role={note.bad ? 'alert' : 'status'} data-testid="opt-out-note">
          <p className={note.bad ? 'error' : 'success'}>{note.text}</p>
          {note.problems.length > 0 && (
            <>
              <p className="warning">{t('contacts.optOut.notAdded', { count: note.problems.length })}</p>
              <ul className="small">
                {note.problems.slice(0, 20).map((p) => (
                  <li key={p.row}>
                    {t('contacts.optOut.problem', { unit: note.where, row: p.row, value: p.value, reason: describeReason(p.reason, t) })}
                  </li>
                ))}
                {note.problems.length > 20 && <li>{t('contacts.optOut.more', { count: formatCount(note.problems.length - 20) })}</li>}
              </ul>
            </>
          )}
        </div>
      )}
    </div>
  );
}
