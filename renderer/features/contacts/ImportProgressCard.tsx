import type { ImportActivity } from './useImport';
import { useT } from '../../i18n';
import { formatPercent } from '../../i18n/format';

/** While a file is read: what is happening, how far it is, and a way out. */
export function ImportProgressCard({ activity, onCancel }: { activity: ImportActivity; onCancel: () => void }) {
  const t = useT();
  if (activity.kind === 'idle') return null;
  if (activity.kind === 'picking') {
    // The browser host uploads the chosen file before main can read it: a big file takes a moment.
    return (
      <p className="muted" data-testid="import-picking" aria-live="polite">
        {t('contacts.progress.waiting')}
      </p>
    );
  }
  if (activity.kind === 'uploading') {
    return (
      <div className="card" data-testid="import-progress" aria-live="polite">
        <h2>{t('contacts.progress.opening', { file: activity.name })}</h2>
        <progress aria-label={t('contacts.progress.opening', { file: activity.name })} />
      </div>
    );
  }
  const p = activity.progress;
  const byBytes = p !== null && p.phase === 'reading' && p.totalBytes > 0;
  const percent = byBytes ? Math.min(100, Math.round((p.bytesRead / p.totalBytes) * 100)) : null;
  return (
    <div className="card" data-testid="import-progress" aria-live="polite">
      <h2>{t(p?.phase === 'checking' ? 'contacts.progress.checking' : 'contacts.progress.reading', { file: activity.name })}</h2>
      {/* No value = an indeterminate bar: a workbook reports no bytes until its sheet is parsed. */}
      <progress max={100} value={percent ?? undefined} aria-label={t('contacts.progress.importingLabel', { file: activity.name })} />
      <p className="muted">
        {t('contacts.progress.rowsRead', { count: p?.rowsRead ?? 0 })}
        {percent !== null && ` · ${formatPercent(percent / 100)}`}
      </p>
      <div className="actions">
        <button className="secondary" onClick={onCancel} disabled={activity.cancelling}>
          {t(activity.cancelling ? 'contacts.progress.cancelling' : 'contacts.progress.cancel')}
        </button>
      </div>
    </div>
  );
}
