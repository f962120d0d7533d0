import { useEffect, useState } from 'react';
import type { SavedTemplate } from '../../../src/shared/contract/campaign';
import { api } from '../../api';
import { useT } from '../../i18n';
import { formatDate } from '../../i18n/format';

interface Props {
  template: string;
  onLoad: (text: string) => void;
}

/** Messages kept by name for next time: save the current one, load or delete a saved one. */
export function SavedTemplates({ template, onLoad }: Props) {
  const t = useT();
  const [saved, setSaved] = useState<SavedTemplate[] | null>(null);
  const [name, setName] = useState('');
  const [chosen, setChosen] = useState('');
  const [confirmDelete, setConfirmDelete] = useState(false);
  const [note, setNote] = useState<{ text: string; bad: boolean } | null>(null);

  async function refresh() {
    const r = await api.listTemplates();
    if (r.ok) setSaved(r.value);
    else setNote({ text: t('message.saved.listFailed', { error: r.error.message }), bad: true });
  }
  useEffect(() => {
    void refresh();
  }, []);

  async function save() {
    const r = await api.saveTemplate(name.trim(), template);
    if (!r.ok) return setNote({ text: r.error.message, bad: true });
    setNote({ text: t('message.saved.savedAs', { name: r.value.name }), bad: false });
    setChosen(r.value.name);
    setName('');
    await refresh();
  }

  async function remove() {
    setConfirmDelete(false);
    const r = await api.deleteTemplate(chosen);
    if (!r.ok) return setNote({ text: r.error.message, bad: true });
    setNote({ text: t('message.saved.deleted', { name: chosen }), bad: false });
    setChosen('');
    await refresh();
  }

  const selected = saved?.find((s) => s.name === chosen) ?? null;
  const exists = saved?.some((s) => s.name === name.trim()) ?? false;
  return (
    <div className="card saved-templates">
      <h2>{t('message.saved.title')}</h2>
      <div className="row">
        <select
          value={chosen}
          onChange={(e) => (setChosen(e.target.value), setConfirmDelete(false), setNote(null))}
          aria-label={t('message.saved.pickLabel')}
        >
          <option value="">{t(saved?.length ? 'message.saved.choose' : 'message.saved.none')}</option>
          {saved?.map((s) => (
            <option key={s.name} value={s.name}>
              {t('message.saved.option', { name: s.name, date: formatDate(s.updatedAt) })}
            </option>
          ))}
        </select>
        {/* Load and Delete wrap together, under the list, in a narrow column. */}
        <span className="buttons">
          <button
            className="secondary"
            disabled={!selected}
            onClick={() => selected && (onLoad(selected.text), setNote({ text: t('message.saved.loaded', { name: selected.name }), bad: false }))}
          >
            {t('message.saved.load')}
          </button>
          {confirmDelete ? (
            <button className="danger" onClick={() => void remove()}>
              {t('message.saved.reallyDelete', { name: chosen })}
            </button>
          ) : (
            <button className="danger" disabled={!selected} onClick={() => setConfirmDelete(true)}>
              {t('message.saved.delete')}
            </button>
          )}
        </span>
      </div>
      <div className="row">
        <input
          type="text"
          dir="auto"
          value={name}
          maxLength={100}
          placeholder={t('message.saved.namePlaceholder')}
          aria-label={t('message.saved.nameLabel')}
          onChange={(e) => setName(e.target.value)}
          onKeyDown={(e) => e.key === 'Enter' && name.trim() && template.trim() && void save()}
        />
        <button className="secondary" disabled={!name.trim() || !template.trim()} onClick={() => void save()}>
          {t(exists ? 'message.saved.replace' : 'message.saved.save')}
        </button>
      </div>
      {note && <p className={note.bad ? 'error small' : 'muted small'}>{note.text}</p>}
    </div>
  );
}
