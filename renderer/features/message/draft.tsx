import { createContext, useContext, useState, type ReactNode } from 'react';

/** The message being written, shared by the Message and Send screens (kept while the operator switches screens). */
export interface Draft {
  template: string;
  attachmentFileId: string | null;
}

const DraftContext = createContext<{ draft: Draft; setDraft: (d: Draft) => void } | null>(null);

export function DraftProvider({ children }: { children: ReactNode }) {
  const [draft, setDraft] = useState<Draft>({ template: '', attachmentFileId: null });
  return <DraftContext.Provider value={{ draft, setDraft }}>{children}</DraftContext.Provider>;
}

export function useDraft() {
  const value = useContext(DraftContext);
  if (!value) throw new Error('useDraft outside DraftProvider');
  return value;
}
