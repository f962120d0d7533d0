import { useState } from 'react';
import type { ScreenProps } from '../../screen-props';
import { api } from '../../api';
import { ColumnMapping } from './ColumnMapping';
import { ContactsTable } from './ContactsTable';
import { DropTarget } from './DropTarget';
import { DuplicateRows } from './DuplicateRows';
import { ImportProgressCard } from './ImportProgressCard';
import { ImportStart } from './ImportStart';
import { ImportSummaryCard } from './ImportSummaryCard';
import { OptOutSection } from './OptOutSection';
import { ProblemRows } from './ProblemRows';
import { RestoredNotice, useRestoredContacts } from './RestoredNotice';
import { useContactsSummary } from '../../useContactsSummary';
import { useImport } from './useImport';
import { useSuggestedCountry } from './useSuggestedCountry';
import './contacts.css';
import { ErrorNote } from '../../components/ErrorNote';
import { useT } from '../../i18n';

/** Import the people to message, check how the file was read, and keep the do-not-message list. */
export function ContactsScreen({ status, go }: ScreenProps) {
  const t = useT();
  const contacts = useContactsSummary();
  const importer = useImport(contacts.apply);
  const restored = useRestoredContacts();
  const suggested = useSuggestedCountry(status?.kind === 'ready');
  // A country the operator picked is sent with the import; otherwise main reads the numbers with the country they
  // point to and, when some lack a country code, asks (CountryReading). The account's country is only for opt-outs.
  const [chosenCountry, setChosenCountry] = useState<string | null>(null);
  // About the last file brought in ("using X", a failed clear): cleared when another list is chosen or pasted.
  const [note, setNote] = useState<{ text: string; bad: boolean } | null>(null);

  const { summary } = contacts;
  const busy = importer.activity.kind !== 'idle';
  const country = chosenCountry ?? '';
  // The country picked on the start screen is for the file imported from there; a file dropped onto a list already
  // shown is a new file, whose country is asked again (never the previous file's, silently).
  const fileOptions = chosenCountry && !summary ? { defaultCountry: chosenCountry } : {};
  const sheetFile = restored.sheetFile(summary);

  async function clear() {
    setNote(null);
    const r = await api.clearContacts();
    if (r.ok) contacts.apply(null);
    else setNote({ text: t('contacts.screen.clearFailed', { message: r.error.message }), bad: true });
  }

  function dropped(file: File, extra: number) {
    setNote(extra > 0 ? { text: t('contacts.screen.oneFileAtATime', { file: file.name }), bad: false } : null);
    void importer.importDropped(file, fileOptions);
  }

  return (
    <DropTarget onFile={dropped} disabled={busy}>
      <section className="screen contacts-screen" aria-labelledby="contacts-title">
        <h1 id="contacts-title">{t('contacts.screen.title')}</h1>
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
        <RestoredNotice restored={restored} listShown={summary !== null} />
        <ImportProgressCard activity={importer.activity} onCancel={() => void importer.cancel()} />

        {!contacts.loaded && <p className="muted">{t('contacts.screen.loading')}</p>}
        {contacts.loaded && !summary && importer.activity.kind !== 'importing' && importer.activity.kind !== 'uploading' && (
          <ImportStart
            busy={busy}
            onChooseFile={() => (setNote(null), void importer.pickAndImport(fileOptions))}
            onPaste={(text) => (setNote(null), void importer.importPasted(text, country || undefined))}
            country={country}
            onCountry={setChosenCountry}
          />
        )}
        {summary && (
          <>
            <ImportSummaryCard
              summary={summary}
              busy={busy}
              onChooseFile={() => (setNote(null), void importer.pickAndImport())}
              onPaste={(text) => (setNote(null), void importer.importPasted(text, chosenCountry || undefined))}
              onClear={() => void clear()}
              onNext={() => go('message')}
              onApplied={contacts.apply}
            />
            <ColumnMapping
              summary={summary}
              busy={busy}
              onApplied={contacts.apply}
              onReread={
                sheetFile &&
                ((change) =>
                  importer.importRef(sheetFile, { ...change, ...(summary.country.chosen ? { defaultCountry: summary.defaultCountry } : {}) }))
              }
            />
            {summary.counts.invalid > 0 && (
              <ProblemRows
                sourceName={summary.source.name}
                pasted={summary.source.kind === 'paste'}
                total={summary.counts.invalid}
                version={contacts.version}
              />
            )}
            {summary.counts.duplicates + summary.keptDuplicates > 0 && (
              <DuplicateRows summary={summary} version={contacts.version} busy={busy} onApplied={contacts.apply} />
            )}
            <ContactsTable summary={summary} version={contacts.version} />
          </>
        )}

        <OptOutSection defaultCountry={summary?.defaultCountry ?? (country || suggested || undefined)} />
      </section>
    </DropTarget>
  );
}
