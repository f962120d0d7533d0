import { useState } from 'react';
import type { LimitsStatus } from '../../../src/shared/contract/limits';
import { rejectNotice } from '../../../src/core/send-limits';
import { api } from '../../api';
import { ErrorNote } from '../../components/ErrorNote';

/**
 * WhatsApp refused first messages in a row, so new contacts are paused: what it means, what to do, and the way to
 * send to new contacts again, which the operator has to choose on purpose.
 */
export function RejectNotice({ limits, onChange }: { limits: LimitsStatus; onChange: (limits: LimitsStatus) => void }) {
  const [sure, setSure] = useState(false);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  if (!limits.newContacts.paused) return null;
  const since = limits.newContacts.pausedAt === null ? '' : ` (since ${new Date(limits.newContacts.pausedAt).toLocaleString()})`;

  async function resume() {
    setBusy(true);
    const r = await api.resumeNewContacts();
    setBusy(false);
    if (!r.ok) return setProblem(`Could not resume new contacts: ${r.error.message}`);
    setSure(false);
    onChange(r.value);
  }

  return (
    <div className="reject-notice warning reason-box" role="status" data-testid="reject-notice">
      <p>
        <b>New contacts paused{since}.</b> {rejectNotice(Math.max(limits.newContacts.rejectedInARow, limits.settings.rejectPauseAfter))}
      </p>
      <p className="small">
        Messages to people this account has never chatted with wait; they are sent once you resume new contacts. Sending to new contacts again too
        soon can get the number banned.
      </p>
      {!sure ? (
        <button className="secondary" onClick={() => setSure(true)}>
          Resume new contacts…
        </button>
      ) : (
        <div className="actions">
          <button onClick={() => void resume()} disabled={busy}>
            Yes, send to new contacts again
          </button>
          <button className="secondary" onClick={() => setSure(false)}>
            Keep them paused
          </button>
        </div>
      )}
      <ErrorNote message={problem} />
    </div>
  );
}
