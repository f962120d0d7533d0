import { useEffect, useState } from 'react';
import type { TemplateCheck } from '../../../src/shared/contract/campaign';
import type { ImportSummary } from '../../../src/shared/contract/contacts';
import { api } from '../../api';

export interface TemplateCheckState {
  check: TemplateCheck | null;
  /** The check itself failed (not: the template has problems). */
  error: string | null;
  checking: boolean;
}

/**
 * campaign:checkTemplate for a (debounced) template; run again when the attachment or the contact list changes,
 * since both change the answer (caption length, empty fields).
 */
export function useTemplateCheck(template: string, attachmentFileId: string | null, contacts: ImportSummary | null): TemplateCheckState {
  const [state, setState] = useState<TemplateCheckState>({ check: null, error: null, checking: false });
  useEffect(() => {
    if (!template.trim()) {
      setState({ check: null, error: null, checking: false });
      return;
    }
    let live = true;
    setState((s) => ({ ...s, checking: true }));
    void api.checkTemplate(template, attachmentFileId ?? undefined).then((r) => {
      if (live) setState(r.ok ? { check: r.value, error: null, checking: false } : { check: null, error: r.error.message, checking: false });
    });
    return () => {
      live = false;
    };
  }, [template, attachmentFileId, contacts]);
  return state;
}
