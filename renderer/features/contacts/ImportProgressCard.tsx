import type { ImportActivity } from './useImport';
import { plural } from './format';

/** While a file is read: what is happening, how far it is, and a way out. */
export function ImportProgressCard({ activity, onCancel }: { activity: ImportActivity; onCancel: () => void }) {
  if (activity.kind === 'idle') return null;
  if (activity.kind === 'picking') {
    // The browser host uploads the chosen file before main can read it: a big file takes a moment.
    return (
      <p className="muted" data-testid="import-picking" aria-live="polite">
        Waiting for the file…
      </p>
    );
  }
  if (activity.kind === 'uploading') {
    return (
      <div className="card" data-testid="import-progress" aria-live="polite">
        <h2>Opening {activity.name}…</h2>
        <progress aria-label={`Opening ${activity.name}`} />
      </div>
    );
  }
  const p = activity.progress;
  const byBytes = p !== null && p.phase === 'reading' && p.totalBytes > 0;
  const percent = byBytes ? Math.min(100, Math.round((p.bytesRead / p.totalBytes) * 100)) : null;
  const step = p?.phase === 'checking' ? 'Checking the numbers' : 'Reading';
  return (
    <div className="card" data-testid="import-progress" aria-live="polite">
      <h2>
        {step} {activity.name}…
      </h2>
      {/* No value = an indeterminate bar: a workbook reports no bytes until its sheet is parsed. */}
      <progress max={100} value={percent ?? undefined} aria-label={`Importing ${activity.name}`} />
      <p className="muted">
        {plural(p?.rowsRead ?? 0, 'row')} read{percent !== null && <> · {percent}%</>}
      </p>
      <div className="actions">
        <button className="secondary" onClick={onCancel} disabled={activity.cancelling}>
          {activity.cancelling ? 'Cancelling…' : 'Cancel import'}
        </button>
      </div>
    </div>
  );
}
