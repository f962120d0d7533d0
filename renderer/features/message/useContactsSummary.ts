import { useEffect, useState } from 'react';
import type { ImportSummary } from '../../../src/shared/contract/contacts';
import { api } from '../../api';

export interface ContactsSummaryState {
  /** The current import; null when nothing is imported (or not known yet, see `loaded`). */
  summary: ImportSummary | null;
  loaded: boolean;
  error: string | null;
}

/** The imported contact list's summary (columns, counts): the current value, then every change. */
export function useContactsSummary(): ContactsSummaryState {
  const [state, setState] = useState<ContactsSummaryState>({ summary: null, loaded: false, error: null });
  useEffect(() => {
    let live = true;
    let pushed = false;
    const off = api.onContactsChanged((summary) => {
      pushed = true;
      if (live) setState({ summary, loaded: true, error: null });
    });
    void api.getImportSummary().then((r) => {
      // A push that arrived while the request was in flight is newer than this answer.
      if (!live || pushed) return;
      setState(r.ok ? { summary: r.value, loaded: true, error: null } : { summary: null, loaded: true, error: r.error.message });
    });
    return () => {
      live = false;
      off();
    };
  }, []);
  return state;
}
