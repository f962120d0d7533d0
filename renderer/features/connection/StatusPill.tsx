import type { WaStatus } from '../../../src/shared/status';
import { useT, type MessageKey, type Translate } from '../../i18n';

const labels: Record<WaStatus['kind'], MessageKey> = {
  idle: 'status.idle',
  starting: 'status.starting',
  qr: 'status.qr',
  authenticated: 'status.authenticated',
  ready: 'status.ready',
  auth_failure: 'status.authFailure',
  disconnected: 'status.disconnected',
  error: 'status.error',
};

export function statusLabel(status: WaStatus | null, t: Translate): string {
  if (status?.kind === 'disconnected' && status.reconnecting) return t('status.reconnecting');
  return t(status ? labels[status.kind] : 'status.connectingToApp');
}

/** Why the connection dropped, without the "Disconnected" the label already says; null when there is nothing more. */
export function disconnectReason(status: WaStatus | null): string | null {
  if (status?.kind !== 'disconnected') return null;
  const reason = status.reason.replace(/^disconnected\s*[:·-]\s*/i, '').trim();
  return reason && !/^disconnected\.?$/i.test(reason) ? reason : null;
}

export function StatusPill({ status }: { status: WaStatus | null }) {
  const t = useT();
  const kind = status?.kind ?? 'starting';
  const tone = kind === 'ready' ? 'good' : kind === 'error' || kind === 'auth_failure' ? 'bad' : 'neutral';
  return (
    <span className={`status-pill ${tone}`} data-testid="status-pill" data-status={kind} title={disconnectReason(status) ?? undefined}>
      {statusLabel(status, t)}
      {/* The number reads left to right inside an Arabic sentence too. */}
      {status?.kind === 'ready' && (
        <>
          {' · '}
          <bdi dir="ltr">+{status.account.number}</bdi>
        </>
      )}
    </span>
  );
}
