import { useState } from 'react';
import type { ScreenProps } from '../../screen-props';
import { api } from '../../api';
import { ColumnMapping } from './ColumnMapping';
import { ContactsTable } from './ContactsTable';
import { DropTarget } from './DropTarget';
import { ImportProgressCard } from './ImportProgressCard';
import { ImportStart } from './ImportStart';
import { ImportSummaryCard } from './ImportSummaryCard';
import { OptOutSection } from './OptOutSection';
import { ProblemRows } from './ProblemRows';
import { importedFile } from './current-file';
import { useContactsSummary } from '../../useContactsSummary';
import { useImport } from './useImport';
import { useSuggestedCountry } from './useSuggestedCountry';
import './contacts.css';
import { ErrorNote } from '../../components/ErrorNote';

/** Import the people to message, check how the file was read, and keep the do-not-message list. */
export function ContactsScreen({ status, go }: ScreenProps) {
  const contacts = useContactsSummary();
  const importer = useImport(contacts.apply);
  const suggested = useSuggestedCountry(status?.kind === 'ready');
  // Until the operator picks a country, the account's country is shown and main makes its own guess (which also
  // honours a mapping remembered for the file's layout); a country the operator picked is sent with the import.
  const [chosenCountry, setChosenCountry] = useState<string | null>(null);
  const [note, setNote] = useState<{ text: string; bad: boolean } | null>(null);

  const { summary } = contacts;
  const busy = importer.activity.kind !== 'idle';
  const country = chosenCountry ?? suggested ?? '';
  const fileOptions = chosenCountry ? { defaultCountry: chosenCountry } : {};
  const sheetFile = summary ? importedFile(summary.source.name) : null;

  async function clear() {
    setNote(null);
    const r = await api.clearContacts();
    if (r.ok) contacts.apply(null);
    else setNote({ text: `Could not clear the list: ${r.error.message}`, bad: true });
  }

  function dropped(file: File, extra: number) {
    setNote(extra > 0 ? { text: `Only one file is imported at a time: using ${file.name}.`, bad: false } : null);
    void importer.importDropped(file, fileOptions);
  }

  return (
    <DropTarget onFile={dropped} disabled={busy}>
      <section className="screen contacts-screen" aria-labelledby="contacts-title">
        <h1 id="contacts-title">Contacts</h1>
        <ErrorNote message={contacts.problem} />
        {importer.problem && (
          <p className="error banner" role="alert" data-testid="import-error">
            {importer.problem}
          </p>
        )}
        {importer.notice && (
          <p className="muted banner" role="status">
            {importer.notice}
          </p>
        )}
        {note && (
          <p className={note.bad ? 'error banner' : 'muted banner'} role={note.bad ? 'alert' : 'status'}>
            {note.text}
          </p>
        )}
        <ImportProgressCard activity={importer.activity} onCancel={() => void importer.cancel()} />

        {!contacts.loaded && <p className="muted">Loading…</p>}
        {contacts.loaded && !summary && importer.activity.kind !== 'importing' && importer.activity.kind !== 'uploading' && (
          <ImportStart
            busy={busy}
            onChooseFile={() => void importer.pickAndImport(fileOptions)}
            onPaste={(text) => void importer.importPasted(text, country || undefined)}
            country={country}
            onCountry={setChosenCountry}
            countryFromAccount={chosenCountry === null && suggested !== null}
            connected={status?.kind === 'ready'}
          />
        )}
        {summary && (
          <>
            <ImportSummaryCard
              summary={summary}
              busy={busy}
              onChooseFile={() => void importer.pickAndImport()}
              onPaste={(text) => void importer.importPasted(text, summary.defaultCountry)}
              onClear={() => void clear()}
              onNext={() => go('message')}
            />
            <ColumnMapping
              summary={summary}
              busy={busy}
              onApplied={contacts.apply}
              onPickSheet={sheetFile && ((sheet) => void importer.importRef(sheetFile, { sheet, defaultCountry: summary.defaultCountry }))}
            />
            {summary.counts.invalid > 0 && (
              <ProblemRows
                sourceName={summary.source.name}
                pasted={summary.source.kind === 'paste'}
                total={summary.counts.invalid}
                version={contacts.version}
              />
            )}
            <ContactsTable summary={summary} version={contacts.version} />
          </>
        )}

        <OptOutSection defaultCountry={summary?.defaultCountry ?? (country || undefined)} />
      </section>
    </DropTarget>
  );
}
