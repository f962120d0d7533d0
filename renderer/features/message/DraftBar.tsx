import { useEffect } from 'react';
import { ErrorNote } from '../../components/ErrorNote';
import { useT } from '../../i18n';
import { formatTime } from '../../i18n/format';
import { useDraft } from './draft';
import { isBlank } from './draft-model';

/**
 * Says that the draft is kept (and when it was last saved), offers "Discard draft" with an undo while the screen is
 * open, and says plainly when the kept attachment could not be found again.
 */
export function DraftBar() {
  const { draft, savedAt, saving, saveProblem, discard, canUndo, undoDiscard, forgetUndo } = useDraft();
  // The undo lasts while this screen is open.
  useEffect(() => forgetUndo, []);
  const blank = isBlank(draft);
  const t = useT();

  return (
    <div className="draft-bar" data-testid="draft-bar" data-state={saving ? 'saving' : 'saved'}>
      {draft.attachmentProblem && !draft.attachmentFileId && (
        <p className="warning" role="status" data-testid="draft-attachment-problem">
          ⚠ {draft.attachmentProblem}
        </p>
      )}
      <ErrorNote message={saveProblem} />
      {canUndo ? (
        <p className="muted small draft-line" role="status">
          {t('message.draft.discarded')}{' '}
          <button className="link" onClick={undoDiscard}>
            {t('message.draft.undo')}
          </button>
        </p>
      ) : (
        !blank &&
        (savedAt !== null || saving) && (
          <p className="muted small draft-line">
            {savedAt !== null ? t('message.draft.kept', { time: formatTime(savedAt) }) : t('message.draft.keeping')}{' '}
            <button className="link" onClick={discard}>
              {t('message.draft.discard')}
            </button>
          </p>
        )
      )}
    </div>
  );
}
