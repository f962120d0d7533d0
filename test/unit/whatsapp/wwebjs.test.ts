import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { MessageMedia } from 'whatsapp-web.js';
import type { LogLine, WaStatus } from '../../../src/shared/status';
import type { BrowserSearchEnv } from '../../../src/whatsapp/browser';
import type { AckEvent } from '../../../src/whatsapp/port';
import { qrToDataUrl } from '../../../src/whatsapp/qr-image';
import { OFFLINE_MESSAGE } from '../../../src/whatsapp/start-errors';
import { WwebjsWhatsApp, type WwebjsWhatsAppOptions } from '../../../src/whatsapp/wwebjs';
import { fakeClientFactory, type FakeWwebjsClient } from '../../fakes/fake-wwebjs-client';
import { ManualClock, settle } from './support/clocks';

const CHROMIUM = '/usr/bin/chromium';
const search = (present: string[] = [CHROMIUM]): BrowserSearchEnv => ({
  platform: 'linux',
  env: {},
  exists: (p) => present.includes(p),
});
const paths = { sessionDir: '/data/whatsapp/session', webCacheDir: '/data/whatsapp/web-cache' };
const PNG = /^data:image\/png;base64,/;

let clock: ManualClock;
beforeEach(() => {
  clock = new ManualClock();
});

function make(options: Partial<WwebjsWhatsAppOptions> = {}, setup?: (c: FakeWwebjsClient) => void) {
  const clients = fakeClientFactory(setup);
  const wa = new WwebjsWhatsApp({ paths, clock, browserSearch: search(), createClient: clients.factory, ...options });
  const statuses: WaStatus[] = [];
  const logs: Array<Omit<LogLine, 'at'>> = [];
  const acks: AckEvent[] = [];
  wa.onStatus((s) => statuses.push(s));
  wa.onLog((l) => logs.push(l));
  wa.onAck((a) => acks.push(a));
  return { wa, clients, statuses, logs, acks };
}

async function readyClient(options: Partial<WwebjsWhatsAppOptions> = {}, setup?: (c: FakeWwebjsClient) => void) {
  const made = make(options, setup);
  await made.wa.start();
  const client = made.clients.latest();
  client.info = { wid: { user: '447700900123' }, pushname: 'Shop' };
  client.emit('authenticated');
  client.emit('ready');
  expect(made.wa.getStatus().kind).toBe('ready');
  return { ...made, client };
}

