import { useEffect, useState } from 'react';
import type { OptOutChange } from '../../../src/shared/contract/contacts';
import type { Result } from '../../../src/shared/result';
import { api } from '../../api';
import { Pager } from './Pager';
import { formatCount, plural } from './format';
import { usePage } from './usePage';
import { ErrorNote } from '../../components/ErrorNote';

const PAGE_SIZE = 10;

interface Props {
  /** Country used to read local numbers typed or imported here. */
  defaultCountry: string | undefined;
}

/** `where` names a problem's position: a line of typed text or a row of a file. */
type Note = { text: string; bad: boolean; problems: OptOutChange['problems']; where: 'Line' | 'Row' };

/** The do-not-message list: people who asked not to be contacted are skipped in every import and campaign. */
export function OptOutSection({ defaultCountry }: Props) {
  const [offset, setOffset] = useState(0);
  const [version, setVersion] = useState(0);
  const { page, problem } = usePage(api.listOptOut, offset, PAGE_SIZE, version, 'opt-out list');
  const [typed, setTyped] = useState('');
  const [busy, setBusy] = useState<string | null>(null);
  const [note, setNote] = useState<Note | null>(null);

  useEffect(() => api.onOptOutChanged(() => setVersion((v) => v + 1)), []);

  async function change(
    label: string,
    where: Note['where'],
    what: string,
    call: () => Promise<Result<OptOutChange>>,
    done: (c: OptOutChange) => string,
  ) {
    setBusy(label);
    setNote(null);
    try {
      const r = await call();
      if (!r.ok) setNote({ text: `Could not ${what}: ${r.error.message}`, bad: true, problems: [], where });
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
      'Line',
      'add the numbers',
      () => api.addOptOut(numbers, defaultCountry),
      (c) =>
        `Added ${plural(c.changed, 'number', 'numbers')}${numbers.length - c.problems.length > c.changed ? ' (the others were on the list already)' : ''}.`,
    );
    if (ok) setTyped('');
  }

  async function importFile() {
    setNote(null);
    setBusy('pick');
    const picked = await api.pickFile('opt-out');
    setBusy(null);
    if (!picked.ok) return setNote({ text: `Could not open the file: ${picked.error.message}`, bad: true, problems: [], where: 'Row' });
    const file = picked.value;
    if (!file) return;
    await change(
      'import',
      'Row',
      `read ${file.name}`,
      () => api.importOptOutFile(file.id, defaultCountry),
      (c) => `Added ${plural(c.changed, 'number', 'numbers')} from ${file.name}.`,
    );
  }

  const total = page?.total ?? 0;
  return (
    <div className="card" data-testid="opt-out">
      <h2>Do-not-message list</h2>
      <p className="muted">
        People who asked not to get messages. They are skipped in every list you import, now and later.{' '}
        {page && <b data-testid="opt-out-total">{plural(total, 'number', 'numbers')} on the list.</b>}
      </p>
      <ErrorNote message={problem} />
      <div className="optout-grid">
        <div>
          {page && page.items.length > 0 && (
            <ul className="optout-list">
              {page.items.map((n) => (
                <li key={n} data-testid="opt-out-number">
                  <span className="mono">{n}</span>
                  <button
                    className="link-button"
                    disabled={busy !== null}
                    onClick={() =>
                      change(
                        'remove',
                        'Line',
                        `remove ${n}`,
                        () => api.removeOptOut([n]),
                        () => `Removed ${n}: they can be messaged again.`,
                      )
                    }
                    aria-label={`Remove ${n} from the do-not-message list`}
                  >
                    Remove
                  </button>
                </li>
              ))}
            </ul>
          )}
          {page && page.items.length === 0 && <p className="muted">The list is empty.</p>}
          <Pager offset={offset} limit={PAGE_SIZE} total={total} onOffset={setOffset} label="Do-not-message list pages" />
        </div>
        <div>
          <label className="field">
            <span>Add numbers by hand (one on each line)</span>
            <textarea rows={3} value={typed} onChange={(e) => setTyped(e.target.value)} aria-label="Numbers to add to the do-not-message list" />
          </label>
          <div className="actions">
            <button className="secondary" onClick={addTyped} disabled={busy !== null || typed.trim() === ''}>
              {busy === 'add' ? 'Adding…' : 'Add to the list'}
            </button>
            <button className="secondary" onClick={importFile} disabled={busy !== null}>
              {busy === 'import' ? 'Reading the file…' : 'Import a file of numbers…'}
            </button>
          </div>
        </div>
      </div>
      {busy === 'import' && <progress aria-label="Reading the opt-out file" />}
      {note && (
        <div role={note.bad ? 'alert' : 'status'} data-testid="opt-out-note">
          <p className={note.bad ? 'error' : 'success'}>{note.text}</p>
          {note.problems.length > 0 && (
            <>
              <p className="warning">
                {plural(note.problems.length, 'entry was', 'entries were')} not added because {note.problems.length === 1 ? 'it is' : 'they are'} not
                a phone number:
              </p>
              <ul className="small">
                {note.problems.slice(0, 20).map((p) => (
                  <li key={p.row}>
                    {note.where} {p.row}: “{p.value}” ({p.reason})
                  </li>
                ))}
                {note.problems.length > 20 && <li>…and {formatCount(note.problems.length - 20)} more</li>}
              </ul>
            </>
          )}
        </div>
      )}
    </div>
  );
}
