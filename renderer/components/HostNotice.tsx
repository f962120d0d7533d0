import { useEffect, useRef, useSyncExternalStore } from 'react';
import { hostLink } from '../transport/host-link';
import { Dialog } from './Dialog';
import { useT } from '../i18n';

/**
 * In the browser host: when the host stops, the page says so over everything (nothing behind it can be pressed, no
 * stale "Sending…" to trust) and keeps trying; when the host is back, the page reloads, so every screen shows the
 * host's state afresh. Renders nothing while connected, and never in the desktop app.
 */
export function HostNotice() {
  const t = useT();
  const state = useSyncExternalStore(hostLink.subscribe, hostLink.get);
  const wasLost = useRef(false);
  useEffect(() => {
    if (state === 'lost') wasLost.current = true;
    else if (state === 'open' && wasLost.current) location.reload();
  }, [state]);

  return (
    <Dialog title={t('common.hostLost.title')} open={state === 'lost'} onClose={() => undefined} closeOnEscape={false} testId="host-lost">
      <p role="status">{t('common.hostLost.reconnecting')}</p>
      <p className="muted">{t('common.hostLost.body')}</p>
      <div className="actions">
        <button className="secondary" onClick={() => hostLink.retryNow()}>
          {t('common.hostLost.tryNow')}
        </button>
      </div>
    </Dialog>
  );
}
