import { useEffect, useRef, useSyncExternalStore } from 'react';
import { hostLink } from '../transport/host-link';
import { Dialog } from './Dialog';

/**
 * In the browser host: when the host stops, the page says so over everything (nothing behind it can be pressed, no
 * stale "Sending…" to trust) and keeps trying; when the host is back, the page reloads, so every screen shows the
 * host's state afresh. Renders nothing while connected, and never in the desktop app.
 */
export function HostNotice() {
  const state = useSyncExternalStore(hostLink.subscribe, hostLink.get);
  const wasLost = useRef(false);
  useEffect(() => {
    if (state === 'lost') wasLost.current = true;
    else if (state === 'open' && wasLost.current) location.reload();
  }, [state]);

  return (
    <Dialog title="The app has stopped" open={state === 'lost'} onClose={() => undefined} closeOnEscape={false} testId="host-lost">
      <p role="status">Reconnecting…</p>
      <p className="muted">
        This page comes back by itself when the app is running again. If you stopped it, start it again; what you have sent and imported is kept.
      </p>
      <div className="actions">
        <button className="secondary" onClick={() => hostLink.retryNow()}>
          Try now
        </button>
      </div>
    </Dialog>
  );
}
