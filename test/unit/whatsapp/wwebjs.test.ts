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
import { fakeClientFactory, messageKey, type FakeWwebjsClient } from '../../fakes/fake-wwebjs-client';
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
    expect(client.config).toMatchObject({ executablePath: CHROMIUM, sessionDir: paths.sessionDir });
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

    client.emit('change_state', 'CONNECTED');
    expect(logs.map((l) => l.message)).toContain('Connection state: CONNECTED');
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

  it('ends in an error with retry and reset-cache when ready does not come within the start timeout', async () => {
    const { wa, clients } = make({ startTimeoutMs: 90_000 });
    await wa.start();
    const client = clients.latest();
    client.emit('authenticated');
    await clock.advance(89_999);
    expect(wa.getStatus().kind).toBe('authenticated');
    await clock.advance(1);
    expect(wa.getStatus()).toEqual({
      kind: 'error',
      message: 'WhatsApp Web did not finish loading in 90 s. Retry; if it keeps happening, reset the WhatsApp Web cache.',
      actions: ['retry', 'reset-cache'],
    });
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
});

describe('WwebjsWhatsApp start watchdog (one timer from start to ready, WHATSAPP.md #14)', () => {
  it('a sync stuck at 100 % after the QR scan, with no authenticated, ends in an error', async () => {
    const { wa, clients, logs } = make({ startTimeoutMs: 60_000 });
    await wa.start();
    const client = clients.latest();
    client.emit('qr', '2@ref,key1,key2,secret');
    await vi.waitFor(() => expect(wa.getStatus().kind).toBe('qr'));
    await clock.advance(10 * 60_000); // the operator takes their time to scan
    // Scanned: 1.34.7 shows progress, but emits authenticated only once the sync is done (never, here).
    client.emit('loading_screen', 100, 'WhatsApp');
    await clock.advance(59_999);
    expect(wa.getStatus()).toEqual({ kind: 'starting', percent: 100, message: 'WhatsApp' });
    await clock.advance(1);
    expect(wa.getStatus()).toEqual({
      kind: 'error',
      message: 'WhatsApp Web did not finish loading in 60 s. Retry; if it keeps happening, reset the WhatsApp Web cache.',
      actions: ['retry', 'reset-cache'],
    });
    expect(logs.some((l) => l.level === 'error' && l.message.includes('not ready 60 s after the start'))).toBe(true);
    await settle();
    expect(client.count('destroy')).toBe(1);
  });

  it('a session restore stuck in the sync (no QR, progress then nothing) ends in an error', async () => {
    const { wa, clients } = make({ startTimeoutMs: 60_000 });
    await wa.start();
    const client = clients.latest();
    await clock.advance(20_000);
    client.emit('loading_screen', 50, 'WhatsApp');
    await clock.advance(20_000);
    // Progress does not restart the watchdog: it runs from the start.
    client.emit('loading_screen', 100, 'WhatsApp');
    await clock.advance(19_999);
    expect(wa.getStatus().kind).toBe('starting');
    await clock.advance(1);
    expect(wa.getStatus().kind).toBe('error');
  });

  it('a QR shown for longer than the timeout is no error', async () => {
    const { wa, clients } = make({ startTimeoutMs: 60_000 });
    await wa.start();
    const client = clients.latest();
    client.emit('qr', '2@ref-1,key1,key2,secret');
    await vi.waitFor(() => expect(wa.getStatus().kind).toBe('qr'));
    await clock.advance(5 * 60_000);
    client.emit('qr', '2@ref-2,key1,key2,secret');
    await vi.waitFor(() => expect((wa.getStatus() as { qrText: string }).qrText).toBe('2@ref-2,key1,key2,secret'));
    await clock.advance(5 * 60_000);
    expect(wa.getStatus().kind).toBe('qr');
    expect(clients.latest().count('destroy')).toBe(0);
  });

  it('after the QR, the watchdog starts afresh and ready stops it', async () => {
    const { wa, clients } = make({ startTimeoutMs: 60_000 });
    await wa.start();
    const client = clients.latest();
    await clock.advance(50_000);
    client.emit('qr', '2@ref,key1,key2,secret');
    await vi.waitFor(() => expect(wa.getStatus().kind).toBe('qr'));
    await clock.advance(30_000);
    client.emit('loading_screen', 10, 'WhatsApp');
    await clock.advance(59_000); // 50 s before the QR do not count
    client.emit('authenticated');
    expect(wa.getStatus().kind).toBe('authenticated');
    client.info = { wid: { user: '447700900123' }, pushname: 'Shop' };
    client.emit('ready');
    await clock.advance(10 * 60_000);
    expect(wa.getStatus().kind).toBe('ready');
  });

  it('authenticated while ready changes nothing', async () => {
    const { wa, client, statuses } = await readyClient();
    const before = statuses.length;
    client.emit('authenticated');
    client.emit('loading_screen', 100, 'WhatsApp');
    expect(wa.getStatus()).toEqual({ kind: 'ready', account: { number: '447700900123', name: 'Shop' } });
    expect(statuses).toHaveLength(before);
    await clock.advance(10 * 60_000);
    expect(wa.getStatus().kind).toBe('ready');
  });
});

