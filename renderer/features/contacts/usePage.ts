import { useEffect, useState } from 'react';
import type { Page } from '../../../src/shared/contract/contacts';
import type { Result } from '../../../src/shared/result';
import { useT, type MessageKey } from '../../i18n';

export interface PageState<T> {
  page: Page<T> | null;
  problem: string | null;
  loading: boolean;
}

/** One page of a list main owns, fetched again whenever the offset or `version` (the list changed) moves. */
export function usePage<T>(
  fetchPage: (offset: number, limit: number) => Promise<Result<Page<T>>>,
  offset: number,
  limit: number,
  version: number,
  /** The sentence for a failed load, with a {message} placeholder: "Could not load the problem rows: {message}". */
  failed: MessageKey,
): PageState<T> {
  const t = useT();
  const [state, setState] = useState<PageState<T>>({ page: null, problem: null, loading: true });
  useEffect(() => {
    let live = true;
    setState((s) => ({ ...s, loading: true }));
    void fetchPage(offset, limit).then((r) => {
      if (!live) return;
      setState(
        r.ok ? { page: r.value, problem: null, loading: false } : { page: null, problem: t(failed, { message: r.error.message }), loading: false },
      );
    });
    return () => {
      live = false;
    };
  }, [fetchPage, offset, limit, version, failed, t]);
  return state;
}
