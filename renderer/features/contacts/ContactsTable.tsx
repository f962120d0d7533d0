import { observeElementOffset, useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useRef } from 'react';
import type { ImportSummary } from '../../../src/shared/contract/contacts';
import { formatCount } from './format';
import { scrollScale } from './scroll-scale';
import { useRowPages } from './useRowPages';
import { ErrorNote } from '../../components/ErrorNote';
import { useT } from '../../i18n';

/** Fixed row height: the virtualiser then needs no measuring. */
const ROW_HEIGHT = 30;
const HEADER_HEIGHT = 32;
/** The scroll box grows with a short list and stops at this height for a long one. */
const MAX_TABLE_HEIGHT = 420;
const ROW_COL = 90;
const PHONE_COL = 170;
const VALUE_COL = 170;

interface Props {
  summary: ImportSummary;
  version: number;
}

/**
 * The valid contacts, virtualised: only the rows in view (plus a few) are in the DOM, and only their pages are
 * fetched from main, so it scrolls the same with fifty rows or a million.
 *
 * Layout: a scroll box holding a sticky header and a body as tall as the (capped, see scroll-scale.ts) list. The
 * rows live in a "window" that sticks under the header, placed relative to the window, so no element ever sits
 * millions of pixels down.
 */
export function ContactsTable({ summary, version }: Props) {
  const t = useT();
  const total = summary.counts.valid;
  const scrollRef = useRef<HTMLDivElement>(null);
  const { rowAt, ensure, problem } = useRowPages(version);
  const scale = scrollScale(total * ROW_HEIGHT, HEADER_HEIGHT);
  const scaleRef = useRef(scale);
  scaleRef.current = scale;

  const virtualizer = useVirtualizer({
    count: total,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 10,
    // The virtualiser works in full-list pixels; the scroll box reports capped ones.
    observeElementOffset: (instance, report) =>
      observeElementOffset(instance, (offset, scrolling) => {
        const viewport = instance.scrollElement?.clientHeight ?? 0;
        report(scaleRef.current.toVirtual(offset, viewport), scrolling);
      }),
  });
  const items = virtualizer.getVirtualItems();
  const first = items[0]?.index ?? 0;
  const last = items[items.length - 1]?.index ?? -1;
  const offset = virtualizer.scrollOffset ?? 0;

  useEffect(() => {
    if (last >= first) ensure(first, last);
  }, [first, last, version, ensure]);

  // A new list starts at its top.
  useEffect(() => {
    scrollRef.current?.scrollTo({ top: 0 });
  }, [version]);

  const pasted = summary.source.kind === 'paste';
  // Pasted numbers have one unnamed column: the number as pasted.
  const columns = pasted ? [t('contacts.table.numberAsPasted')] : summary.columns;
  const template = `${ROW_COL}px ${PHONE_COL}px ${columns.length > 0 ? `repeat(${columns.length}, ${VALUE_COL}px)` : ''}`;
  const width = ROW_COL + PHONE_COL + VALUE_COL * columns.length;
  const height = Math.min(MAX_TABLE_HEIGHT, HEADER_HEIGHT + total * ROW_HEIGHT + 2);

  return (
    <div className="card" data-testid="contacts-table-card">
      <h2>{t('contacts.table.title', { count: formatCount(total) })}</h2>
      <ErrorNote message={problem} />
      {total === 0 ? (
        <p className="muted">{t('contacts.table.noneYet')}</p>
      ) : (
        <div className="vtable" ref={scrollRef} data-testid="contacts-table" role="table" aria-rowcount={total + 1} style={{ height }}>
          <div className="vrow vhead" role="row" style={{ gridTemplateColumns: template, width, height: HEADER_HEIGHT }}>
            <div role="columnheader" className="num">
              {t(pasted ? 'contacts.table.line' : 'contacts.table.row')}
            </div>
            <div role="columnheader">{t('contacts.table.whatsappNumber')}</div>
            {columns.map((c, i) => (
              <div
                role="columnheader"
                key={i}
                title={i === summary.phoneColumn ? t('contacts.table.phoneColumnTitle', { column: c }) : c}
                className={i === summary.phoneColumn ? 'phone-col' : undefined}
              >
                {i === summary.phoneColumn && !pasted && !/phone/i.test(c) ? t('contacts.table.phoneSuffix', { column: c }) : c}
              </div>
            ))}
          </div>
          <div className="vbody" style={{ height: scale.physicalHeight, width }}>
            <div className="vwindow" style={{ top: HEADER_HEIGHT, height: height - HEADER_HEIGHT - 2 }}>
              {items.map((item) => {
                const row = rowAt(item.index);
                return (
                  <div
                    key={item.key}
                    className={row ? 'vrow' : 'vrow loading'}
                    role="row"
                    aria-rowindex={item.index + 2}
                    data-testid="contact-row"
                    data-row={row?.row}
                    style={{
                      gridTemplateColumns: template,
                      width,
                      height: ROW_HEIGHT,
                      transform: `translateY(${item.start - offset}px)`,
                    }}
                  >
                    <div role="cell" className="num muted">
                      {row?.row ?? '…'}
                    </div>
                    <div role="cell" className="mono">
                      <bdi dir="ltr">{row?.phone ?? ''}</bdi>
                    </div>
                    {columns.map((_, i) => (
                      <div role="cell" key={i} title={row?.values[i]}>
                        <bdi>{row?.values[i] ?? ''}</bdi>
                      </div>
                    ))}
                  </div>
                );
              })}
            </div>
          </div>
        </div>
      )}
      {!pasted && <p className="muted small">{t('contacts.table.rowNote')}</p>}
    </div>
  );
}
