import type { EventChannel, InvokeChannel, Transport } from '../../src/shared/contract';
import type { FileRef, FilePurpose, FilesApi } from '../../src/shared/contract/files';
import { fail, type Result } from '../../src/shared/result';

type Pending = (result: Result<unknown>) => void;

/**
 * The browser host's transport: the same contract over a WebSocket to the Node process that runs the
 * main-process services. The page authenticates with an HttpOnly cookie the host set when serving it.
 */
export function createWsTransport(url = wsUrl()): Transport & { ready: Promise<void> } {
  const pending = new Map<number, Pending>();
  const listeners = new Map<string, Set<(payload: unknown) => void>>();
  let nextId = 1;
  let socket: WebSocket;
  let open: Promise<void>;

  const connect = () => {
    socket = new WebSocket(url);
    open = new Promise((resolve) => socket.addEventListener('open', () => resolve(), { once: true }));
    socket.addEventListener('message', (e) => {
      const msg = JSON.parse(String(e.data)) as
        | { type: 'result'; id: number; result: Result<unknown> }
        | { type: 'event'; channel: string; payload: unknown };
      if (msg.type === 'result') {
        pending.get(msg.id)?.(msg.result);
        pending.delete(msg.id);
      } else {
        for (const l of listeners.get(msg.channel) ?? []) l(msg.payload);
      }
    });
    socket.addEventListener('close', () => {
      for (const settle of pending.values()) settle(fail('io', 'Lost the connection to the app host.'));
      pending.clear();
      // The host may have restarted: try again shortly so the page comes back by itself.
      setTimeout(connect, 1000);
    });
  };
  connect();

  return {
    get ready() {
      return open;
    },
    async invoke(channel: InvokeChannel, request: unknown) {
      await open;
      const id = nextId++;
      return new Promise<Result<never>>((resolve) => {
        pending.set(id, resolve as Pending);
        socket.send(JSON.stringify({ type: 'invoke', id, channel, payload: request }));
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
  const scheme = location.protocol === 'https:' ? 'wss:' : 'ws:';
  return `${scheme}//${location.host}/ipc`;
}

/** Files in the browser host: a file input and an upload stand in for the native dialog; exports download. */
export function createUploadFiles(): FilesApi {
  const upload = async (file: File, purpose: FilePurpose): Promise<Result<FileRef>> => {
    const query = new URLSearchParams({ purpose, name: file.name });
    try {
      const res = await fetch(`/upload?${query}`, { method: 'POST', body: file });
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
      const res = await fetch(`/save-target?${new URLSearchParams({ name: suggestedName })}`, { method: 'POST' });
      return (await res.json()) as Result<FileRef | null>;
    },
    deliverSaved: async (target) => {
      const a = document.createElement('a');
      a.href = `/download/${encodeURIComponent(target.id)}`;
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
