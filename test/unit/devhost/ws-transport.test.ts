import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createHostLink } from '../../../renderer/transport/host-link';
import { createWsTransport } from '../../../renderer/transport/ws-transport';
import { MAX_IPC_MESSAGE_BYTES } from '../../../src/shared/transport-limits';

// The page's side of issue 13, point 8: a request the host would refuse for its size is refused before it is
// sent, with an error that names the limit, instead of the host closing the socket on the whole page.

type Listener = (event: { data?: unknown }) => void;

/** Stands in for the browser's WebSocket: opens at once, answers every invoke with ok(<bytes received>). */
class FakeSocket {
  static readonly OPEN = 1;
  static instances: FakeSocket[] = [];
  /** The host refuses the handshake: the socket closes without ever opening. */
  static refuse = false;
  readonly OPEN = 1;
  readyState = 0;
  readonly sent: string[] = [];
  private readonly listeners = new Map<string, Set<Listener>>();

  constructor(readonly url: string) {
    FakeSocket.instances.push(this);
    queueMicrotask(() => {
      if (FakeSocket.refuse) return this.close();
      this.readyState = 1;
      this.dispatch('open', {});
    });
  }

  addEventListener(type: string, listener: Listener): void {
    const set = this.listeners.get(type) ?? new Set();
    set.add(listener);
    this.listeners.set(type, set);
  }

  send(data: string): void {
    if (this.readyState !== 1) return; // a browser drops what is sent on a closed socket, silently
    this.sent.push(data);
    const msg = JSON.parse(data) as { id: number };
    queueMicrotask(() =>
      this.dispatch('message', { data: JSON.stringify({ type: 'result', id: msg.id, result: { ok: true, value: data.length } }) }),
    );
  }

  close(): void {
    this.readyState = 3;
    this.dispatch('close', {});
  }

  dispatch(type: string, event: { data?: unknown }): void {
    for (const l of this.listeners.get(type) ?? []) l(event);
  }
}

beforeEach(() => {
  FakeSocket.instances = [];
  FakeSocket.refuse = false;
});

afterEach(() => {
  vi.useRealTimers();
});

function transport(maxMessageBytes?: number) {
  return createWsTransport({
    url: 'ws://127.0.0.1:1/secret/ipc',
    WebSocket: FakeSocket as unknown as typeof WebSocket,
    ...(maxMessageBytes === undefined ? {} : { maxMessageBytes }),
  });
}

describe('ws-transport: size limit', () => {
  it('refuses a request over the shared limit before sending it, naming the limit', async () => {
    const t = transport();
    await t.ready;
    const text = '1'.repeat(MAX_IPC_MESSAGE_BYTES);
    const result = await t.invoke('contacts:importText', { text });
    expect(result).toMatchObject({ ok: false, error: { code: 'bad_request' } });
    const message = (result as { error: { message: string } }).error.message;
    expect(message).toContain(`${MAX_IPC_MESSAGE_BYTES / 1024 / 1024} MB`);
    expect(message).toContain('contacts:importText');
    expect(FakeSocket.instances[0]!.sent).toEqual([]);
  });

  it('counts UTF-8 bytes, not characters: at the limit goes, one byte over does not', async () => {
    const limit = 1000;
    const t = transport(limit);
    await t.ready;
    const overhead = JSON.stringify({ type: 'invoke', id: 1, channel: 'campaign:saveTemplate', payload: { name: 'n', text: '' } }).length;
    // 'é' is one character and two bytes: this text makes the message exactly `limit` bytes.
    const room = limit - overhead;
    const twoByte = 'é'.repeat(Math.floor(room / 2)) + (room % 2 ? 'x' : '');
    expect(
      new TextEncoder().encode(JSON.stringify({ type: 'invoke', id: 1, channel: 'campaign:saveTemplate', payload: { name: 'n', text: twoByte } }))
        .length,
    ).toBe(limit);
    expect(await t.invoke('campaign:saveTemplate', { name: 'n', text: twoByte })).toMatchObject({ ok: true });
    const over = await t.invoke('campaign:saveTemplate', { name: 'n', text: `${twoByte}x` });
    expect(over).toMatchObject({ ok: false, error: { code: 'bad_request' } });
    expect(FakeSocket.instances[0]!.sent).toHaveLength(1);
  });
});

describe('ws-transport: a lost connection', () => {
  it('fails a call made while the socket is closed instead of leaving it waiting', async () => {
    const t = transport();
    await t.ready;
    FakeSocket.instances[0]!.close();
    expect(await t.invoke('settings:get', undefined)).toMatchObject({ ok: false, error: { code: 'io' } });
  });

  it('fails a call at once when the host refuses the page, instead of leaving it waiting', async () => {
    FakeSocket.refuse = true;
    const t = transport();
    expect(await t.invoke('settings:get', undefined)).toMatchObject({ ok: false, error: { code: 'io' } });
  });

  it('tries again after a drop, then less and less often while the host refuses (1, 2, 4 … 30 s)', async () => {
    vi.useFakeTimers();
    transport();
    await vi.advanceTimersByTimeAsync(0);
    FakeSocket.refuse = true;
    FakeSocket.instances[0]!.close(); // a drop after the socket was open: back in 1 s
    const attemptsAt = async (ms: number) => {
      await vi.advanceTimersByTimeAsync(ms);
      return FakeSocket.instances.length;
    };
    expect(await attemptsAt(999)).toBe(1);
    expect(await attemptsAt(1)).toBe(2); // refused: next in 2 s
    expect(await attemptsAt(1999)).toBe(2);
    expect(await attemptsAt(1)).toBe(3); // then 4 s, 8 s, 16 s, 30 s, 30 s
    expect(await attemptsAt(4000 + 8000 + 16000)).toBe(6);
    expect(await attemptsAt(29_999)).toBe(6);
    expect(await attemptsAt(1)).toBe(7);
    expect(await attemptsAt(30_000)).toBe(8);
    FakeSocket.refuse = false;
    expect(await attemptsAt(30_000)).toBe(9); // the host is back: this one opens
    FakeSocket.instances[8]!.close(); // and drops: back to 1 s
    expect(await attemptsAt(999)).toBe(9);
    expect(await attemptsAt(1)).toBe(10);
  });
});

describe('ws-transport: the page is told when the host goes and comes back', () => {
  it('says connecting, open, lost, and open again; Try now attempts at once instead of after the wait', async () => {
    vi.useFakeTimers();
    const link = createHostLink('open');
    const states: string[] = [];
    link.subscribe(() => states.push(link.get()));
    createWsTransport({ url: 'ws://127.0.0.1:1/secret/ipc', WebSocket: FakeSocket as unknown as typeof WebSocket, link });
    expect(link.get()).toBe('connecting');
    await vi.advanceTimersByTimeAsync(0);
    expect(link.get()).toBe('open');
    FakeSocket.refuse = true;
    FakeSocket.instances[0]!.close(); // the host stopped
    expect(link.get()).toBe('lost');
    await vi.advanceTimersByTimeAsync(1000); // the next attempt is refused too: the one after waits 2 s
    expect(FakeSocket.instances).toHaveLength(2);
    expect(link.get()).toBe('lost');
    FakeSocket.refuse = false; // the host is back
    link.retryNow();
    expect(FakeSocket.instances).toHaveLength(3);
    await vi.advanceTimersByTimeAsync(0);
    expect(link.get()).toBe('open');
    expect(states).toEqual(['connecting', 'open', 'lost', 'open']);
    // No second attempt from the timer that Try now replaced.
    await vi.advanceTimersByTimeAsync(60_000);
    expect(FakeSocket.instances).toHaveLength(3);
  });
});
