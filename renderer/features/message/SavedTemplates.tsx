import { useEffect, useState } from 'react';
import type { SavedTemplate } from '../../../src/shared/contract/campaign';
import { api } from '../../api';

interface Props {
  template: string;
  onLoad: (text: string) => void;
}

/** Messages kept by name for next time: save the current one, load or delete a saved one. */
export function SavedTemplates({ template, onLoad }: Props) {
  const [saved, setSaved] = useState<SavedTemplate[] | null>(null);
  const [name, setName] = useState('');
  const [chosen, setChosen] = useState('');
  const [confirmDelete, setConfirmDelete] = useState(false);
  const [note, setNote] = useState<{ text: string; bad: boolean } | null>(null);

  async function refresh() {
    const r = await api.listTemplates();
    if (r.ok) setSaved(r.value);
    else setNote({ text: `Could not list saved messages: ${r.error.message}`, bad: true });
  }
  useEffect(() => {
    void refresh();
  }, []);

  async function save() {
    const r = await api.saveTemplate(name.trim(), template);
    if (!r.ok) return setNote({ text: r.error.message, bad: true });
    setNote({ text: `Saved as "${r.value.name}".`, bad: false });
    setChosen(r.value.name);
    setName('');
    await refresh();
  }

  async function remove() {
    setConfirmDelete(false);
    const r = await api.deleteTemplate(chosen);
    if (!r.ok) return setNote({ text: r.error.message, bad: true });
    setNote({ text: `Deleted "${chosen}".`, bad: false });
    setChosen('');
    await refresh();
  }

  const selected = saved?.find((t) => t.name === chosen) ?? null;
  const exists = saved?.some((t) => t.name === name.trim()) ?? false;
  return (
    <div className="card saved-templates">
      <h2>Saved messages</h2>
      <div className="row">
        <select value={chosen} onChange={(e) => (setChosen(e.target.value), setConfirmDelete(false), setNote(null))} aria-label="Saved message">
          <option value="">{saved?.length ? 'Choose a saved message…' : 'No saved messages yet'}</option>
          {saved?.map((t) => (
            <option key={t.name} value={t.name}>
              {t.name} ({new Date(t.updatedAt).toLocaleDateString()})
            </option>
          ))}
        </select>
        {/* Load and Delete wrap together, under the list, in a narrow column. */}
        <span className="buttons">
          <button
            className="secondary"
            disabled={!selected}
            onClick={() => selected && (onLoad(selected.text), setNote({ text: `Loaded "${selected.name}".`, bad: false }))}
          >
            Load
          </button>
          {confirmDelete ? (
            <button className="danger" onClick={() => void remove()}>
              Really delete "{chosen}"?
            </button>
          ) : (
            <button className="danger" disabled={!selected} onClick={() => setConfirmDelete(true)}>
              Delete
            </button>
          )}
        </span>
      </div>
      <div className="row">
        <input
          type="text"
          value={name}
          maxLength={100}
          placeholder="Name for the current message"
          aria-label="Name to save the message as"
          onChange={(e) => setName(e.target.value)}
          onKeyDown={(e) => e.key === 'Enter' && name.trim() && template.trim() && void save()}
        />
        <button className="secondary" disabled={!name.trim() || !template.trim()} onClick={() => void save()}>
          {exists ? 'Replace saved' : 'Save'}
        </button>
      </div>
      {note && <p className={note.bad ? 'error small' : 'muted small'}>{note.text}</p>}
    </div>
  );
}
