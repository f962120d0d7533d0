import { useCallback, useState } from 'react';
import { api } from '../../api';
import { useT } from '../../i18n';

export interface RowsExport {
  exporting: boolean;
  note: { text: string; bad: boolean } | null;
  run: () => Promise<void>;
  /** Forgets the note (a new list: "Saved 4 rows" was about the last one). */
  clear: () => void;
}

/**
 * Saves the rows that will not be messaged (problem rows and the duplicates left out, with why) as a CSV the
 * operator chooses where to put: the Problem rows and Duplicate numbers cards share it.
 */
export function useRowsExport(sourceName: string): RowsExport {
  const t = useT();
  const [exporting, setExporting] = useState(false);
  const [note, setNote] = useState<{ text: string; bad: boolean } | null>(null);

  async function run() {
    setNote(null);
    const target = await api.pickSaveTarget(t('contacts.export.fileName', { name: baseName(sourceName) }));
    if (!target.ok) return setNote({ text: t('contacts.export.pickFailed', { message: target.error.message }), bad: true });
    if (!target.value) return;
    setExporting(true);
    try {
      const r = await api.exportImportProblems(target.value.id);
      if (!r.ok) return setNote({ text: t('contacts.export.saveFailed', { file: target.value.name, message: r.error.message }), bad: true });
      await api.deliverSaved(target.value);
      setNote({ text: t('contacts.export.saved', { count: r.value.written, file: target.value.name }), bad: false });
    } finally {
      setExporting(false);
    }
  }

  const clear = useCallback(() => setNote(null), []);
  return { exporting, note, run, clear };
}

const baseName = (name: string) => name.replace(/\.[^.]+$/, '') || 'contacts';
