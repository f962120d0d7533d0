/**
 * The imported contact list across an app restart (issue 10). Every change of the current list (an import, a new
 * mapping or country, duplicates kept) is recorded in `state/contacts-source.json` (contacts/import-record.ts);
 * clearing the list removes the record. On start the recorded file is read again through the same import, with
 * the same sheet, header row, phone column, country and kept duplicates, so the Contacts screen finds the list as it
 * was. A file changed or gone since is not read: the record stays and `notice()` says why, for the screen to show.
 */
import path from 'node:path';
import type { ContactsService } from '../contacts/contacts-service';
import { checkSource, fileStamp, MAX_KEPT_TEXT, type ImportRecordStore, type StoredImportRecord } from '../contacts/import-record';
import { ImportError } from '../contacts/import-error';
import type { TableSource } from '../contacts/table';
import type { RestoredContacts, RestoreNotice } from '../shared/contract/contacts';
import type { FileRef } from '../shared/contract/files';
import { errorMessage } from '../shared/result';

type Service = Pick<ContactsService, 'importFile' | 'importText' | 'setMapping' | 'keepDuplicates' | 'summary' | 'importedFrom' | 'onChanged'>;

export interface ContactsRestore {
  /** Settles when the recorded list has been read again (or found changed or gone): at once when there is none. */
  readonly done: Promise<void>;
  /**
   * Why the recorded list was not read again (null when it was, there was none, or another list replaced it), and a
   * reference to the file read again while that list is the current one.
   */
  state(wait?: boolean): Promise<RestoredContacts>;
}

/** Reads the recorded list again, then keeps the record in step with the service. */
export function restoreContacts(
  service: Service,
  store: ImportRecordStore,
  warn: (message: string) => void,
  register: (file: string) => Promise<FileRef> = () => Promise.reject(new Error('no file registry')),
): ContactsRestore {
  let notice: RestoreNotice | null = null;
  // The source read again on start, and its file reference once the screen asked for it.
  let restoredSource: TableSource | null = null;
  let registered: Promise<FileRef | null> | null = null;
  let restoring = true;
  let reading: string | null = null;
  // The file's size and time as they were when it was imported: a later mapping change must not bless an edit since.
  let stamped: Stamped = null;

  const record = async (): Promise<void> => {
    const source = service.importedFrom()?.source;
    if (source?.kind === 'file' && stamped?.source !== source) {
      const stamp = await fileStamp(source.path).catch(() => null);
      if (stamped?.source !== source) stamped = { source, stamp };
    }
    // Read after the wait: of two changes close together, both write the latest state.
    const next = recordOf(service, stamped);
    await (next ? store.write(next) : store.remove());
  };

  // The record, read first: while its file is read again, the screen can name it.
  const recorded = store.read().then((saved) => ((reading = saved?.source.kind === 'file' ? saved.source.name : null), saved));
  const done = (async () => {
    const saved = await recorded;
    if (saved) {
      notice = await readAgain(service, saved, (source, stamp) => {
        stamped = { source, stamp };
        restoredSource = source;
      });
    }
    if (notice) warn(noticeLine(notice));
  })()
    .catch((err: unknown) => warn(`The contact list from before the restart could not be read again: ${errorMessage(err)}`))
    .finally(() => {
      restoring = false;
      reading = null;
      // A list on screen now (read again, or imported by the operator meanwhile) is the one to keep.
      if (service.importedFrom()) {
        notice = null;
        void record();
      }
    });

  service.onChanged(() => {
    // The list read again on start is recorded as it was; a failed restore keeps the record untouched.
    if (restoring) return;
    notice = null;
    void record();
  });

  return {
    done,
    state: async (wait = true) => {
      await recorded.catch(() => null);
      if (!wait && restoring) return { reading, notice: null, file: null };
      await done;
      const current = service.importedFrom()?.source;
      if (current?.kind !== 'file' || current !== restoredSource) return { reading: null, notice, file: null };
      registered ??= register(current.path).catch(() => null);
      return { reading: null, notice, file: await registered };
    },
  };
}

const noticeLine = (n: RestoreNotice): string =>
  `The contact list from before the restart was not read again: ${n.name} (${n.reason}${n.detail ? `: ${n.detail}` : ''})`;

type Stamped = { source: TableSource; stamp: { size: number; mtimeMs: number } | null } | null;

/** The record of the current list; null when there is none, or it cannot come back (its file cannot be found): remove it. */
function recordOf(service: Service, stamped: Stamped): StoredImportRecord | null {
  const from = service.importedFrom();
  const summary = service.summary();
  if (!from || !summary) return null;
  const { source } = from;
  if (source.kind === 'text' && source.text.length > MAX_KEPT_TEXT) return null;
  const stamp = stamped?.source === source ? stamped.stamp : null;
  if (source.kind === 'file' && !stamp) return null;
  return {
    version: 1,
    source: source.kind === 'text' ? { kind: 'text', text: source.text } : { kind: 'file', path: source.path, name: source.name, ...stamp! },
    sheet: summary.sheet,
    hasHeader: summary.hasHeader,
    headerRow: summary.headerRow ?? null,
    firstDataRow: from.firstDataRow,
    phoneColumn: summary.phoneColumn,
    defaultCountry: summary.defaultCountry,
    countryChosen: summary.country.chosen,
    keptRows: from.keptRows,
  };
}

/** Imports the recorded list with its choices; the notice when it is not read again. */
async function readAgain(
  service: Service,
  saved: StoredImportRecord,
  stampOf: (source: TableSource, stamp: { size: number; mtimeMs: number }) => void,
): Promise<RestoreNotice | null> {
  const { source } = saved;
  if (source.kind === 'text') {
    await service.importText(source.text, saved.countryChosen ? saved.defaultCountry : undefined, saved.keptRows);
    return null;
  }
  const where = { name: source.name, folder: path.dirname(source.path) };
  const check = await checkSource(source);
  if (check.state !== 'same') return { ...where, reason: check.state, detail: check.state === 'unreadable' ? check.message : null };
  try {
    await readFileAgain(service, { path: source.path, name: source.name }, saved);
    const current = service.importedFrom();
    if (current) stampOf(current.source, { size: source.size, mtimeMs: source.mtimeMs });
    return null;
  } catch (err) {
    return { ...where, reason: 'failed', detail: errorMessage(err) };
  }
}

/** Reads the file through the same import, with the sheet, header row, phone column, country and kept duplicates. */
async function readFileAgain(service: Service, file: { path: string; name: string }, saved: StoredImportRecord): Promise<void> {
  const base = {
    sheet: saved.sheet ?? undefined,
    phoneColumn: saved.phoneColumn,
    defaultCountry: saved.countryChosen ? saved.defaultCountry : undefined,
  };
  // A header switched off after it was found keeps the rows above it out: read with it as the header, then switch it off.
  if (!saved.hasHeader && saved.firstDataRow > 1) {
    const read = await service.importFile(file, { ...base, headerRow: saved.firstDataRow }).then(
      () => true,
      (err: unknown) => {
        if (err instanceof ImportError && err.code === 'cancelled') throw err;
        return false;
      },
    );
    if (read) {
      await service.setMapping({ hasHeader: false, phoneColumn: saved.phoneColumn });
      if (saved.keptRows.length > 0) service.keepDuplicates({ change: 'rows', rows: saved.keptRows, keep: true });
      return;
    }
  }
  await service.importFile(file, { ...base, hasHeader: saved.hasHeader, headerRow: saved.headerRow ?? undefined, keptRows: saved.keptRows });
}
