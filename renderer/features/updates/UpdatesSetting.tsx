import { useState } from 'react';
import { api } from '../../api';
import { ErrorNote } from '../../components/ErrorNote';
import { useT } from '../../i18n';
import { updateText } from './update-text';
import { useUpdateStatus } from './useUpdateStatus';

/** The Settings row: where the app update stands (or why there are none here), with "Check now". */
export function UpdatesSetting() {
  const t = useT();
  const [status, setStatus] = useUpdateStatus();
  const [problem, setProblem] = useState<string | null>(null);
  if (!status) return null;
  const canCheck = status.kind === 'idle' || status.kind === 'error';
  const check = async () => {
    setProblem(null);
    const r = await api.checkForUpdates();
    if (r.ok) setStatus(r.value);
    else setProblem(r.error.message);
  };
  return (
    <div className="field" data-testid="updates-setting">
      <span>{t('updates.setting.title')}</span>
      <p className={status.kind === 'off' ? 'muted' : undefined}>{updateText(status, t)}</p>
      {canCheck && (
        <div className="actions">
          <button className="secondary" onClick={check}>
            {t('updates.setting.checkNow')}
          </button>
        </div>
      )}
      <ErrorNote message={problem} />
    </div>
  );
}
