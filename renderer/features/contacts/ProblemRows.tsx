import { useEffect, useState } from 'react';
import { api } from '../../api';
import { Pager } from './Pager';
import { describeReason, formatCount } from './format';
import { usePage } from './usePage';
import { useRowsExport } from './useRowsExport';
import { ErrorNote } from '../../components/ErrorNote';
import { useT } from '../../i18n';

const PAGE_SIZE = 25;

interface Props {
  sourceName: string;
  /** Pasted numbers have lines, not rows of a file. */
  pasted: boolean;
  total: number;
  version: number;
}

/** The rows that will not be messaged because their number cannot be used: where they are in the file and why. */
export function ProblemRows({ sourceName, pasted, total, version }: Props) {
  const t = useT();
  const [offset, setOffset] = useState(0);
  const { page, problem } = usePage(api.getImportProblems, offset, PAGE_SIZE, version, 'contacts.problems.loadFailed');
  const exported = useRowsExport(sourceName);

  // A new import or mapping starts the list from its first page again, and a note about the last list's export
  // ("Saved 4 rows") goes with it.
  const clearNote = exported.clear;
  useEffect(() => {
    setOffset(0);
    clearNote();
  }, [version, clearNote]);

  return (
    <div className="card" data-testid="problem-rows">
      <div className="summary-head">
        <div>
          <h2>{t('contacts.problems.title', { count: formatCount(total) })}</h2>
          <p className="muted small">{pasted ? t('contacts.problems.fixPasted') : t('contacts.problems.fixFile', { file: sourceName })}</p>
        </div>
        <button className="secondary" onClick={() => void exported.run()} disabled={exported.exporting}>
          {t(exported.exporting ? 'contacts.export.saving' : 'contacts.problems.export')}
        </button>
      </div>
      <ErrorNote message={problem} />
      {page && (
        <table className="problem-table">
          <thead>
            <tr>
              <th className="num">{t(pasted ? 'contacts.table.line' : 'contacts.table.row')}</th>
              <th>{t('contacts.problems.phoneAsWritten')}</th>
              <th>{t('contacts.problems.why')}</th>
            </tr>
          </thead>
          <tbody>
            {page.items.map((p) => (
              <tr key={p.row} data-testid="problem-row">
                <td className="num">{p.row}</td>
                <td className="mono">{p.value === '' ? <span className="muted">{t('contacts.problems.empty')}</span> : <bdi>{p.value}</bdi>}</td>
                <td>{describeReason(p.reason, t)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <Pager offset={offset} limit={PAGE_SIZE} total={page?.total ?? total} onOffset={setOffset} label={t('contacts.problems.pagesLabel')} />
      {exported.note && (
        <p className={exported.note.bad ? 'error' : 'success'} role={exported.note.bad ? 'alert' : 'status'}>
          {exported.note.text}
        </p>
      )}
    </div>
  );
}
