import type { ScreenProps } from '../../screen-props';
import { AttachmentPicker } from './AttachmentPicker';
import { DraftBar } from './DraftBar';
import { useDraft } from './draft';
import { SavedTemplates } from './SavedTemplates';
import { SyntaxHelp } from './SyntaxHelp';
import { TemplateEditor } from './TemplateEditor';
import { TemplatePreviewCard } from './TemplatePreviewCard';
import { TemplateWarnings } from './TemplateWarnings';
import { useContactsSummary } from '../../useContactsSummary';
import { useDebounced } from './useDebounced';
import { useTemplateCheck } from './useTemplateCheck';
import './message.css';
import { ErrorNote } from '../../components/ErrorNote';
import { useT } from '../../i18n';

/** Write one message for everybody, personalised per contact, and see what each of them will get. */
export function MessageScreen({ go }: ScreenProps) {
  const t = useT();
  const { draft, setDraft } = useDraft();
  const contacts = useContactsSummary();
  const settled = useDebounced(draft.template, 300);
  const checkState = useTemplateCheck(settled, draft.attachmentFileId, contacts.summary);
  const count = contacts.summary?.counts.valid ?? 0;

  return (
    <section className="screen message-screen" aria-labelledby="message-title">
      <h1 id="message-title">{t('screens.message')}</h1>
      <ErrorNote message={contacts.problem} />
      {contacts.loaded && !contacts.summary && !contacts.problem && (
        <p className="warning">
          {t('message.screen.noContacts')}{' '}
          <button className="secondary" onClick={() => go('contacts')}>
            {t('message.screen.importContacts')}
          </button>
        </p>
      )}
      <div className="message-grid">
        <div className="card">
          <h2>{t('message.screen.yourMessage')}</h2>
          <TemplateEditor value={draft.template} onChange={(template) => setDraft({ template })} columns={contacts.summary?.columns ?? []} />
          <SyntaxHelp />
          <TemplateWarnings state={checkState} template={settled} />
        </div>
        <TemplatePreviewCard template={settled} contactCount={count} draftId={draft.draftId} />
      </div>
      <div className="message-grid">
        <AttachmentPicker />
        <SavedTemplates template={draft.template} onLoad={(template) => setDraft({ template })} />
      </div>
      <DraftBar />
      <div className="actions">
        <button onClick={() => go('send')} disabled={!draft.template.trim()}>
          {t('message.screen.next')}
        </button>
        {!draft.template.trim() && <span className="muted">{t('message.screen.writeFirst')}</span>}
      </div>
    </section>
  );
}