describe('WwebjsWhatsApp socket states (WHATSAPP.md #13: only CONNECTED sends)', () => {
  it.each(['TIMEOUT', 'OPENING'])('%s while ready leaves ready; CONNECTED brings the same account back', async (state) => {
    const { wa, client, statuses } = await readyClient();
    client.emit('change_state', state);
    expect(wa.getStatus()).toEqual({
      kind: 'disconnected',
      reason: `The connection to WhatsApp was lost (${state === 'OPENING' ? 'WhatsApp is reconnecting' : 'the phone or this computer is offline, or WhatsApp does not answer'}); waiting for it to come back by itself`,
      reconnecting: true,
    });
    await expect(wa.sendText('15550001111@c.us', 'Hello')).rejects.toMatchObject({ code: 'not_ready' });
    client.emit('change_state', 'CONNECTED');
    expect(wa.getStatus()).toEqual({ kind: 'ready', account: { number: '447700900123', name: 'Shop' } });
    expect(statuses.slice(-3).map((s) => s.kind)).toEqual(['ready', 'disconnected', 'ready']);
    expect(client.count('destroy')).toBe(0);
    expect(client.count('sendMessage')).toBe(0);
  });

  it('nothing tears the client down while it reconnects: start() leaves it alone', async () => {
    const { wa, client, clients } = await readyClient();
    client.emit('change_state', 'TIMEOUT');
    await wa.start();
    expect(clients.made).toHaveLength(1);
    expect(client.count('destroy')).toBe(0);
    client.emit('change_state', 'CONNECTED');
    expect(wa.getStatus().kind).toBe('ready');
  });

  it('states during the start (before ready) change no status', async () => {
    const { wa, clients } = make();
    await wa.start();
    const client = clients.latest();
    client.emit('change_state', 'OPENING');
    client.emit('change_state', 'PAIRING');
    client.emit('change_state', 'CONNECTED');
    expect(wa.getStatus().kind).toBe('starting');
  });

  it('a real disconnect after a socket drop is final: CONNECTED does not bring ready back', async () => {
    const { wa, client } = await readyClient();
    client.emit('change_state', 'CONFLICT');
    client.emit('disconnected', 'CONFLICT');
    expect(wa.getStatus()).toEqual({ kind: 'disconnected', reason: expect.stringContaining('another computer') });
    client.emit('change_state', 'CONNECTED');
    expect(wa.getStatus().kind).toBe('disconnected');
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
      if (attempt === 1)
        c.initializeBehaviour = async () => {
          throw new Error('net::ERR_INTERNET_DISCONNECTED');
        };
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

  it("Retry and destroy wait for the failed run's browser to finish closing (same profile, files being written)", async () => {
    let closeFirst: () => void = () => undefined;
    let attempt = 0;
    const { wa, clients } = make({}, (c) => {
      attempt += 1;
      if (attempt === 1) {
        c.initializeBehaviour = async () => {
          throw new Error('net::ERR_INTERNET_DISCONNECTED');
        };
        c.destroyBehaviour = () => new Promise<void>((resolve) => (closeFirst = resolve));
      }
    });
    await wa.start();
    await vi.waitFor(() => expect(clients.latest().count('destroy')).toBe(1));
    let retried = false;
    const retry = wa.start().then(() => (retried = true));
    let destroyed = false;
    const destroy = wa.destroy().then(() => (destroyed = true));
    await vi.waitFor(() => expect(clients.made[0]!.count('destroy')).toBe(1));
    expect(clients.made).toHaveLength(1);
    expect([retried, destroyed]).toEqual([false, false]);
    closeFirst();
    await retry;
    await destroy;
    expect(clients.made).toHaveLength(2);
    expect(clients.made[1]!.count('initialize')).toBe(1);
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

  it('sendText returns the message id for matching acks, and never asks the library to send a seen receipt', async () => {
    const { wa, client } = await readyClient();
    const sent = await wa.sendText('15550001111@c.us', 'Hello');
    expect(sent).toEqual({ id: 'true_15550001111@c.us_FAKE1', at: clock.now() });
    // sendSeen made every send fail after a WhatsApp change in January 2026 (WHATSAPP.md #16).
    expect(client.calls.find((c) => c.method === 'sendMessage')?.args).toEqual(['15550001111@c.us', 'Hello', { sendSeen: false }]);
  });

  it.each(['serialized', 'minified', 'parts'] as const)('reads %s message keys in sends, chat history and acks', async (generation) => {
    const { wa, client, acks } = await readyClient({}, (c) => {
      c.keyGeneration = generation;
    });
    const sent = await wa.sendText('15550001111@c.us', 'Hello');
    expect(sent.id).toBe('true_15550001111@c.us_FAKE1');
    expect((await wa.recentMessages('15550001111@c.us', 5)).map((m) => m.id)).toEqual(['true_15550001111@c.us_FAKE1']);
    client.emit('message_ack', { id: messageKey(generation, true, '15550001111@c.us', 'FAKE1') }, 2);
    expect(acks).toEqual([{ messageId: 'true_15550001111@c.us_FAKE1', ack: 2, at: clock.now() }]);
  });

  it('a send the library resolves without a message is sent with an unknown id (null), never an error', async () => {
    const { wa, client, logs } = await readyClient({}, (c) => {
      c.resolvesNoMessage = true;
    });
    const sent = await wa.sendText('15550001111@c.us', 'Hello');
    expect(sent).toEqual({ id: null, at: clock.now() });
    expect(client.chats.get('15550001111@c.us')).toHaveLength(1);
    expect(logs.some((l) => l.level === 'warn' && l.message.includes('returned no message id'))).toBe(true);
  });

  it('does not retry "No LID for user" itself: the runner owns that one retry', async () => {
    const { wa, client } = await readyClient();
    client.registered.set('15550001111', '15550001111@c.us');
    client.sendErrors.push(new Error('Evaluation failed: Error: No LID for user'));
    await expect(wa.sendText('15550001111@c.us', 'Hello')).rejects.toThrow(/No LID/);
    expect(client.count('sendMessage')).toBe(1);
    expect(client.count('getNumberId')).toBe(0);
  });

  it('other send errors are not retried', async () => {
    const { wa, client } = await readyClient();
    client.sendErrors.push(new Error('Evaluation failed: t: t'));
    await expect(wa.sendText('15550001111@c.us', 'Hello')).rejects.toThrow('Evaluation failed');
    expect(client.count('sendMessage')).toBe(1);
  });

  it('puts no timeout of its own on a send: the campaign runner owns it (pacing sendTimeoutSec)', async () => {
    const { wa, client } = await readyClient();
    let finish: (() => void) | undefined;
    const original = client.sendMessage.bind(client);
    client.sendMessage = (to, content, options) =>
      new Promise((resolve) => {
        finish = () => resolve(original(to, content, options));
      });
    const sending = wa.sendText('15550001111@c.us', 'Hello');
    const outcome = sending.then(
      (m) => m.id,
      (err: Error) => err.message,
    );
    await clock.advance(30 * 60_000);
    finish?.();
    expect(await outcome).toBe('true_15550001111@c.us_FAKE1');
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
      expect(options).toEqual({ sendSeen: false, caption: 'Our offer' });
      await expect(
        wa.sendMedia('15550001111@c.us', { path: path.join(dir, 'missing.png'), mimeType: 'image/png', fileName: 'm.png' }, ''),
      ).rejects.toMatchObject({ code: 'not_found' });
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('audio goes without a caption, then the text as its own message, whose id is returned (WHATSAPP.md #18)', async () => {
    const audio = { path: '/a/voice.ogg', mimeType: 'audio/ogg', fileName: 'voice.ogg' };
    const { wa, client } = await readyClient({ loadMedia: () => ({ fake: 'audio' }) });
    const sent = await wa.sendMedia('15550001111@c.us', audio, 'Listen to this');
    const sends = client.calls.filter((c) => c.method === 'sendMessage').map((c) => c.args);
    expect(sends).toEqual([
      ['15550001111@c.us', { fake: 'audio' }, { sendSeen: false }],
      ['15550001111@c.us', 'Listen to this', { sendSeen: false }],
    ]);
    expect(sent.id).toBe('true_15550001111@c.us_FAKE2');
    // Reconciliation finds the text in the chat.
    expect((await wa.recentMessages('15550001111@c.us', 5)).map((m) => m.body)).toEqual(['', 'Listen to this']);
  });

  it('audio with no text is sent alone', async () => {
    const { wa, client } = await readyClient({ loadMedia: () => ({ fake: 'audio' }) });
    const sent = await wa.sendMedia('15550001111@c.us', { path: '/a/v.mp3', mimeType: 'audio/mpeg', fileName: 'v.mp3' }, '');
    expect(client.count('sendMessage')).toBe(1);
    expect(sent.id).toBe('true_15550001111@c.us_FAKE1');
  });

  it('sendTyping shows "typing…" in the chat, only when ready', async () => {
    const { wa, client } = await readyClient();
    await wa.sendTyping('15550001111@c.us');
    expect(client.calls.filter((c) => c.method === 'sendStateTyping').map((c) => c.args)).toEqual([['15550001111@c.us']]);
    client.emit('change_state', 'TIMEOUT');
    await expect(wa.sendTyping('15550001111@c.us')).rejects.toMatchObject({ code: 'not_ready' });
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
    await wa.sendText('15550001111@c.us', 'secret body');
    client.resolvesNoMessage = true;
    await wa.sendText('15550001111@c.us', 'secret body');
    client.emit('change_state', 'TIMEOUT');
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

  it('destroy() does not wait for ever for a send that stalled (#5810)', async () => {
    const { wa, client, logs } = await readyClient({ drainTimeoutMs: 20_000 });
    client.sendMessage = () => new Promise(() => undefined);
    void wa.sendText('15550001111@c.us', 'Hello');
    const closing = wa.destroy();
    await clock.advance(19_999);
    expect(client.count('destroy')).toBe(0);
    await clock.advance(1);
    await closing;
    expect(client.count('destroy')).toBe(1);
    expect(logs.some((l) => l.level === 'warn' && l.message.includes('closing the browser anyway'))).toBe(true);
  });
});
