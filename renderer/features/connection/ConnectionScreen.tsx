import { useState } from 'react';
import type { LogoutOutcome } from '../../../src/shared/contract/connection';
import type { Result } from '../../../src/shared/result';
import { api } from '../../api';
import type { ScreenProps } from '../../screen-props';
import { ConnectionSettings } from './ConnectionSettings';
import { disconnectReason, statusLabel } from './StatusPill';
import { LogoutDialog } from './LogoutDialog';
import { logoutText, mainText } from './main-text';
import { useDraft } from '../message/draft';
import { ErrorNote } from '../../components/ErrorNote';
import { FormattedMessage, useT } from '../../i18n';

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
      <h1 id="connection-title">{t('screens.connection')}</h1>
      <div className="card connection-card" data-testid="connection-card">
        <h2 data-testid="connection-state">{statusLabel(status, t)}</h2>

        {status?.kind === 'starting' && (
          <div>
            <p className="muted">{mainText(status.message, t)}</p>
            <progress max={100} value={status.percent ?? undefined} aria-label={t('connection.screen.loading')} />
          </div>
        )}

        {status?.kind === 'qr' && (
          <div className="qr-block">
            <img src={status.qrDataUrl} alt={t('connection.qr.alt')} className="qr" data-testid="qr" />
            <ol className="steps">
              <li>{t('connection.qr.step1')}</li>
              <li>
                <FormattedMessage id="connection.qr.step2" values={{ b: (chunks) => <b>{chunks}</b> }} />
              </li>
              <li>{t('connection.qr.step3')}</li>
            </ol>
            {info?.demo && (
              <button className="secondary" onClick={() => run('scan', api.simulateScan)} disabled={busy !== null}>
                {t('connection.qr.simulate')}
              </button>
            )}
          </div>
        )}

        {status?.kind === 'authenticated' && <p className="muted">{t('connection.linked')}</p>}

        {status?.kind === 'ready' && (
          <p data-testid="account">
            <FormattedMessage
              id={status.account.name ? 'connection.account.connectedNamed' : 'connection.account.connected'}
              values={{
                number: <bdi dir="ltr">+{status.account.number}</bdi>,
                name: <bdi>{status.account.name}</bdi>,
                b: (chunks) => <b>{chunks}</b>,
              }}
            />
          </p>
        )}

        {(status?.kind === 'error' || status?.kind === 'auth_failure') && (
          <p className="error" role="alert" data-testid="status-error">
            {mainText(status.message, t)}
          </p>
        )}
        {status?.kind === 'auth_failure' && <p className="muted">{t('connection.authFailure.help')}</p>}
        {status?.kind === 'disconnected' && (
          <>
            {/* The heading above already says Disconnected: the reason alone here, said once. */}
            {disconnectReason(status) && <p className="warning">{mainText(disconnectReason(status)!, t)}</p>}
            <p className="muted">{t(reconnecting ? 'connection.disconnected.reconnecting' : 'connection.disconnected.offline')}</p>
          </>
        )}

        <div className="actions">
          {canConnect && (
            <button onClick={() => run('connect', api.connect)} disabled={busy !== null}>
              {t(kind === 'idle' ? 'connection.actions.connect' : 'connection.actions.connectAgain')}
            </button>
          )}
          {status?.kind === 'error' && status.actions.includes('retry') && (
            <button onClick={() => run('connect', api.connect)} disabled={busy !== null}>
              {t('connection.actions.retry')}
            </button>
          )}
          {status?.kind === 'error' && status.actions.includes('reset-cache') && (
            <button className="secondary" onClick={() => run('reset', api.resetCache)} disabled={busy !== null}>
              {t('connection.actions.resetCache')}
            </button>
          )}
          {linked && (
            <button className="danger" onClick={() => setConfirmLogout(true)} disabled={busy !== null}>
              {t('connection.actions.logout')}
            </button>
          )}
        </div>
        {busy && <p className="muted">{t('connection.actions.working')}</p>}
        <ErrorNote message={problem} />
        {logoutResult && (
          <p className={logoutResult.wiped ? 'success' : 'warning'} data-testid="logout-result">
            {logoutText(logoutResult, t)}
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
