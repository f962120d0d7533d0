import { useEffect } from 'react';
import { ErrorNote } from '../../components/ErrorNote';
import { useDraft } from './draft';
import { isBlank } from './draft-model';

const time = (ms: number) => new Date(ms).toLocaleTimeString(undefined, { hour: '2-digit', minute: '2-digit' });

/**
 * Says that the draft is kept (and when it was last saved), offers "Discard draft" with an undo while the screen is
 * open, and says plainly when the kept attachment could not be found again.
 */
export function DraftBar() {
  const { draft, savedAt, saving, saveProblem, discard, canUndo, undoDiscard, forgetUndo } = useDraft();
  // The undo lasts while this screen is open.
  useEffect(() => forgetUndo, []);
  const blank = isBlank(draft);

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
          Draft discarded.{' '}
          <button className="link" onClick={undoDiscard}>
            Undo
          </button>
        </p>
      ) : (
        !blank &&
        (savedAt !== null || saving) && (
          <p className="muted small draft-line">
            {savedAt !== null ? `Draft kept on this computer until you start sending (saved ${time(savedAt)}).` : 'Keeping the draft…'}{' '}
            <button className="link" onClick={discard}>
              Discard draft
            </button>
          </p>
        )
      )}
    </div>
  );
}
