import { useCallback, useEffect, useReducer, useRef, useState } from 'react';
import type { ContactRow } from '../../../src/shared/contract/contacts';
import { api } from '../../api';
import { useT } from '../../i18n';

/** Rows per request: a screenful is ~20, so one request covers a few screens of scrolling. */
export const ROWS_PER_PAGE = 200;
/** Pages kept in memory; the farthest from the one just loaded is dropped (a million rows never pile up here). */
const MAX_PAGES = 30;

interface Cache {
  pages: Map<number, ContactRow[]>;
  loading: Set<number>;
}

export interface RowPages {
  /** The row at `index`, or undefined while its page is on its way. */
  rowAt: (index: number) => ContactRow | undefined;
  /** Ask for the pages covering rows first..last (inclusive); pages already here or on the way are not asked again. */
  ensure: (first: number, last: number) => void;
  problem: string | null;
}

/**
 * The valid contacts as pages fetched from main on demand. Main owns the list; the table asks only for what it
 * shows. A new `version` (new import, mapping or opt-out change) throws the cache away.
 */
export function useRowPages(version: number): RowPages {
  const cache = useRef<Cache>({ pages: new Map(), loading: new Set() });
  const [, rerender] = useReducer((n: number) => n + 1, 0);
  const [problem, setProblem] = useState<string | null>(null);
  const t = useT();

  useEffect(() => {
    cache.current = { pages: new Map(), loading: new Set() };
    setProblem(null);
    rerender();
  }, [version]);

  const ensure = useCallback(
    (first: number, last: number) => {
      const current = cache.current;
      for (let p = Math.floor(first / ROWS_PER_PAGE); p <= Math.floor(last / ROWS_PER_PAGE); p++) {
        if (current.pages.has(p) || current.loading.has(p)) continue;
        current.loading.add(p);
        void api.getContactRows(p * ROWS_PER_PAGE, ROWS_PER_PAGE).then((r) => {
          current.loading.delete(p);
          // The list changed while this page was on its way: its rows belong to the old list.
          if (cache.current !== current) return;
          if (!r.ok) return setProblem(t('contacts.table.loadFailed', { from: p * ROWS_PER_PAGE + 1, message: r.error.message }));
          current.pages.set(p, r.value.items);
          dropFarthest(current.pages, p);
          rerender();
        });
      }
    },
    [t],
  );

  const rowAt = useCallback((index: number) => cache.current.pages.get(Math.floor(index / ROWS_PER_PAGE))?.[index % ROWS_PER_PAGE], []);

  return { rowAt, ensure, problem };
}

function dropFarthest(pages: Map<number, ContactRow[]>, near: number): void {
  while (pages.size > MAX_PAGES) {
    let farthest = near;
    for (const p of pages.keys()) if (Math.abs(p - near) > Math.abs(farthest - near)) farthest = p;
    pages.delete(farthest);
  }
}
