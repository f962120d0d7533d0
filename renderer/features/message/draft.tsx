import { createContext, useContext, useState, type ReactNode } from 'react';
import type { AttachmentInfo, PacingSettings } from '../../../src/shared/contract/campaign';

/**
 * What the operator is preparing, shared by the Message and Send screens and kept while they switch screens:
 * the message, its checked attachment, and the pacing and name chosen on the Send screen (pacing is null until the
 * defaults load).
 */
export interface Draft {
  template: string;
  attachmentFileId: string | null;
  /** What campaign:checkAttachment said about `attachmentFileId`, to show its name, kind and size anywhere. */
  attachment: AttachmentInfo | null;
  pacing: PacingSettings | null;
  /** The name typed on the Send screen; kept here so a trip to the Connection screen does not lose it. */
  campaignName: string;
  /**
   * Seeds the spintax choices: previews and the start use the same id, so each contact gets exactly the text the
   * preview showed for them. A new one is drawn after each start, so the next campaign varies again.
   */
  draftId: string;
}

type DraftUpdate = Partial<Draft> | ((d: Draft) => Partial<Draft>);

const DraftContext = createContext<{ draft: Draft; setDraft: (change: DraftUpdate) => void } | null>(null);

/** A fresh draft id (the contract allows letters, digits, '-' and '_'). */
export const newDraftId = (): string => crypto.randomUUID();

const empty = (): Draft => ({ template: '', attachmentFileId: null, attachment: null, pacing: null, campaignName: '', draftId: newDraftId() });

export function DraftProvider({ children }: { children: ReactNode }) {
  const [draft, setState] = useState<Draft>(empty);
  // Merge, so a screen changing one part never clobbers another part changed in the same tick.
  const setDraft = (change: DraftUpdate) => setState((d) => ({ ...d, ...(typeof change === 'function' ? change(d) : change) }));
  return <DraftContext.Provider value={{ draft, setDraft }}>{children}</DraftContext.Provider>;
}

export function useDraft() {
  const value = useContext(DraftContext);
  if (!value) throw new Error('useDraft outside DraftProvider');
  return value;
}
