import { useEffect, useRef, useState, type Dispatch, type SetStateAction } from 'react';
import type { PacingSettings } from '../../../src/shared/contract/campaign';
import type { SavedDraft } from '../../../src/shared/contract/draft';
import { api } from '../../api';
import { emptyDraft, newDraftId, saveKey, toSave, type Draft } from './draft-model';

/** How long the draft must rest before it is saved: one save per pause in typing, not per keystroke. */
const SAVE_AFTER_MS = 400;

export interface DraftKeeping {
  /** The kept draft has been read back (or there was none); until then nothing is saved over it. */
  restored: boolean;
  /** Epoch ms of the draft main keeps; null when it keeps none (none yet, sent or discarded). */
  savedAt: number | null;
  /** A change is waiting to be saved, or its save is on its way. */
  saving: boolean;
  /** Why the last save failed, in words; null when it worked. */
  saveProblem: string | null;
  /** Forgets the draft (message, attachment, name, pacing); `undoDiscard` brings it back while the screen is open. */
  discard: () => void;
  /** The draft just discarded can be brought back. */
  canUndo: boolean;
  undoDiscard: () => void;
  /** Leaving the screen that offered the undo: the discarded draft is gone for good. */
  forgetUndo: () => void;
  /**
   * A campaign was started from the draft: the kept copy is forgotten (a restart opens a fresh draft); the screen
   * keeps the text and pacing for another campaign, with a new draft id and no name.
   */
  started: () => void;
}

/**
 * Keeps the draft in main: reads it back on start (its attachment checked again), then saves it a moment after
 * each change and when the page goes away (a reload, a closed window).
 */
export function useDraftPersistence(draft: Draft, setState: Dispatch<SetStateAction<Draft>>): DraftKeeping {
  const [restored, setRestored] = useState(false);
  const [savedAt, setSavedAt] = useState<number | null>(null);
  const [saving, setSaving] = useState(false);
  /** Saves sent and not answered yet. */
  const inFlight = useRef(0);
  const [saveProblem, setSaveProblem] = useState<string | null>(null);
  const [discarded, setDiscarded] = useState<Draft | null>(null);
  const latest = useRef(draft);
  latest.current = draft;
  const lastValidPacing = useRef<PacingSettings | null>(null);
  /** The key of what main holds now: null until the first look after the restore. */
  const keptKey = useRef<string | null>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);

  const payload = () => toSave(latest.current, lastValidPacing.current);
  const save = () => {
    if (timer.current) clearTimeout(timer.current);
    timer.current = null;
    const request = payload();
    keptKey.current = saveKey(request);
    lastValidPacing.current = request.pacing;
    inFlight.current += 1;
    void api.saveDraft(request).then((r) => {
      inFlight.current -= 1;
      if (inFlight.current === 0 && !timer.current) setSaving(false);
      if (r.ok) {
        setSavedAt(r.value.savedAt);
        setSaveProblem(null);
      } else setSaveProblem(`The draft could not be kept: ${r.error.message}`);
    });
  };
  /** What main holds is what the screen shows now: nothing to save. */
  const inStep = (next: Draft) => {
    if (timer.current) clearTimeout(timer.current);
    timer.current = null;
    if (inFlight.current === 0) setSaving(false);
    keptKey.current = saveKey(toSave(next, lastValidPacing.current));
  };

  useEffect(
    () =>
      restoreDraft(setState, (kept) => {
        lastValidPacing.current = kept?.pacing ?? null;
        setSavedAt(kept?.savedAt ?? null);
        setRestored(true);
      }),
    [],
  );

  const key = restored ? saveKey(payload()) : null;
  useEffect(() => {
    if (key === null) return;
    if (keptKey.current === null) keptKey.current = key;
    if (key === keptKey.current) {
      // Typed and taken back within the pause: nothing left to save.
      if (inFlight.current === 0) setSaving(false);
      return;
    }
    setSaving(true);
    timer.current = setTimeout(save, SAVE_AFTER_MS);
    return () => {
      if (timer.current) clearTimeout(timer.current);
      timer.current = null;
    };
  }, [key]);

  // A reload or a closed window within the pause still keeps the last keystrokes.
  useEffect(() => {
    const flush = () => {
      if (timer.current) save();
    };
    window.addEventListener('pagehide', flush);
    return () => window.removeEventListener('pagehide', flush);
  }, []);

  return {
    restored,
    savedAt,
    saving,
    saveProblem,
    canUndo: discarded !== null,
    discard: () => {
      const fresh = emptyDraft();
      setSavedAt(null);
      setDiscarded(latest.current);
      inStep(fresh);
      setState(fresh);
      void api.discardDraft();
    },
    undoDiscard: () => {
      if (discarded) setState(discarded);
      setDiscarded(null);
    },
    forgetUndo: () => setDiscarded(null),
    started: () => {
      // Main keeps nothing now; the text on screen is kept again once it changes.
      setSavedAt(null);
      const next = { ...latest.current, draftId: newDraftId(), campaignName: '' };
      inStep(next);
      setState(next);
      void api.discardDraft();
    },
  };
}

/** Reads the kept draft into the screen; its attachment is checked again as when it was chosen. */
function restoreDraft(setState: Dispatch<SetStateAction<Draft>>, done: (kept: SavedDraft | null) => void) {
  let live = true;
  void api.getDraft().then(async (r) => {
    if (!live) return;
    const kept = r.ok ? r.value : null;
    if (kept) {
      setState((d) => ({
        ...d,
        template: kept.template,
        attachmentFileId: kept.attachment?.fileId ?? null,
        attachment: null,
        attachmentProblem: kept.attachmentProblem,
        pacing: kept.pacing ?? d.pacing,
        campaignName: kept.campaignName,
        draftId: kept.draftId,
      }));
    }
    done(kept);
    if (!kept?.attachment) return;
    const fileId = kept.attachment.fileId;
    const checked = await api.checkAttachment(fileId);
    if (!live) return;
    setState((d) =>
      d.attachmentFileId !== fileId
        ? d
        : checked.ok
          ? { ...d, attachment: checked.value }
          : {
              ...d,
              attachmentFileId: null,
              attachment: null,
              attachmentProblem: `The kept attachment ${kept.attachment!.name} cannot be sent: ${checked.error.message}`,
            },
    );
  });
  return () => {
    live = false;
  };
}
