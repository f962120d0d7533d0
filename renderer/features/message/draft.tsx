import { createContext, useContext, useState, type ReactNode } from 'react';
import { emptyDraft, type Draft, type DraftUpdate } from './draft-model';
import { useDraftPersistence, type DraftKeeping } from './useDraftPersistence';

export interface DraftContextValue extends DraftKeeping {
  draft: Draft;
  setDraft: (change: DraftUpdate) => void;
}

const DraftContext = createContext<DraftContextValue | null>(null);

export { newDraftId, type Draft } from './draft-model';

/**
 * The draft the Message and Send screens share (draft-model.ts), kept in main by useDraftPersistence so a reload
 * or a restart finds it again.
 */
export function DraftProvider({ children }: { children: ReactNode }) {
  const [draft, setState] = useState<Draft>(emptyDraft);
  // Merge, so a screen changing one part never clobbers another part changed in the same tick.
  const setDraft = (change: DraftUpdate) => setState((d) => ({ ...d, ...(typeof change === 'function' ? change(d) : change) }));
  const keeping = useDraftPersistence(draft, setState);
  return <DraftContext.Provider value={{ draft, setDraft, ...keeping }}>{children}</DraftContext.Provider>;
}

export function useDraft(): DraftContextValue {
  const value = useContext(DraftContext);
  if (!value) throw new Error('useDraft outside DraftProvider');
  return value;
}
