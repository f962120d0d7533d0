import { useEffect, useState } from 'react';
import type { ImportSummary, RestoreNotice } from '../../../src/shared/contract/contacts';
import type { FileRef } from '../../../src/shared/contract/files';
import { api } from '../../api';
import { FormattedMessage, useT } from '../../i18n';
import { importedFile } from './current-file';

export interface RestoredContacts {
  /** The file main is reading again right now (the list from before the restart); null otherwise. */
  reading: string | null;
  /** Why the list from before the restart was not read again; null when it was (or there was none). */
  notice: RestoreNotice | null;
  /**
   * The file to read another sheet or header row of the list on screen from: the one imported in this session, else
   * the one main read again on start; null for pasted numbers or no list.
   */
  sheetFile: (summary: ImportSummary | null) => FileRef | null;
  /** Forgets the list from before the restart (main clears it): the notice goes. */
  forget: () => Promise<void>;
}

/** The list main read again on start (app/restore-contacts.ts): its notice, or its file. */
export function useRestoredContacts(): RestoredContacts {
  const [reading, setReading] = useState<string | null>(null);
  const [notice, setNotice] = useState<RestoreNotice | null>(null);
  const [file, setFile] = useState<FileRef | null>(null);

  useEffect(() => {
    let live = true;
    // At once (is a file being read again?), then once main knows how that went.
    void api.getRestoredContacts(false).then(async (now) => {
      if (!live || !now.ok) return;
      let state = now.value;
      if (state.reading !== null) {
        setReading(state.reading);
        const r = await api.getRestoredContacts(true);
        if (!live) return;
        setReading(null);
        if (!r.ok) return;
        state = r.value;
      }
      setNotice(state.notice);
      setFile(state.file);
    });
    // Another list imported (or the list cleared) replaces the one from before the restart.
    const off = api.onContactsChanged(() => {
      setNotice(null);
      setReading(null);
    });
    return () => {
      live = false;
      off();
    };
  }, []);

  return {
    reading,
    notice,
    sheetFile: (summary) => {
      if (!summary) return null;
      const name = summary.source.name;
      return importedFile(name) ?? (file?.name === name ? file : null);
    },
    forget: async () => {
      const r = await api.clearContacts();
      if (r.ok) setNotice(null);
    },
  };
}

/** "may.csv has changed since you imported it…", with a way to forget that list. */
export function RestoredNotice({ restored, listShown }: { restored: RestoredContacts; listShown: boolean }) {
  const t = useT();
  const { notice, reading } = restored;
  if (listShown) return null;
  if (reading) {
    return (
      <p className="muted banner" role="status" data-testid="restored-reading">
        <FormattedMessage id="contacts.restored.reading" values={{ file: reading, b: (chunks: React.ReactNode[]) => <b dir="auto">{chunks}</b> }} />
      </p>
    );
  }
  if (!notice) return null;
  const values = {
    file: notice.name,
    folder: notice.folder,
    detail: notice.detail ?? '',
    b: (chunks: React.ReactNode[]) => <b dir="auto">{chunks}</b>,
  };
  const id =
    notice.reason === 'changed'
      ? 'contacts.restored.changed'
      : notice.reason === 'missing'
        ? 'contacts.restored.missing'
        : 'contacts.restored.failed';
  return (
    <div className="restored-notice" role="status" data-testid="restored-notice">
      <span>
        <FormattedMessage id={id} values={values} />
      </span>
      <button className="secondary" onClick={() => void restored.forget()}>
        {t('contacts.restored.forget')}
      </button>
    </div>
  );
}
