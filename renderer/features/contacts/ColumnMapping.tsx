import { useState } from 'react';
import { columnLetter } from '../../../src/core/columns';
import type { ColumnMappingRequest, ImportSummary } from '../../../src/shared/contract/contacts';
import { api } from '../../api';
import { CountrySelect } from './CountrySelect';
import { HeaderRowField } from './HeaderRowField';
import { ErrorNote } from '../../components/ErrorNote';
import { useT } from '../../i18n';

interface Props {
  summary: ImportSummary;
  /** Another import (or a re-check) is running: the controls wait. */
  busy: boolean;
  onApplied: (summary: ImportSummary) => void;
  /**
   * Read the file again: another sheet of the workbook, or the same sheet with another header row; null when the
   * file is no longer at hand to read again.
   */
  onReread: ((change: { sheet?: string; headerRow?: number }) => Promise<string | null>) | null;
}

/**
 * How the file is read: sheet, phone column, header row, country for local numbers. Each change is applied by main
 * to every row (and remembered for files laid out the same way), so the counts and table below update.
 */
export function ColumnMapping({ summary, busy, onApplied, onReread }: Props) {
  const t = useT();
  const [applying, setApplying] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const pasted = summary.source.kind === 'paste';
  const disabled = busy || applying;
  const sheet = summary.sheet ?? undefined;

  async function apply(change: ColumnMappingRequest) {
    setApplying(true);
    setProblem(null);
    try {
      const r = await api.setColumnMapping(change);
      if (r.ok) onApplied(r.value);
      else setProblem(t('contacts.mapping.applyFailed', { file: summary.source.name, message: r.error.message }));
    } finally {
      setApplying(false);
    }
  }

  return (
    <div className="card" data-testid="column-mapping">
      <h2>{t(pasted ? 'contacts.mapping.titlePasted' : 'contacts.mapping.titleFile')}</h2>
      <div className="mapping-grid">
        {summary.sheets.length > 0 && (
          <label className="field" htmlFor="mapping-sheet">
            <span>{t('contacts.mapping.sheet')}</span>
            <select
              id="mapping-sheet"
              value={summary.sheet ?? ''}
              disabled={disabled || onReread === null || summary.sheets.length < 2}
              onChange={(e) => void onReread?.({ sheet: e.target.value })}
            >
              {summary.sheets.map((s) => (
                <option key={s} value={s}>
                  {s}
                </option>
              ))}
            </select>
            {onReread === null && summary.sheets.length > 1 && <span className="muted small">{t('contacts.mapping.sheetReimport')}</span>}
          </label>
        )}
        {!pasted && (
          <label className="field" htmlFor="mapping-phone">
            <span>{t('contacts.mapping.phoneColumn')}</span>
            <select
              id="mapping-phone"
              value={summary.phoneColumn}
              disabled={disabled}
              onChange={(e) => apply({ phoneColumn: Number(e.target.value) })}
            >
              {summary.columns.map((name, i) => (
                <option key={i} value={i}>
                  {columnLetter(i)} · {name}
                </option>
              ))}
            </select>
          </label>
        )}
        <label className="field" htmlFor="mapping-country">
          <span>{t('contacts.mapping.country')}</span>
          <CountrySelect
            id="mapping-country"
            value={summary.defaultCountry}
            disabled={disabled}
            onChange={(code) => code && apply({ defaultCountry: code })}
          />
        </label>
      </div>
      {!pasted && (
        <label className="check">
          <input type="checkbox" checked={summary.hasHeader} disabled={disabled} onChange={(e) => apply({ hasHeader: e.target.checked })} />
          {t('contacts.mapping.hasHeader')}
        </label>
      )}
      {!pasted && summary.hasHeader && summary.headerRow && (
        <HeaderRowField headerRow={summary.headerRow} disabled={disabled} onPick={onReread && ((headerRow) => onReread({ sheet, headerRow }))} />
      )}
      {applying && (
        <div aria-live="polite">
          <p className="muted">{t('contacts.mapping.checking')}</p>
          <progress aria-label={t('contacts.mapping.checkingLabel')} />
        </div>
      )}
      {summary.mappingRemembered && !applying && (
        <p className="muted small" data-testid="mapping-remembered">
          {t('contacts.mapping.remembered')}
        </p>
      )}
      <ErrorNote message={problem} />
    </div>
  );
}
