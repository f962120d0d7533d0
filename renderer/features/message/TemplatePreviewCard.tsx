import { useEffect, useState } from 'react';
import type { TemplatePreview } from '../../../src/shared/contract/campaign';
import { api } from '../../api';
import { FormattedText } from './FormattedText';
import { ErrorNote } from '../../components/ErrorNote';
import { FormattedMessage, useT } from '../../i18n';

interface Props {
  /** Already debounced: a preview is asked for per pause in typing. */
  template: string;
  /** How many contacts there are to step through. */
  contactCount: number;
  /** The draft's spintax seed, the same one the campaign starts with. */
  draftId: string;
}

/** The message exactly as one contact will get it, rendered by main; step through the contacts. */
export function TemplatePreviewCard({ template, contactCount, draftId }: Props) {
  const t = useT();
  const [index, setIndex] = useState(0);
  const [preview, setPreview] = useState<TemplatePreview | null>(null);
  const [problem, setProblem] = useState<string | null>(null);

  // A new list may be shorter: stay on a contact that exists.
  const current = Math.min(index, Math.max(0, contactCount - 1));

  useEffect(() => {
    if (!template.trim() || contactCount === 0) {
      setPreview(null);
      setProblem(null);
      return;
    }
    let live = true;
    void api.previewTemplate(template, current, draftId).then((r) => {
      if (!live) return;
      setPreview(r.ok ? r.value : null);
      setProblem(r.ok ? null : r.error.message);
    });
    return () => {
      live = false;
    };
  }, [template, current, contactCount, draftId]);

  return (
    <div className="card preview-card">
      <div className="preview-head">
        <h2>{t('message.preview.title')}</h2>
        {contactCount > 0 && (
          <div className="stepper">
            <button className="secondary" onClick={() => setIndex(current - 1)} disabled={current === 0} aria-label={t('message.preview.previous')}>
              ‹
            </button>
            <label className="muted small">
              <FormattedMessage
                id="message.preview.contactOf"
                values={{
                  total: contactCount,
                  input: (
                    <input
                      type="number"
                      min={1}
                      max={contactCount}
                      value={current + 1}
                      aria-label={t('message.preview.contactNumber')}
                      onChange={(e) => setIndex(Math.max(0, Math.min(contactCount - 1, Number(e.target.value) - 1 || 0)))}
                    />
                  ),
                }}
              />
            </label>
            <button
              className="secondary"
              onClick={() => setIndex(current + 1)}
              disabled={current >= contactCount - 1}
              aria-label={t('message.preview.next')}
            >
              ›
            </button>
          </div>
        )}
      </div>
      {contactCount === 0 && <p className="muted">{t('message.preview.importFirst')}</p>}
      {contactCount > 0 && !template.trim() && <p className="muted">{t('message.preview.writeFirst')}</p>}
      <ErrorNote
        message={
          problem &&
          // The message's syntax errors are listed (in the operator's language) under the editor.
          (problem.startsWith('The message template is invalid') ? t('message.preview.fixFirst') : t('message.preview.failed', { error: problem }))
        }
      />
      {preview && !problem && template.trim() && (
        <>
          <p className="muted small" data-testid="preview-to">
            <FormattedMessage id="message.preview.to" values={{ phone: <bdi dir="ltr">{preview.phone}</bdi>, row: preview.row }} />
          </p>
          <div className="bubble" data-testid="preview-text" dir="auto">
            <FormattedText text={preview.text} />
          </div>
          {preview.emptyPlaceholders.length > 0 && (
            <p className="warning small">
              <FormattedMessage
                id="message.preview.empty"
                values={{
                  names: preview.emptyPlaceholders.map((p) => `{{${p}}}`).join(', '),
                  example: `{{${preview.emptyPlaceholders[0]}|…}}`,
                  code: (chunks) => <code dir="auto">{chunks}</code>,
                }}
              />
            </p>
          )}
        </>
      )}
    </div>
  );
}
