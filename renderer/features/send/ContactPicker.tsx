import { useVirtualizer } from '@tanstack/react-virtual';
import { useCallback, useEffect, useRef, useState } from 'react';
import type { ContactPick } from '../../../src/shared/contract/campaign';
import { api } from '../../api';
import { ErrorNote } from '../../components/ErrorNote';
import { useT } from '../../i18n';
import { addTicked, PAGE, pagesFor, toggleTicked } from './contact-pages';
import { TestSend } from './TestSend';
import type { WaStatus } from '../../../src/shared/status';

const ROW_HEIGHT = 34;

/** Who the campaign goes to: everyone imported (null), or the ticked contacts by their position in the list. */
export interface ContactSelection {
  ticked: ReadonlySet<number> | null;
  /** Contacts ticked; null: everyone. */
  count: number | null;
  total: number;
  open: boolean;
  setOpen: (open: boolean) => void;
  toggle: (index: number) => void;
  add: (indices: readonly number[]) => void;
  clear: () => void;
  everyone: () => void;
  /** What campaign:start takes: nothing for everyone, else `contacts`. */
  request: { contacts?: number[] };
}

/** The selection state; it goes back to everyone whenever the imported list changes (positions mean nothing then). */
export function useContactSelection(total: number): ContactSelection {
  const [ticked, setTicked] = useState<ReadonlySet<number> | null>(null);
  const [open, setOpen] = useState(false);
  useEffect(() => api.onContactsChanged(() => setTicked(null)), []);
  useEffect(() => setTicked(null), [total]);
  return {
    ticked,
    count: ticked === null ? null : ticked.size,
    total,
    open,
    setOpen,
    toggle: (index) => setTicked((t) => toggleTicked(t, index, total)),
    add: (indices) => setTicked((t) => addTicked(t, indices, total)),
    clear: () => setTicked(new Set()),
    everyone: () => setTicked(null),
    request: ticked === null ? {} : { contacts: [...ticked].sort((a, b) => a - b) },
  };
}

/** The "To" line: everyone or how many are ticked, and the button that opens the list. */
export function SelectionSummary({ selection }: { selection: ContactSelection }) {
  const { count, total } = selection;
  const t = useT();
  return (
    <span className="selection-summary" data-testid="selection-summary">
      {count !== null && <b>{t('send.selection.ticked', { count, total })}</b>}
      <button className="link" onClick={() => selection.setOpen(!selection.open)} aria-expanded={selection.open}>
        {t(selection.open ? 'send.selection.hide' : count === null ? 'send.selection.choose' : 'send.selection.change')}
      </button>
    </span>
  );
}

/** What the test send takes of the draft (renderer/features/message/draft). */
interface DraftForTest {
  template: string;
  attachmentFileId: string | null;
  draftId: string;
}

/** Below the "To" line: the list to tick (when opened) and the test send. */
export function SelectionAndTest({ selection, draft, status }: { selection: ContactSelection; draft: DraftForTest; status: WaStatus | null }) {
  return (
    <>
      {selection.open && selection.total > 0 && <SelectionPanel selection={selection} />}
      <TestSend template={draft.template} attachmentFileId={draft.attachmentFileId} draftId={draft.draftId} status={status} />
    </>
  );
}

