import type { EventChannel, InvokeChannel, Transport } from '../../src/shared/contract';
import type { FileRef, FilePurpose, FilesApi } from '../../src/shared/contract/files';
import { fail, type Result } from '../../src/shared/result';
import { describeBytes, exceedsBytes, MAX_IPC_MESSAGE_BYTES, utf8ByteLength } from '../../src/shared/transport-limits';
import { hostLink, type HostLink } from './host-link';

type Pending = (result: Result<unknown>) => void;

export interface WsTransportOptions {
  /** The host's socket; by default `ipc` beside the page (the page's address carries the host's secret). */
  url?: string;
  /** The WebSocket class (the browser's; tests pass a stand-in). */
  WebSocket?: typeof WebSocket;
  /** Largest message sent, in UTF-8 bytes: the limit the host's socket enforces. */
  maxMessageBytes?: number;
  /** Told when the socket opens and closes (the page's notice); by default the page's one hostLink. */
  link?: HostLink;
}

/**
 * The browser host's transport: the same contract over a WebSocket to the Node process that runs the
 * main-process services. The page was opened from an address with the host's secret in its path
 * (http://127.0.0.1:PORT/SECRET/); the socket, uploads and downloads are relative to it, so they carry it too.
 */
export function createWsTransport(options: WsTransportOptions = {}): Transport & { ready: Promise<void> } {
  const url = options.url ?? wsUrl();
  const Socket = options.WebSocket ?? WebSocket;
  const maxBytes = options.maxMessageBytes ?? MAX_IPC_MESSAGE_BYTES;
  const link = options.link ?? hostLink;
  link.set('connecting');
  const pending = new Map<number, Pending>();
  const listeners = new Map<string, Set<(payload: unknown) => void>>();
  let nextId = 1;
  let socket: WebSocket;
  let open: Promise<void>;

  const onMessage = (e: MessageEvent) => {
    let msg: { type?: unknown; id?: unknown; result?: unknown; channel?: unknown; payload?: unknown };
    try {
      msg = JSON.parse(String(e.data));
    } catch {
      return;
    }
    if (msg.type === 'result' && typeof msg.id === 'number') {
      pending.get(msg.id)?.(msg.result as Result<unknown>);
      pending.delete(msg.id);
    } else if (msg.type === 'event' && typeof msg.channel === 'string') {
      for (const l of listeners.get(msg.channel) ?? []) l(msg.payload);
    }
  };

  // Attempts in a row that never opened: the host is away, or refuses this page (an address from before a restart).
  let failedAttempts = 0;
  let retryTimer: ReturnType<typeof setTimeout> | null = null;
  const connect = () => {
    retryTimer = null;
    socket = new Socket(url);
    let opened = false;
    // Settles when this attempt opens or fails (a refused or stale address): a call then fails instead of waiting.
    open = new Promise((resolve) => {
      socket.addEventListener(
        'open',
        () => {
          opened = true;
          failedAttempts = 0;
          link.set('open');
          resolve();
        },
        { once: true },
      );
      socket.addEventListener('close', () => resolve(), { once: true });
    });
    socket.addEventListener('message', onMessage);
    socket.addEventListener('close', () => {
      for (const settle of pending.values()) settle(fail('io', 'Lost the connection to the app host.'));
      pending.clear();
      link.set('lost');
      // The host may be back in a moment: try again so the page comes back by itself; less often while it stays away
      // or refuses (1 s, 2 s, 4 s … at most 30 s), so an old tab does not knock every second.
      if (!opened) failedAttempts++;
      retryTimer = setTimeout(connect, Math.min(30_000, 1000 * 2 ** failedAttempts));
    });
  };
  connect();
  // "Try now" on the page's notice: the next attempt at once, instead of after the wait.
  link.setRetry(() => {
    if (retryTimer === null) return;
    clearTimeout(retryTimer);
    connect();
  });

  return {
    get ready() {
      return open;
    },
    async invoke(channel: InvokeChannel, request: unknown) {
      await open;
      const id = nextId++;
      const message = JSON.stringify({ type: 'invoke', id, channel, payload: request });
      // The host would close the socket on a larger message (and every call in flight with it): refuse it here.
      if (exceedsBytes(message, maxBytes)) {
        return fail(
          'bad_request',
          `This is too much to send to the app host at once: ${describeBytes(utf8ByteLength(message))}, over the ` +
            `${describeBytes(maxBytes)} limit for one request (${channel}). Send less at once; a long list of numbers ` +
            'can be imported as a file instead.',
        );
      }
      // A socket closed since it opened drops what is sent without a word: say so instead of waiting forever.
      if (socket.readyState !== Socket.OPEN) return fail('io', 'Lost the connection to the app host.');
      return new Promise<Result<never>>((resolve) => {
        pending.set(id, resolve as Pending);
        socket.send(message);
      });
    },
    on(channel: EventChannel, listener: (payload: never) => void) {
      const set = listeners.get(channel) ?? new Set();
      set.add(listener as (payload: unknown) => void);
      listeners.set(channel, set);
      return () => set.delete(listener as (payload: unknown) => void);
    },
  } as Transport & { ready: Promise<void> };
}

function wsUrl(): string {
  const url = new URL('ipc', location.href);
  url.protocol = location.protocol === 'https:' ? 'wss:' : 'ws:';
  url.hash = '';
  return url.href;
}

/** Files in the browser host: a file input and an upload stand in for the native dialog; exports download. */
export function createUploadFiles(): FilesApi {
  const upload = async (file: File, purpose: FilePurpose): Promise<Result<FileRef>> => {
    const query = new URLSearchParams({ purpose, name: file.name });
    try {
      // Relative to the page, so under the host's secret path.
      const res = await fetch(`upload?${query}`, { method: 'POST', body: file });
      return (await res.json()) as Result<FileRef>;
    } catch (err) {
      return fail('io', `Could not upload ${file.name}: ${String(err)}`);
    }
  };
  return {
    pickFile: (purpose) =>
      new Promise((resolve) => {
        const input = document.createElement('input');
        input.type = 'file';
        input.accept = acceptFor(purpose);
        input.addEventListener('change', () => {
          const file = input.files?.[0];
          resolve(file ? upload(file, purpose) : { ok: true, value: null });
        });
        input.addEventListener('cancel', () => resolve({ ok: true, value: null }));
        input.click();
      }),
    fileFromDrop: upload,
    pickSaveTarget: async (suggestedName) => {
      const res = await fetch(`save-target?${new URLSearchParams({ name: suggestedName })}`, { method: 'POST' });
      return (await res.json()) as Result<FileRef | null>;
    },
    deliverSaved: async (target) => {
      const a = document.createElement('a');
      a.href = `download/${encodeURIComponent(target.id)}`;
      a.download = target.name;
      a.click();
    },
  };
}

export function acceptFor(purpose: FilePurpose): string {
  switch (purpose) {
    case 'contacts':
    case 'opt-out':
      return '.csv,.tsv,.txt,.xlsx,.xls,.ods';
    case 'template':
      return '.txt,.md';
    case 'attachment':
      return '';
  }
}
