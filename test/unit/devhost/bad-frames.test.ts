import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { ImportTextRequest } from '../../../src/shared/contract/contacts';
import { MAX_IPC_MESSAGE_BYTES } from '../../../src/shared/transport-limits';
import {
  clientFrame,
  closeCode,
  hugeHeader,
  invokeOver,
  openSocket,
  rawUpgrade,
  startTestHost,
  type PageAccess,
  type TestHost,
} from './host-fixture';

// Issue 13, point 8: a bad frame or a malformed message closes that one socket (and is logged); the host and
// every other page keep working. Each case runs with a second, well-behaved client connected throughout.

let t: TestHost;
let page: PageAccess;
let bystander: WebSocket;
let nextId = 1;

beforeEach(async () => {
  t = await startTestHost();
  page = await t.page();
  bystander = await openSocket(page.wsUrl, page.headers);
});

afterEach(async () => {
  bystander.close();
  await t.host.stop();
});

async function bystanderStillWorks(): Promise<void> {
  const id = nextId++;
  expect(await invokeOver(bystander, id, 'settings:get', undefined)).toMatchObject({ ok: true });
}

async function rawClient() {
  const pathname = new URL(page.wsUrl).pathname;
  return rawUpgrade(t.port, pathname, page.headers);
}

describe('browser host: bad frames close one socket only', () => {
  const cases: Array<[string, () => Buffer, number]> = [
    ['a text frame that is not UTF-8', () => clientFrame(0x1, Buffer.from([0xc3, 0x28, 0xff, 0xfe])), 1007],
    ['an unmasked client frame', () => clientFrame(0x1, Buffer.from('{"type":"invoke"}'), false), 1002],
    ['a reserved opcode', () => clientFrame(0x3, Buffer.from('hi')), 1002],
    ['a 14-byte header announcing 2^63 bytes', () => hugeHeader(2n ** 63n), 1009],
    ['a 14-byte header announcing one byte over the shared limit', () => hugeHeader(BigInt(MAX_IPC_MESSAGE_BYTES) + 1n), 1009],
  ];

  for (const [name, frame, code] of cases) {
    it(`${name}: closed with ${code}, logged, the other client unaffected`, async () => {
      const raw = await rawClient();
      raw.socket.write(frame());
      await raw.closed;
      expect(closeCode(raw.received())).toBe(code);
      await expect.poll(() => t.logs.some((l) => l.includes('closed a connection'))).toBe(true);
      await bystanderStillWorks();
    });
  }

  it('a client that drops in the middle of a frame leaves the host and the other client working', async () => {
    const raw = await rawClient();
    raw.socket.write(hugeHeader(1000n));
    raw.socket.write(Buffer.alloc(10));
    raw.socket.destroy();
    await raw.closed;
    await bystanderStillWorks();
  });
});

describe('browser host: malformed messages', () => {
  const malformed: Array<[string, string | Buffer]> = [
    ['not JSON', 'not json {'],
    ['JSON null', 'null'],
    ['a JSON number', '42'],
    ['an array', '[1,2]'],
    ['an invoke without an id', '{"type":"invoke","channel":"settings:get","payload":{}}'],
    ['an id that is not a number', '{"type":"invoke","id":"7","channel":"settings:get","payload":{}}'],
    ['an unknown message type', '{"type":"event","id":3,"channel":"wa:status"}'],
    ['a binary frame', Buffer.from('{"type":"invoke","id":1,"channel":"settings:get","payload":{}}')],
  ];

  for (const [name, message] of malformed) {
    it(`${name}: the socket is closed with a reason, the host keeps running`, async () => {
      const ws = await openSocket(page.wsUrl, page.headers);
      const closed = new Promise<{ code: number; reason: string }>((resolve) =>
        ws.once('close', (code, reason) => resolve({ code, reason: String(reason) })),
      );
      ws.send(message);
      const { code, reason } = await closed;
      expect(code).toBe(typeof message === 'string' ? 1008 : 1003);
      expect(reason).toMatch(/^Malformed message/);
      expect(t.calls).toEqual([]);
      await bystanderStillWorks();
    });
  }

  it('an invoke with an id but no channel or payload gets an error reply', async () => {
    const ws = await openSocket(page.wsUrl, page.headers);
    const reply = new Promise<unknown>((resolve) => ws.once('message', (d) => resolve(JSON.parse(String(d)))));
    ws.send('{"type":"invoke","id":9}');
    expect(await reply).toMatchObject({ type: 'result', id: 9, result: { ok: false, error: { code: 'unknown_channel' } } });
    ws.close();
  });
});

describe('browser host: the size limit agrees with the contract', () => {
  it("carries the contract's largest paste (one number a line) within the shared limit", () => {
    const maxChars = ImportTextRequest.shape.text.maxLength!;
    expect(maxChars).toBeGreaterThan(0);
    // JSON carries digits as one byte and a newline as two ("\n"): the worst one-number-a-line paste is all newlines.
    const envelope = JSON.stringify({ type: 'invoke', id: Number.MAX_SAFE_INTEGER, channel: 'contacts:importText', payload: { text: '' } });
    expect(2 * maxChars + envelope.length).toBeLessThanOrEqual(MAX_IPC_MESSAGE_BYTES);
  });

  it('reads a message of exactly the shared limit (one byte more is refused: the 14-byte header case above)', async () => {
    // A zero mask spares the client masking 128 MB; the host reads the frame as from any page.
    const ws = new WebSocket(page.wsUrl, { headers: page.headers, generateMask: (mask) => void mask.fill(0) });
    await new Promise((resolve) => ws.once('open', resolve));
    const head = Buffer.from('{"type":"invoke","id":5,"channel":"contacts:importText","payload":{"text":"');
    const tail = Buffer.from('"}}');
    const message = Buffer.alloc(MAX_IPC_MESSAGE_BYTES, '1');
    head.copy(message, 0);
    tail.copy(message, MAX_IPC_MESSAGE_BYTES - tail.length);
    const reply = new Promise<unknown>((resolve) => ws.once('message', (d) => resolve(JSON.parse(String(d)))));
    ws.send(message, { binary: false });
    // The contract refuses the text (over 50 M characters), but only after the transport carried it whole.
    expect(await reply).toMatchObject({ type: 'result', id: 5, result: { ok: false, error: { code: 'bad_request' } } });
    ws.close();
    await bystanderStillWorks();
  });
});