describe('WwebjsWhatsApp status model', () => {
  it('creates the client with the app folders and the found browser, then reports starting', async () => {
    const { wa, clients, statuses } = make();
    await wa.start();
    const client = clients.latest();
    expect(client.config).toMatchObject({ executablePath: CHROMIUM, sessionDir: paths.sessionDir, webCacheDir: paths.webCacheDir });
    expect(client.count('initialize')).toBe(1);
    expect(statuses).toEqual([{ kind: 'starting', percent: null, message: 'Starting the browser' }]);
  });

  it('maps every library event to the status model', async () => {
    const { wa, clients, statuses, logs } = make();
    await wa.start();
    const client = clients.latest();

    client.emit('loading_screen', 42, 'WhatsApp');
    expect(wa.getStatus()).toEqual({ kind: 'starting', percent: 42, message: 'WhatsApp' });

    client.emit('qr', '2@first-ref,key1,key2,secret');
    await vi.waitFor(() => expect(wa.getStatus().kind).toBe('qr'));
    const firstQr = (wa.getStatus() as { qrDataUrl: string }).qrDataUrl;
    expect(firstQr).toMatch(PNG);

    client.emit('qr', '2@second-ref,key1,key2,secret');
    await vi.waitFor(() => expect((wa.getStatus() as { qrDataUrl: string }).qrDataUrl).not.toBe(firstQr));
    // The text rides along for the terminal (wa-bulk send draws it), and the image is that same text's QR.
    expect(wa.getStatus()).toEqual({ kind: 'qr', qrDataUrl: expect.stringMatching(PNG), qrText: '2@second-ref,key1,key2,secret' });
    expect((wa.getStatus() as { qrDataUrl: string }).qrDataUrl).toBe(await qrToDataUrl('2@second-ref,key1,key2,secret'));

    client.emit('authenticated', undefined);
    expect(wa.getStatus()).toEqual({ kind: 'authenticated' });

    client.info = { wid: { user: '447700900123' }, pushname: 'Shop' };
    client.emit('ready');
    expect(wa.getStatus()).toEqual({ kind: 'ready', account: { number: '447700900123', name: 'Shop' } });

    client.emit('loading_screen', 99, 'WhatsApp');
    expect(wa.getStatus().kind).toBe('ready');

    client.emit('change_state', 'CONFLICT');
    expect(logs.map((l) => l.message)).toContain('Connection state: CONFLICT');
    expect(wa.getStatus().kind).toBe('ready');

    client.emit('disconnected', 'LOGOUT');
    expect(wa.getStatus()).toEqual({ kind: 'disconnected', reason: expect.stringContaining('LOGOUT') });
    expect((wa.getStatus() as { reason: string }).reason).toMatch(/unlinked/);

    client.emit('auth_failure', 'Unable to restore the session');
    expect(wa.getStatus()).toEqual({ kind: 'auth_failure', message: 'Unable to restore the session' });
    expect(statuses.map((s) => s.kind)).toEqual(['starting', 'starting', 'qr', 'qr', 'authenticated', 'ready', 'disconnected', 'auth_failure']);
  });

  it('shows only the newest QR even if an older image finishes encoding last, and none after authentication', async () => {
    const { wa, clients, statuses } = make();
    await wa.start();
    const client = clients.latest();
    client.emit('qr', 'a'.repeat(500));
    client.emit('qr', 'short-newest');
    client.emit('authenticated');
    await settle(30);
    expect(statuses.filter((s) => s.kind === 'qr')).toHaveLength(0);
    expect(wa.getStatus().kind).toBe('authenticated');
  });

  it('ends in an error with retry and reset-cache when ready does not follow authenticated within 90 s', async () => {
    const { wa, clients } = make();
    await wa.start();
    const client = clients.latest();
    client.emit('authenticated');
    await clock.advance(89_999);
    expect(wa.getStatus().kind).toBe('authenticated');
    await clock.advance(1);
    expect(wa.getStatus()).toEqual({ kind: 'error', message: expect.stringContaining('90 s'), actions: ['retry', 'reset-cache'] });
    await settle();
    expect(client.count('destroy')).toBe(1);
    // A late ready from the abandoned client changes nothing.
    client.emit('ready');
    expect(wa.getStatus().kind).toBe('error');
  });

  it('does not time out once ready arrived', async () => {
    const { wa, client } = await readyClient();
    await clock.advance(10 * 60_000);
    expect(wa.getStatus().kind).toBe('ready');
    expect(client.count('destroy')).toBe(0);
  });

  it('ends in an error when nothing at all shows up within the start timeout', async () => {
    const { wa } = make({ startTimeoutMs: 60_000 });
    await wa.start();
    await clock.advance(60_000);
    expect(wa.getStatus()).toMatchObject({ kind: 'error', actions: ['retry', 'reset-cache'] });
  });

  it('an offline initialize() rejection ends in the plain message with retry, and the browser is closed', async () => {
    const { wa, clients, logs } = make({}, (c) => {
      c.initializeBehaviour = async () => {
        throw new Error('net::ERR_NAME_NOT_RESOLVED at https://web.whatsapp.com/');
      };
    });
    await wa.start();
    await vi.waitFor(() => expect(wa.getStatus().kind).toBe('error'));
    expect(wa.getStatus()).toEqual({ kind: 'error', message: OFFLINE_MESSAGE, actions: ['retry'] });
    await vi.waitFor(() => expect(clients.latest().count('destroy')).toBe(1));
    expect(logs.some((l) => l.level === 'error' && l.message.includes('ERR_NAME_NOT_RESOLVED'))).toBe(true);
  });

  it.each([
    'net::ERR_INTERNET_DISCONNECTED at https://web.whatsapp.com/',
    'net::ERR_CONNECTION_REFUSED at https://web.whatsapp.com/',
    'net::ERR_CONNECTION_TIMED_OUT at https://web.whatsapp.com/',
  ])('maps %s to the offline message', async (text) => {
    const { wa } = make({}, (c) => {
      c.initializeBehaviour = async () => {
        throw new Error(text);
      };
    });
    await wa.start();
    await vi.waitFor(() => expect(wa.getStatus()).toEqual({ kind: 'error', message: OFFLINE_MESSAGE, actions: ['retry'] }));
  });

  it("maps the library's thrown string 'auth timeout' to an error offering reset-cache", async () => {
    const { wa } = make({}, (c) => {
      c.initializeBehaviour = () => Promise.reject('auth timeout');
    });
    await wa.start();
    await vi.waitFor(() => expect(wa.getStatus()).toMatchObject({ kind: 'error', actions: ['retry', 'reset-cache'] }));
  });

  it('start() after an error destroys the old client and can reach ready', async () => {
    let attempt = 0;
    const { wa, clients } = make({}, (c) => {
      attempt += 1;
      if (attempt === 1) c.initializeBehaviour = async () => { throw new Error('net::ERR_INTERNET_DISCONNECTED'); };
    });
    await wa.start();
    await vi.waitFor(() => expect(wa.getStatus().kind).toBe('error'));
    const first = clients.latest();

    await wa.start();
    expect(clients.made).toHaveLength(2);
    expect(first.count('destroy')).toBe(1);
    const second = clients.latest();
    second.info = { wid: { user: '15550001111' }, pushname: 'Op' };
    second.emit('authenticated');
    second.emit('ready');
    expect(wa.getStatus()).toEqual({ kind: 'ready', account: { number: '15550001111', name: 'Op' } });
    // The first client's late events are ignored.
    first.emit('disconnected', 'NAVIGATION');
    expect(wa.getStatus().kind).toBe('ready');
  });

  it('start() while running leaves the client alone', async () => {
    const { wa, clients } = make();
    await wa.start();
    await wa.start();
    expect(clients.made).toHaveLength(1);
  });

  it("a missing browser gives the finder's error naming the paths tried, without creating a client", async () => {
    const { wa, clients } = make({ browserSearch: search([]), browserPath: () => '/opt/chosen/chrome' });
    await wa.start();
    const status = wa.getStatus();
    expect(status.kind).toBe('error');
    const message = (status as { message: string }).message;
    expect(message).toContain('/opt/chosen/chrome (from Settings)');
    expect(message).toContain('/usr/bin/chromium');
    expect((status as { actions: string[] }).actions).toEqual(['retry']);
    expect(clients.made).toHaveLength(0);
  });

  it('a handler that fails is logged, never an unhandled rejection', async () => {
    const unhandled: unknown[] = [];
    const onUnhandled = (reason: unknown) => unhandled.push(reason);
    process.on('unhandledRejection', onUnhandled);
    try {
      const { wa, clients, logs } = make();
      await wa.start();
      // qrcode rejects an empty text: the qr handler's promise fails.
      clients.latest().emit('qr', '');
      clients.latest().emit('message_ack', null, 2);
      await vi.waitFor(() => expect(logs.some((l) => l.message.startsWith('qr handler failed'))).toBe(true));
      await settle(10);
      expect(unhandled).toEqual([]);
      expect(wa.getStatus().kind).toBe('starting');
    } finally {
      process.off('unhandledRejection', onUnhandled);
    }
  });
});

