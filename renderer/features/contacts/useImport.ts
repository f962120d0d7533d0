import { useEffect, useRef, useState } from 'react';
import type { ImportProgress, ImportSummary } from '../../../src/shared/contract/contacts';
import type { FileRef } from '../../../src/shared/contract/files';
import type { Result } from '../../../src/shared/result';
import { api } from '../../api';
import { useT } from '../../i18n';
import { rememberImportedFile } from './current-file';
import { aboutFile } from './format';

/** What the import is doing now: idle, getting the file to main (browser host upload), or reading it in main. */
export type ImportActivity =
  | { kind: 'idle' }
  /** The file dialog is open, or (browser host) the chosen file is on its way to main. */
  | { kind: 'picking' }
  | { kind: 'uploading'; name: string }
  | { kind: 'importing'; name: string; progress: ImportProgress | null; cancelling: boolean };

export interface FileImportOptions {
  sheet?: string;
  /** Row number (as the sheet shows it) of the header row; found by main when left out. */
  headerRow?: number;
  defaultCountry?: string;
}

export interface ImportControl {
  activity: ImportActivity;
  /** Why the last import failed, naming the file; null when it did not. */
  problem: string | null;
  /** A calm note, e.g. "Import cancelled". */
  notice: string | null;
  pickAndImport: (options?: FileImportOptions) => Promise<void>;
  importDropped: (file: File, options?: FileImportOptions) => Promise<void>;
  /** Resolves to null when the file was imported, else to why not (also shown as `problem` or `notice`). */
  importRef: (file: FileRef, options?: FileImportOptions) => Promise<string | null>;
  importPasted: (text: string, defaultCountry?: string) => Promise<void>;
  cancel: () => Promise<void>;
}

/**
 * Runs imports: picks or receives the file, asks main to read it, follows `contacts:progress`, and turns every
 * failure into a sentence that names the file. The summary it gets back goes to `onImported`.
 */
export function useImport(onImported: (summary: ImportSummary) => void): ImportControl {
  const [activity, setActivity] = useState<ImportActivity>({ kind: 'idle' });
  const [problem, setProblem] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const importing = useRef(false);
  const t = useT();

  useEffect(
    () =>
      api.onImportProgress((progress) => {
        // Progress of an import this screen did not start (or a late 'done') is not shown.
        if (!importing.current) return;
        setActivity((a) => (a.kind === 'importing' ? { ...a, progress } : a));
      }),
    [],
  );

  function begin() {
    setProblem(null);
    setNotice(null);
  }

  /** Resolves to null when imported, else to the sentence shown for why not. */
  async function run(name: string, call: () => Promise<Result<ImportSummary>>): Promise<string | null> {
    importing.current = true;
    setActivity({ kind: 'importing', name, progress: null, cancelling: false });
    try {
      const r = await call();
      if (r.ok) {
        onImported(r.value);
        return null;
      }
      const why = r.error.code === 'cancelled' ? t('contacts.import.cancelled', { file: name }) : aboutFile(name, r.error.message);
      if (r.error.code === 'cancelled') setNotice(why);
      else setProblem(why);
      return why;
    } finally {
      importing.current = false;
      setActivity({ kind: 'idle' });
    }
  }

  async function importRef(file: FileRef, options: FileImportOptions = {}) {
    begin();
    const why = await run(file.name, () => api.importContactsFile({ fileId: file.id, ...options }));
    if (why === null) rememberImportedFile(file);
    return why;
  }

  async function pickAndImport(options?: FileImportOptions) {
    begin();
    setActivity({ kind: 'picking' });
    const picked = await api.pickFile('contacts');
    setActivity({ kind: 'idle' });
    if (!picked.ok) return setProblem(t('contacts.import.openFailed', { message: picked.error.message }));
    if (picked.value) await importRef(picked.value, options);
  }

  async function importDropped(file: File, options?: FileImportOptions) {
    begin();
    setActivity({ kind: 'uploading', name: file.name });
    const ref = await api.fileFromDrop(file, 'contacts');
    setActivity({ kind: 'idle' });
    if (!ref.ok) return setProblem(aboutFile(file.name, ref.error.message));
    await importRef(ref.value, options);
  }

  async function importPasted(text: string, defaultCountry?: string) {
    begin();
    const why = await run(t('contacts.import.pastedName'), () => api.importContactsText(text, defaultCountry));
    if (why === null) rememberImportedFile(null);
  }

  async function cancel() {
    setActivity((a) => (a.kind === 'importing' ? { ...a, cancelling: true } : a));
    const r = await api.cancelImport();
    if (!r.ok) setProblem(t('contacts.import.cancelFailed', { message: r.error.message }));
  }

  return { activity, problem, notice, pickAndImport, importDropped, importRef, importPasted, cancel };
}