/** The imported contacts with a tick each: search by name, number or any column; tick all shown, or clear. */
export function SelectionPanel({ selection }: { selection: ContactSelection }) {
  const [query, setQuery] = useState('');
  const [shown, setShown] = useState('');
  const [total, setTotal] = useState<number | null>(null);
  const [pages, setPages] = useState<Map<number, ContactPick[]>>(new Map());
  const [problem, setProblem] = useState<string | null>(null);
  const requested = useRef(new Set<number>());
  const scroller = useRef<HTMLDivElement>(null);
  const t = useT();

  // The search runs a moment after the last key, not on every one.
  useEffect(() => {
    const t = setTimeout(() => setShown(query), 200);
    return () => clearTimeout(t);
  }, [query]);

  const load = useCallback(
    async (page: number) => {
      requested.current.add(page);
      const r = await api.findContacts(shown, page * PAGE, PAGE);
      if (!r.ok) {
        requested.current.delete(page);
        return setProblem(r.error.message);
      }
      setProblem(null);
      setTotal(r.value.total);
      setPages((old) => new Map(old).set(page, r.value.rows));
    },
    [shown],
  );

  useEffect(() => {
    requested.current = new Set();
    setPages(new Map());
    setTotal(null);
    void load(0);
  }, [load, selection.total]);

  const virtual = useVirtualizer({ count: total ?? 0, getScrollElement: () => scroller.current, estimateSize: () => ROW_HEIGHT, overscan: 12 });
  const items = virtual.getVirtualItems();
  const first = items[0]?.index ?? 0;
  const last = items[items.length - 1]?.index ?? 0;
  useEffect(() => {
    if (!total) return;
    for (const p of pagesFor(first, last)) if (!requested.current.has(p)) void load(p);
  }, [first, last, total, load]);

  async function tickAllShown() {
    if (!shown.trim()) return selection.everyone();
    const r = await api.matchContacts(shown);
    if (!r.ok) return setProblem(r.error.message);
    selection.add(r.value);
  }

  const isTicked = (i: number) => selection.ticked === null || selection.ticked.has(i);
  return (
    <div className="contact-picker" data-testid="contact-picker">
      <div className="table-tools picker-tools">
        <input
          type="search"
          aria-label={t('send.selection.searchLabel')}
          placeholder={t('send.selection.searchPlaceholder')}
          value={query}
          onChange={(e) => setQuery(e.target.value)}
        />
        <button className="secondary" onClick={() => void tickAllShown()} disabled={!total}>
          {t('send.selection.selectAll')}
        </button>
        <button className="secondary" onClick={selection.clear} disabled={selection.count === 0}>
          {t('send.selection.clear')}
        </button>
        <span className="muted small">
          {total === null ? t('send.selection.loading') : t(shown.trim() ? 'send.selection.found' : 'send.selection.count', { count: total })}
        </span>
      </div>
      <ErrorNote message={problem && t('send.selection.listFailed', { reason: problem })} />
      {selection.count === 0 && <p className="warning small">{t('send.selection.noneTicked')}</p>}
      <div
        ref={scroller}
        className="vscroll picker-scroll"
        style={{ height: Math.min(272, Math.max(2, total ?? 2) * ROW_HEIGHT + 2) }}
        role="table"
        aria-label={t('send.selection.tableLabel')}
        data-testid="picker-rows"
      >
        {total === 0 && <p className="muted small empty-rows">{t('send.selection.noMatch', { query: shown })}</p>}
        <div style={{ height: virtual.getTotalSize(), position: 'relative' }}>
          {items.map((v) => {
            const row = pages.get(Math.floor(v.index / PAGE))?.[v.index % PAGE];
            return (
              <div
                key={v.key}
                className="pick-row"
                role="row"
                data-testid="picker-row"
                style={{ height: ROW_HEIGHT, transform: `translateY(${v.start}px)` }}
              >
                {row ? (
                  <PickCells row={row} ticked={isTicked(row.index)} onToggle={() => selection.toggle(row.index)} />
                ) : (
                  <span className="muted small">{t('send.selection.loading')}</span>
                )}
              </div>
            );
          })}
        </div>
      </div>
    </div>
  );
}

function PickCells({ row, ticked, onToggle }: { row: ContactPick; ticked: boolean; onToggle: () => void }) {
  const t = useT();
  const others = Object.values(row.fields).filter((v) => v && v.replace(/\D/g, '') !== row.phone.replace(/\D/g, ''));
  return (
    <label className="pick-cells">
      <input type="checkbox" checked={ticked} onChange={onToggle} aria-label={t('send.selection.rowLabel', { row: row.row, phone: row.phone })} />
      <span className="muted">{row.row}</span>
      <span dir="ltr">{row.phone}</span>
      <span className="ellipsis" dir="auto" title={others.join(' · ')}>
        {others.join(' · ')}
      </span>
    </label>
  );
}
