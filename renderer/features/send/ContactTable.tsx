import { useVirtualizer } from '@tanstack/react-virtual';
import { useCallback, useEffect, useRef, useState } from 'react';
import type { ContactResult, ContactStatus } from '../../../src/shared/contract/campaign';
import { api } from '../../api';
import { applyUpdate, PAGE, pagesFor } from './contact-pages';
import { formatTime, statusLabelKey } from './format';
import { ErrorNote } from '../../components/ErrorNote';
import { useT, type MessageKey } from '../../i18n';

const filters: Array<{ label: MessageKey; statuses: ContactStatus[] | undefined }> = [
  { label: 'send.table.filterAll', statuses: undefined },
  { label: statusLabelKey.failed, statuses: ['failed'] },
  { label: statusLabelKey.skipped, statuses: ['skipped'] },
  { label: statusLabelKey.rejected, statuses: ['rejected'] },
  { label: 'send.table.filterToSend', statuses: ['pending', 'sending'] },
  { label: statusLabelKey.sent, statuses: ['sent', 'delivered', 'read'] },
];

const columns: MessageKey[] = [
  'send.table.colRow',
  'send.table.colPhone',
  'send.table.colContact',
  'send.table.colStatus',
  'send.table.colSentAt',
  'send.table.colDetails',
];

const ROW_HEIGHT = 34;

/**
 * Every contact of a campaign with its status. Only the rows on screen exist in the page (virtualised) and
 * they are fetched from main a page at a time, so a campaign of 100,000 contacts scrolls like one of ten.
 */
export function ContactTable({ campaignId }: { campaignId: string }) {
  const t = useT();
  const [filter, setFilter] = useState(0);
  const [total, setTotal] = useState<number | null>(null);
  const [pages, setPages] = useState<Map<number, ContactResult[]>>(new Map());
  const [problem, setProblem] = useState<string | null>(null);
  const requested = useRef(new Set<number>());
  const scroller = useRef<HTMLDivElement>(null);
  const statuses = filters[filter]!.statuses;

  const load = useCallback(
    async (page: number) => {
      requested.current.add(page);
      const r = await api.getCampaignRows(campaignId, page * PAGE, PAGE, statuses);
      if (!r.ok) {
        requested.current.delete(page);
        return setProblem(r.error.message);
      }
      setProblem(null);
      setTotal(r.value.total);
      setPages((old) => new Map(old).set(page, r.value.rows));
    },
    [campaignId, statuses],
  );

  // A new campaign or filter starts from the top.
  useEffect(() => {
    requested.current = new Set();
    setPages(new Map());
    setTotal(null);
    void load(0);
  }, [load]);

  // Live changes: patch loaded rows in place. With a filter a row may enter or leave the view, so refetch.
  useEffect(() => {
    let refetch: ReturnType<typeof setTimeout> | null = null;
    const off = api.onContactUpdates((updates) => {
      const mine = updates.filter((u) => u.campaignId === campaignId);
      if (mine.length === 0) return;
      if (statuses) {
        refetch ??= setTimeout(() => {
          refetch = null;
          for (const p of requested.current) void load(p);
        }, 500);
        return;
      }
      setPages((old) => {
        const next = new Map(old);
        for (const u of mine) {
          const rows = next.get(Math.floor(u.index / PAGE));
          const at = rows?.findIndex((r) => r.index === u.index) ?? -1;
          if (rows && at >= 0) {
            const copy = rows === old.get(Math.floor(u.index / PAGE)) ? [...rows] : rows;
            copy[at] = applyUpdate(copy[at]!, u);
            next.set(Math.floor(u.index / PAGE), copy);
          }
        }
        return next;
      });
    });
    return () => {
      off();
      if (refetch) clearTimeout(refetch);
    };
  }, [campaignId, statuses, load]);

  const virtual = useVirtualizer({
    count: total ?? 0,
    getScrollElement: () => scroller.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 12,
  });
  const items = virtual.getVirtualItems();
  const first = items[0]?.index ?? 0;
  const last = items[items.length - 1]?.index ?? 0;

  // Fetch the pages the visible rows fall in, once each.
  useEffect(() => {
    if (!total) return;
    for (const p of pagesFor(first, last)) if (!requested.current.has(p)) void load(p);
  }, [first, last, total, load]);

  const rowAt = (i: number) => pages.get(Math.floor(i / PAGE))?.[i % PAGE];

  return (
    <div className="contact-table">
      <div className="table-tools">
        <select aria-label={t('send.table.show')} value={filter} onChange={(e) => setFilter(Number(e.target.value))}>
          {filters.map((f, i) => (
            <option key={f.label} value={i}>
              {t(f.label)}
            </option>
          ))}
        </select>
        <span className="muted small">{total === null ? t('send.table.loading') : t('send.table.count', { count: total })}</span>
      </div>
      <ErrorNote message={problem && t('send.table.loadFailed', { error: problem })} />
      <div className="vrow vhead" role="row">
        {columns.map((c) => (
          <span key={c}>{t(c)}</span>
        ))}
      </div>
      <div
        ref={scroller}
        className="vscroll"
        // A short campaign gets a short table instead of a tall empty box; long ones scroll inside 340 px.
        style={{ height: Math.min(340, Math.max(3, total ?? 3) * ROW_HEIGHT + 2) }}
        role="table"
        aria-label={t('send.table.label')}
        data-testid="contact-rows"
      >
        {total === 0 && <p className="muted small empty-rows">{t('send.table.noMatch')}</p>}
        <div style={{ height: virtual.getTotalSize(), position: 'relative' }}>
          {items.map((v) => {
            const row = rowAt(v.index);
            return (
              <div
                key={v.key}
                className="vrow"
                role="row"
                data-testid="contact-row"
                data-status={row?.status}
                style={{ position: 'absolute', top: 0, left: 0, right: 0, height: ROW_HEIGHT, transform: `translateY(${v.start}px)` }}
              >
                {row ? <Cells row={row} /> : <span className="muted small">{t('send.table.loading')}</span>}
              </div>
            );
          })}
        </div>
      </div>
    </div>
  );
}

function Cells({ row }: { row: ContactResult }) {
  const t = useT();
  // The phone is its own column; show the other cells (name, date…) so the operator knows who this is.
  const others = Object.values(row.fields).filter((v) => v && v !== row.phone && v.replace(/\D/g, '') !== row.phone.replace(/\D/g, ''));
  return (
    <>
      <span className="muted">{row.row}</span>
      <span>
        <bdi dir="ltr">{row.phone}</bdi>
      </span>
      <span className="ellipsis" title={others.join(' · ')}>
        {others.join(' · ')}
      </span>
      <span>
        <span className={`status-badge ${row.status}`}>{t(statusLabelKey[row.status])}</span>
      </span>
      <span className="muted">{formatTime(row.sentAt)}</span>
      <span className="ellipsis muted" title={row.reason ?? ''}>
        {row.reason ??
          (row.readAt
            ? t('send.table.readAt', { time: formatTime(row.readAt) })
            : row.deliveredAt
              ? t('send.table.deliveredAt', { time: formatTime(row.deliveredAt) })
              : '')}
      </span>
    </>
  );
}
