import { useEffect, useState } from 'react';
import type { ImportSummary, KeepDuplicatesRequest } from '../../../src/shared/contract/contacts';
import { api } from '../../api';
import { ErrorNote } from '../../components/ErrorNote';
import { FormattedMessage, useT } from '../../i18n';
import { Pager } from './Pager';
import { formatCount } from './format';
import { usePage } from './usePage';
import { useRowsExport } from './useRowsExport';

const PAGE_SIZE = 25;

interface Props {
  summary: ImportSummary;
  version: number;
  busy: boolean;
  onApplied: (summary: ImportSummary) => void;
}

/**
 * Rows whose number an earlier row has: each with the row it repeats, and a Keep choice for the ones that should
 * get a message of their own (a family sharing one mobile, two appointments). Every change can be undone.
 */
export function DuplicateRows({ summary, version, busy, onApplied }: Props) {
  const t = useT();
  const total = summary.counts.duplicates + summary.keptDuplicates;
  const kept = summary.keptDuplicates;
  const pasted = summary.source.kind === 'paste';
  const [offset, setOffset] = useState(0);
  const [saving, setSaving] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const { page, problem: loadProblem } = usePage(api.getImportDuplicates, offset, PAGE_SIZE, version, 'contacts.duplicates.loadFailed');
  // With problem rows, their card has the export (which lists these too); without, it is here.
  const exported = useRowsExport(summary.source.name);
  const canExport = summary.counts.invalid === 0 && summary.counts.duplicates > 0;

  // Another file or mapping has other duplicates: back to the first page. Keeping one changes neither.
  const listKey = `${summary.source.name}|${summary.sheet}|${summary.phoneColumn}|${summary.hasHeader}|${total}`;
  const clearNote = exported.clear;
  useEffect(() => {
    setOffset(0);
    clearNote();
  }, [listKey, clearNote]);

  async function change(request: KeepDuplicatesRequest) {
    setSaving(true);
    setProblem(null);
    try {
      const r = await api.keepDuplicates(request);
      if (r.ok) onApplied(r.value);
      else setProblem(t('contacts.duplicates.changeFailed', { file: summary.source.name, message: r.error.message }));
    } finally {
      setSaving(false);
    }
  }

  const disabled = busy || saving;
  const unit = pasted ? 'line' : 'row';
  return (
    <div className="card" data-testid="duplicate-rows">
      <div className="summary-head">
        <div>
          <h2>{t('contacts.duplicates.title', { count: formatCount(total) })}</h2>
          <p className="muted small">{t(pasted ? 'contacts.duplicates.explainLines' : 'contacts.duplicates.explainRows')}</p>
        </div>
        <div className="duplicate-actions">
          {kept < total && (
            <button className="secondary" onClick={() => void change({ change: 'all', keep: true })} disabled={disabled}>
              {t('contacts.duplicates.keepAll')}
            </button>
          )}
          {kept > 0 && (
            <button className="secondary" onClick={() => void change({ change: 'all', keep: false })} disabled={disabled}>
              {t('contacts.duplicates.leaveAll')}
            </button>
          )}
          {canExport && (
            <button className="secondary" onClick={() => void exported.run()} disabled={exported.exporting}>
              {t(exported.exporting ? 'contacts.export.saving' : 'contacts.duplicates.export')}
            </button>
          )}
          {summary.canUndoKeep && (
            <button className="secondary" onClick={() => void change({ change: 'undo' })} disabled={disabled} data-testid="duplicates-undo">
              {t('contacts.duplicates.undo')}
            </button>
          )}
        </div>
      </div>
      <p className={kept > 0 ? 'success small' : 'muted small'} role="status" data-testid="duplicates-kept">
        {kept > 0 ? t('contacts.duplicates.kept', { count: kept }) : t('contacts.duplicates.noneKept')}
      </p>
      <ErrorNote message={loadProblem ?? problem} />
      {page && (
        <ul className="duplicate-list">
          {page.items.map((d) => (
            <li key={d.row} className={d.kept ? 'kept' : ''} data-testid="duplicate-row">
              <label className="duplicate-keep">
                <input
                  type="checkbox"
                  checked={d.kept}
                  disabled={disabled}
                  onChange={(e) => void change({ change: 'rows', rows: [d.row], keep: e.target.checked })}
                  aria-label={t('contacts.duplicates.keepLabel', { unit, row: d.row })}
                />
                {t('contacts.duplicates.keep')}
              </label>
              <div className="duplicate-text">
                <span>
                  <FormattedMessage
                    id={d.details ? 'contacts.duplicates.repeatsWithDetails' : 'contacts.duplicates.repeats'}
                    values={{
                      unit,
                      row: d.row,
                      repeats: d.repeatsRow,
                      phone: <bdi dir="ltr">{d.phone}</bdi>,
                      details: <bdi dir="auto">{d.details}</bdi>,
                      b: (chunks) => <b>{chunks}</b>,
                    }}
                  />
                </span>
                {d.repeatsDetails && (
                  <span className="muted small">
                    <FormattedMessage
                      id="contacts.duplicates.repeatedDetails"
                      values={{ unit, row: d.repeatsRow, details: <bdi dir="auto">{d.repeatsDetails}</bdi> }}
                    />
                  </span>
                )}
              </div>
            </li>
          ))}
        </ul>
      )}
      <Pager offset={offset} limit={PAGE_SIZE} total={page?.total ?? total} onOffset={setOffset} label={t('contacts.duplicates.pagesLabel')} />
      {exported.note && (
        <p className={exported.note.bad ? 'error' : 'success'} role={exported.note.bad ? 'alert' : 'status'}>
          {exported.note.text}
        </p>
      )}
    </div>
  );
}
