import { useCallback, useState } from 'react';
import { api } from '../../api';
import { plural } from './format';

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
  const [exporting, setExporting] = useState(false);
  const [note, setNote] = useState<{ text: string; bad: boolean } | null>(null);

  async function run() {
    setNote(null);
    const target = await api.pickSaveTarget(`${baseName(sourceName)} - rows not messaged.csv`);
    if (!target.ok) return setNote({ text: `Could not choose where to save: ${target.error.message}`, bad: true });
    if (!target.value) return;
    setExporting(true);
    try {
      const r = await api.exportImportProblems(target.value.id);
      if (!r.ok) return setNote({ text: `Could not save ${target.value.name}: ${r.error.message}`, bad: true });
      await api.deliverSaved(target.value);
      setNote({ text: `Saved ${plural(r.value.written, 'row', 'rows')} that will not be messaged to ${target.value.name}.`, bad: false });
    } finally {
      setExporting(false);
    }
  }

  const clear = useCallback(() => setNote(null), []);
  return { exporting, note, run, clear };
}

const baseName = (name: string) => name.replace(/\.[^.]+$/, '') || 'contacts';