describe('WwebjsWhatsApp messaging', () => {
  it('checkNumber passes digits to getNumberId and returns _serialized or null', async () => {
    const { wa, client } = await readyClient();
    client.registered.set('15550001111', '15550001111@c.us');
    expect(await wa.checkNumber('15550001111')).toBe('15550001111@c.us');
    expect(await wa.checkNumber('15550009999')).toBeNull();
    await expect(wa.checkNumber('+15550001111')).rejects.toMatchObject({ code: 'bad_request' });
    expect(client.calls.filter((c) => c.method === 'getNumberId').map((c) => c.args[0])).toEqual(['15550001111', '15550009999']);
  });

  it('refuses to check or send before ready', async () => {
    const { wa } = make();
    await wa.start();
    await expect(wa.checkNumber('15550001111')).rejects.toMatchObject({ code: 'not_ready' });
    await expect(wa.sendText('15550001111@c.us', 'hi')).rejects.toMatchObject({ code: 'not_ready' });
  });

  it('sendText returns the message id for matching acks', async () => {
    const { wa, client } = await readyClient();
    const sent = await wa.sendText('15550001111@c.us', 'Hello');
    expect(sent).toEqual({ id: 'true_15550001111@c.us_FAKE1', at: clock.now() });
    expect(client.calls.find((c) => c.method === 'sendMessage')?.args.slice(0, 2)).toEqual(['15550001111@c.us', 'Hello']);
  });

  it('on "No LID for user" resolves the number again and retries once', async () => {
    const { wa, client } = await readyClient();
    client.registered.set('15550001111', '15550001111@c.us');
    client.sendErrors.push(new Error('Evaluation failed: Error: No LID for user'));
    const sent = await wa.sendText('15550001111@c.us', 'Hello');
    expect(sent.id).toBe('true_15550001111@c.us_FAKE1');
    expect(client.count('sendMessage')).toBe(2);
    expect(client.count('getNumberId')).toBe(1);
  });

  it('gives up after one retry, and reports a number that no longer resolves as not found', async () => {
    const { wa, client } = await readyClient();
    client.registered.set('15550001111', '15550001111@c.us');
    client.sendErrors.push(new Error('No LID for user'), new Error('No LID for user'));
    await expect(wa.sendText('15550001111@c.us', 'Hello')).rejects.toThrow(/No LID/);
    expect(client.count('sendMessage')).toBe(2);

    client.sendErrors.push(new Error('No LID for user'));
    await expect(wa.sendText('15550002222@c.us', 'Hello')).rejects.toMatchObject({ code: 'not_found' });
  });

  it('other send errors are not retried', async () => {
    const { wa, client } = await readyClient();
    client.sendErrors.push(new Error('Evaluation failed: t: t'));
    await expect(wa.sendText('15550001111@c.us', 'Hello')).rejects.toThrow('Evaluation failed');
    expect(client.count('sendMessage')).toBe(1);
  });

  it('a send that never resolves fails after the send timeout instead of hanging', async () => {
    const { wa, client } = await readyClient({ sendTimeoutMs: 30_000 });
    client.sendMessage = () => new Promise(() => undefined);
    const sending = wa.sendText('15550001111@c.us', 'Hello');
    const outcome = sending.then(() => 'sent', (err: Error) => err.message);
    await clock.advance(30_000);
    expect(await outcome).toMatch(/within 30 s/);
  });

  it('sendMedia sends a MessageMedia read from the file, with the caption', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wa-media-'));
    try {
      const file = path.join(dir, 'flyer.bin');
      fs.writeFileSync(file, Buffer.from([1, 2, 3, 4]));
      const { wa, client } = await readyClient();
      await wa.sendMedia('15550001111@c.us', { path: file, mimeType: 'image/png', fileName: 'Flyer.png' }, 'Our offer');
      const [to, content, options] = client.calls.find((c) => c.method === 'sendMessage')?.args ?? [];
      expect(to).toBe('15550001111@c.us');
      expect(content).toBeInstanceOf(MessageMedia);
      expect(content).toMatchObject({ mimetype: 'image/png', filename: 'Flyer.png', data: Buffer.from([1, 2, 3, 4]).toString('base64') });
      expect(options).toEqual({ caption: 'Our offer' });
      await expect(
        wa.sendMedia('15550001111@c.us', { path: path.join(dir, 'missing.png'), mimeType: 'image/png', fileName: 'm.png' }, ''),
      ).rejects.toMatchObject({ code: 'not_found' });
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('recentMessages fetches the chat with the limit, newest last, in epoch ms', async () => {
    const { wa } = await readyClient();
    for (const body of ['one', 'two', 'three']) await wa.sendText('15550001111@c.us', body);
    const recent = await wa.recentMessages('15550001111@c.us', 2);
    expect(recent).toEqual([
      { id: 'true_15550001111@c.us_FAKE2', body: 'two', fromMe: true, at: 1_700_000_002_000 },
      { id: 'true_15550001111@c.us_FAKE3', body: 'three', fromMe: true, at: 1_700_000_003_000 },
    ]);
  });

  it('message_ack becomes onAck with the serialized id', async () => {
    const { client, acks } = await readyClient();
    client.emit('message_ack', { id: { _serialized: 'true_1@c.us_X' } }, 3);
    client.emit('message_ack', { id: { _serialized: 'true_1@c.us_X' } }, 7);
    expect(acks).toEqual([{ messageId: 'true_1@c.us_X', ack: 3, at: clock.now() }]);
  });

  it('never logs the full account number or message bodies', async () => {
    const { wa, logs, client } = await readyClient();
    client.registered.set('15550001111', '15550001111@c.us');
    client.sendErrors.push(new Error('No LID for user'));
    await wa.sendText('15550001111@c.us', 'secret body');
    const text = logs.map((l) => l.message).join('\n');
    expect(text).not.toMatch(/447700900123|15550001111|secret body/);
    expect(text).toContain('…0123');
  });
});

describe('WwebjsWhatsApp logout and destroy', () => {
  it('logout() logs out through the client and goes idle; events during it are ignored', async () => {
    const { wa, client } = await readyClient();
    client.logoutBehaviour = async () => {
      client.emit('disconnected', 'LOGOUT');
    };
    await wa.logout();
    expect(client.count('logout')).toBe(1);
    expect(wa.getStatus()).toEqual({ kind: 'idle' });
  });

  it('logout() without a live client refuses and does not touch the library', async () => {
    const { wa, clients } = make();
    await expect(wa.logout()).rejects.toMatchObject({ code: 'not_ready' });
    await wa.start();
    await expect(wa.logout()).rejects.toMatchObject({ code: 'not_ready' });
    expect(clients.latest().count('logout')).toBe(0);
  });

  it('a failing logout closes the browser anyway and reports the failure', async () => {
    const { wa, client } = await readyClient();
    client.logoutBehaviour = async () => {
      throw new Error('EBUSY: resource busy or locked, rmdir session-main');
    };
    await expect(wa.logout()).rejects.toMatchObject({ code: 'io', message: expect.stringContaining('EBUSY') });
    expect(client.count('destroy')).toBe(1);
    expect(wa.getStatus()).toEqual({ kind: 'idle' });
  });

  it('destroy() closes the client, goes idle, and is safe to repeat', async () => {
    const { wa, client } = await readyClient();
    await wa.destroy();
    await wa.destroy();
    expect(client.count('destroy')).toBe(1);
    expect(client.count('logout')).toBe(0);
    expect(wa.getStatus()).toEqual({ kind: 'idle' });
    await expect(wa.logout()).rejects.toMatchObject({ code: 'not_ready' });
  });
});

describe('WwebjsWhatsApp pending sends', () => {
  it('destroy() waits for a send in flight before closing the browser (#1529)', async () => {
    const { wa, client } = await readyClient();
    let finish: (() => void) | undefined;
    const original = client.sendMessage.bind(client);
    client.sendMessage = (to, content, options) =>
      new Promise((resolve) => {
        finish = () => resolve(original(to, content, options));
      });
    const sending = wa.sendText('15550001111@c.us', 'Hello');
    const closing = wa.destroy();
    await settle(10);
    expect(client.count('destroy')).toBe(0);
    finish?.();
    await sending;
    await closing;
    expect(client.count('destroy')).toBe(1);
  });
});
