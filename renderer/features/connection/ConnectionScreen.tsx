import { useState } from 'react';
import type { LogoutOutcome } from '../../../src/shared/contract/connection';
import type { Result } from '../../../src/shared/result';
import { api } from '../../api';
import type { ScreenProps } from '../../screen-props';
import { ConnectionSettings } from './ConnectionSettings';
import { disconnectReason, statusLabel } from './StatusPill';
import { LogoutDialog } from './LogoutDialog';
import { useDraft } from '../message/draft';
import { ErrorNote } from '../../components/ErrorNote';
import { useT } from '../../i18n';

/** Connect, scan, see the account, log out: the first thing an operator does. */
export function ConnectionScreen({ status, info }: ScreenProps) {
  const t = useT();
  const [busy, setBusy] = useState<string | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [logoutResult, setLogoutResult] = useState<LogoutOutcome | null>(null);
  const [confirmLogout, setConfirmLogout] = useState(false);
  const { discard, forgetUndo } = useDraft();
  // Log out deleted the data: the message being written goes too, with no undo.
  const forgetDraft = () => (discard(), forgetUndo());

  async function run<T>(label: string, call: () => Promise<Result<T>>): Promise<T | null> {
    setBusy(label);
    setProblem(null);
    try {
      const r = await call();
      if (!r.ok) setProblem(r.error.message);
      return r.ok ? r.value : null;
    } finally {
      setBusy(null);
    }
  }

  const kind = status?.kind;
  // A connection that is coming back by itself needs no restart (it would only slow that down).
  const reconnecting = status?.kind === 'disconnected' && status.reconnecting === true;
  const canConnect = kind === 'idle' || (kind === 'disconnected' && !reconnecting) || kind === 'auth_failure';
  const linked = kind === 'ready' || kind === 'authenticated';

  return (
    <section className="screen" aria-labelledby="connection-title">
      <h1 id="connection-title">Connection</h1>
      <div className="card connection-card" data-testid="connection-card">
        <h2 data-testid="connection-state">{statusLabel(status, t)}</h2>

        {status?.kind === 'starting' && (
          <div>
            <p className="muted">{status.message}</p>
            <progress max={100} value={status.percent ?? undefined} aria-label="Loading WhatsApp Web" />
          </div>
        )}

        {status?.kind === 'qr' && (
          <div className="qr-block">
            <img src={status.qrDataUrl} alt="QR code to link this computer" className="qr" data-testid="qr" />
            <ol className="steps">
              <li>Open WhatsApp on your phone.</li>
              <li>
                Go to <b>Settings → Linked devices → Link a device</b>.
              </li>
              <li>Point the phone at this code. It changes every few seconds; that is normal.</li>
            </ol>
            {info?.demo && (
              <button className="secondary" onClick={() => run('scan', api.simulateScan)} disabled={busy !== null}>
                Simulate scan
              </button>
            )}
          </div>
        )}

        {status?.kind === 'authenticated' && <p className="muted">Phone linked. Loading your chats…</p>}

        {status?.kind === 'ready' && (
          <p data-testid="account">
            Connected as <b>+{status.account.number}</b>
            {status.account.name && <> ({status.account.name})</>}. Messages will be sent from this account.
          </p>
        )}

        {(status?.kind === 'error' || status?.kind === 'auth_failure') && (
          <p className="error" role="alert" data-testid="status-error">
            {status.message}
          </p>
        )}
        {status?.kind === 'auth_failure' && (
          <p className="muted">
            WhatsApp did not accept this computer. Connect again to get a new QR code; if it keeps failing, log out on the phone (Linked devices) and
            here, then link again.
          </p>
        )}
        {status?.kind === 'disconnected' && (
          <>
            {/* The heading above already says Disconnected: the reason alone here, said once. */}
            {disconnectReason(status) && <p className="warning">{disconnectReason(status)}</p>}
            <p className="muted">
              {reconnecting ? 'Check the internet connection; WhatsApp Web reconnects by itself.' : 'Check that the phone is online.'} A campaign that
              was sending waits and continues once you are connected again; nothing is sent twice.
            </p>
          </>
        )}

        <div className="actions">
          {canConnect && (
            <button onClick={() => run('connect', api.connect)} disabled={busy !== null}>
              {kind === 'idle' ? 'Connect' : 'Connect again'}
            </button>
          )}
          {status?.kind === 'error' && status.actions.includes('retry') && (
            <button onClick={() => run('connect', api.connect)} disabled={busy !== null}>
              Retry
            </button>
          )}
          {status?.kind === 'error' && status.actions.includes('reset-cache') && (
            <button className="secondary" onClick={() => run('reset', api.resetCache)} disabled={busy !== null}>
              Reset WhatsApp Web cache
            </button>
          )}
          {linked && (
            <button className="danger" onClick={() => setConfirmLogout(true)} disabled={busy !== null}>
              Log out
            </button>
          )}
        </div>
        {busy && <p className="muted">Working…</p>}
        <ErrorNote message={problem} />
        {logoutResult && (
          <p className={logoutResult.wiped ? 'success' : 'warning'} data-testid="logout-result">
            {logoutResult.message}
            {logoutResult.dataDeleted && ` ${logoutResult.dataDeleted.message}`}
          </p>
        )}
      </div>

      <LogoutDialog
        open={confirmLogout}
        onClose={() => setConfirmLogout(false)}
        onLogout={async (request) => {
          setConfirmLogout(false);
          const outcome = await run('logout', () => api.logout(request));
          setLogoutResult(outcome);
          if (outcome?.dataDeleted) forgetDraft();
        }}
      />

      <ConnectionSettings dataDir={info?.dataDir ?? null} />
    </section>
  );
}
