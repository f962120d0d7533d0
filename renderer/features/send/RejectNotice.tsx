import { useState } from 'react';
import type { LimitsStatus } from '../../../src/shared/contract/limits';
import { api } from '../../api';
import { ErrorNote } from '../../components/ErrorNote';
import { useT } from '../../i18n';
import { formatDateTime } from '../../i18n/format';

/**
 * WhatsApp refused first messages in a row, so new contacts are paused: what it means, what to do, and the way to
 * send to new contacts again, which the operator has to choose on purpose.
 */
export function RejectNotice({ limits, onChange }: { limits: LimitsStatus; onChange: (limits: LimitsStatus) => void }) {
  const t = useT();
  const [sure, setSure] = useState(false);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  if (!limits.newContacts.paused) return null;
  const { pausedAt } = limits.newContacts;

  async function resume() {
    setBusy(true);
    const r = await api.resumeNewContacts();
    setBusy(false);
    if (!r.ok) return setProblem(t('send.limits.resumeFailed', { error: r.error.message }));
    setSure(false);
    onChange(r.value);
  }

  return (
    <div className="reject-notice warning reason-box" role="status" data-testid="reject-notice">
      <p>
        <b>{pausedAt === null ? t('send.limits.paused') : t('send.limits.pausedSince', { when: formatDateTime(pausedAt) })}</b>{' '}
        {t('send.limits.rejectNotice', { count: Math.max(limits.newContacts.rejectedInARow, limits.settings.rejectPauseAfter) })}
      </p>
      <p className="small">{t('send.limits.waitExplain')}</p>
      {!sure ? (
        <button className="secondary" onClick={() => setSure(true)}>
          {t('send.limits.resume')}
        </button>
      ) : (
        <div className="actions">
          <button onClick={() => void resume()} disabled={busy}>
            {t('send.limits.resumeYes')}
          </button>
          <button className="secondary" onClick={() => setSure(false)}>
            {t('send.limits.keepPaused')}
          </button>
        </div>
      )}
      <ErrorNote message={problem} />
    </div>
  );
}
