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

export function StatusPill({ status }: { status: WaStatus | null }) {
  const kind = status?.kind ?? 'starting';
  const tone = kind === 'ready' ? 'good' : kind === 'error' || kind === 'auth_failure' ? 'bad' : 'neutral';
  return (
    <span className={`status-pill ${tone}`} data-testid="status-pill" data-status={kind}>
      {statusLabel(status)}
      {status?.kind === 'ready' && <> · +{status.account.number}</>}
    </span>
  );
}
