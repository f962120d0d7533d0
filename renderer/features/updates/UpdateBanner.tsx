import { useState } from 'react';
import type { UpdateStatus } from '../../../src/shared/contract/updates';
import type { Result } from '../../../src/shared/result';
import { api } from '../../api';
import { ErrorNote } from '../../components/ErrorNote';
import { useT } from '../../i18n';
import { showsBanner, updateText } from './update-text';
import { useUpdateStatus } from './useUpdateStatus';
import './updates.css';

/**
 * The app update, on every screen once one is on its way: "Update 1.2.3 downloading 40 %", then "Restart to
 * update". The app never restarts mid-campaign: asked during one, it says it will restart when the campaign pauses
 * or finishes. Hidden when there is nothing to say (up to date, demo mode, the browser host).
 */
export function UpdateBanner() {
  const t = useT();
  const [status, setStatus] = useUpdateStatus();
  const [problem, setProblem] = useState<string | null>(null);

  async function act(call: () => Promise<Result<UpdateStatus>>) {
    setProblem(null);
    const r = await call();
    if (r.ok) setStatus(r.value);
    else setProblem(r.error.message);
  }

  if (!status || !showsBanner(status)) return null;
  return (
    <div className="update-banner" role="status" data-testid="update-banner">
      <span>{updateText(status, t)}</span>
      {status.kind === 'ready' && !status.waitingForCampaign && (
        <button onClick={() => act(api.restartToUpdate)} data-testid="restart-to-update">
          {t('updates.banner.restart')}
        </button>
      )}
      {status.kind === 'ready' && status.waitingForCampaign && (
        <button className="secondary" onClick={() => act(api.cancelUpdateRestart)}>
          {t('updates.banner.dontRestart')}
        </button>
      )}
      <ErrorNote message={problem} />
    </div>
  );
}
