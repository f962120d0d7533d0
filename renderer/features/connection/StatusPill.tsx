import type { WaStatus } from '../../../src/shared/status';

const labels: Record<WaStatus['kind'], string> = {
  idle: 'Not connected',
  starting: 'Starting…',
  qr: 'Scan the QR code',
  authenticated: 'Linked, loading…',
  ready: 'Ready',
  auth_failure: 'Login failed',
  disconnected: 'Disconnected',
  error: 'Error',
};

export function statusLabel(status: WaStatus | null): string {
  if (status?.kind === 'disconnected' && status.reconnecting) return 'Reconnecting…';
  return status ? labels[status.kind] : 'Connecting to the app…';
}

/** Why the connection dropped, without the "Disconnected" the label already says; null when there is nothing more. */
export function disconnectReason(status: WaStatus | null): string | null {
  if (status?.kind !== 'disconnected') return null;
  const reason = status.reason.replace(/^disconnected\s*[:·-]\s*/i, '').trim();
  return reason && !/^disconnected\.?$/i.test(reason) ? reason : null;
}

export function StatusPill({ status }: { status: WaStatus | null }) {
  const kind = status?.kind ?? 'starting';
  const tone = kind === 'ready' ? 'good' : kind === 'error' || kind === 'auth_failure' ? 'bad' : 'neutral';
  return (
    <span className={`status-pill ${tone}`} data-testid="status-pill" data-status={kind} title={disconnectReason(status) ?? undefined}>
      {statusLabel(status)}
      {status?.kind === 'ready' && <> · +{status.account.number}</>}
    </span>
  );
}
