import { useCallback, useEffect, useRef, useState } from 'react';
import type { ImportSummary } from '../src/shared/contract/contacts';
import { api } from './api';
import { useT } from './i18n';

export interface ContactsSummaryState {
  /** The current import; null when there is none. */
  summary: ImportSummary | null;
  /** False until main has answered once (so the empty state does not flash). */
  loaded: boolean;
  /** Bumped on every change: the table and problem list refetch their pages when it moves. */
  version: number;
  /** Why the summary could not be read, in words. */
  problem: string | null;
  /** Take a summary an import or a mapping change just returned. */
  apply: (summary: ImportSummary | null) => void;
}

/** The current import as main owns it (Contacts, Message and Send screens): the first answer, then every `contacts:changed` push. */
export function useContactsSummary(): ContactsSummaryState {
  const [summary, setSummary] = useState<ImportSummary | null>(null);
  const [loaded, setLoaded] = useState(false);
  const [version, setVersion] = useState(0);
  const [problem, setProblem] = useState<string | null>(null);
  const t = useT();

  // An import's reply and main's `contacts:changed` push carry the same summary, the push arriving a moment later;
  // bumping the version for both would throw away the table's pages (and scroll position) for nothing.
  const last = useRef<string | undefined>(undefined);
  const apply = useCallback((next: ImportSummary | null) => {
    setLoaded(true);
    const key = JSON.stringify(next);
    if (key === last.current) return;
    last.current = key;
    setSummary(next);
    setVersion((v) => v + 1);
  }, []);

  useEffect(() => {
    let live = true;
    let pushed = false;
    const off = api.onContactsChanged((next) => {
      pushed = true;
      if (live) apply(next);
    });
    void api.getImportSummary().then((r) => {
      if (!live) return;
      if (!r.ok) setProblem(t('contacts.screen.summaryFailed', { message: r.error.message }));
      // A push that arrived first is newer than this answer.
      else if (!pushed) apply(r.value);
      setLoaded(true);
    });
    return () => {
      live = false;
      off();
    };
  }, [apply, t]);

  return { summary, loaded, version, problem, apply };
}
