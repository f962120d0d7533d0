import { useEffect, useState } from 'react';
import { api } from '../../api';
import { Pager } from './Pager';
import { formatCount, sentence } from './format';
import { usePage } from './usePage';
import { useRowsExport } from './useRowsExport';
import { ErrorNote } from '../../components/ErrorNote';

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
  const [offset, setOffset] = useState(0);
  const { page, problem } = usePage(api.getImportProblems, offset, PAGE_SIZE, version, 'problem rows');
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
          <h2>Rows that will not be messaged ({formatCount(total)})</h2>
          <p className="muted small">
            {pasted
              ? 'Correct these numbers and paste them again, or leave them out: the others are not affected.'
              : `Fix these in ${sourceName} and import it again, or leave them out: the other rows are not affected.`}
          </p>
        </div>
        <button className="secondary" onClick={() => void exported.run()} disabled={exported.exporting}>
          {exported.exporting ? 'Saving…' : 'Export problems (CSV)'}
        </button>
      </div>
      <ErrorNote message={problem} />
      {page && (
        <table className="problem-table">
          <thead>
            <tr>
              <th className="num">{pasted ? 'Line' : 'Row'}</th>
              <th>Phone as written</th>
              <th>Why it cannot be used</th>
            </tr>
          </thead>
          <tbody>
            {page.items.map((p) => (
              <tr key={p.row} data-testid="problem-row">
                <td className="num">{p.row}</td>
                <td className="mono">{p.value === '' ? <span className="muted">(empty)</span> : p.value}</td>
                <td>{sentence(p.reason)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <Pager offset={offset} limit={PAGE_SIZE} total={page?.total ?? total} onOffset={setOffset} label="Problem rows pages" />
      {exported.note && (
        <p className={exported.note.bad ? 'error' : 'success'} role={exported.note.bad ? 'alert' : 'status'}>
          {exported.note.text}
        </p>
      )}
    </div>
  );
}
