/**
 * Whether the page is connected to the browser host: 'connecting' until the first socket opens, 'open', and 'lost'
 * once it closes (the host stopped or restarted). The page shows a notice while it is lost and reloads when it is
 * back, so no screen keeps showing "Loading…" or a stale "Sending…". Stays 'open' in Electron, where there is no host.
 */
export type HostLinkState = 'connecting' | 'open' | 'lost';

export interface HostLink {
  get(): HostLinkState;
  set(state: HostLinkState): void;
  subscribe(listener: () => void): () => void;
  /** Try to connect now instead of at the next scheduled attempt. */
  retryNow(): void;
  /** The transport says how to retry now. */
  setRetry(retry: () => void): void;
}

export function createHostLink(initial: HostLinkState): HostLink {
  let state = initial;
  let retry = () => undefined as void;
  const listeners = new Set<() => void>();
  return {
    get: () => state,
    set(next) {
      if (next === state) return;
      state = next;
      for (const l of [...listeners]) l();
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    retryNow: () => retry(),
    setRetry(next) {
      retry = next;
    },
  };
}

/** The page's one link; the WebSocket transport drives it. */
export const hostLink = createHostLink('open');
