/** Incoming messages from whatsapp-web.js's `message` event, as the port's IncomingMessage (whatsapp/incoming.ts). */
import { describe, expect, it } from 'vitest';
import { readIncoming, type LidLookupClient, type WwebjsIncomingLike } from '../../../src/whatsapp/incoming';
import type { IncomingMessage } from '../../../src/whatsapp/port';
import { WwebjsWhatsApp } from '../../../src/whatsapp/wwebjs';
import { fakeClientFactory } from '../../fakes/fake-wwebjs-client';
import { ManualClock, settle } from './support/clocks';

const now = () => 1_700_000_000_000;
const noLookup: LidLookupClient = {};
const message = (from: unknown, extra: Partial<WwebjsIncomingLike> = {}): WwebjsIncomingLike => ({
  id: { _serialized: `false_${String(from)}_ABC` },
  from,
  body: 'Hello',
  timestamp: 1_700_000_100,
  fromMe: false,
  ...extra,
});

describe('readIncoming', () => {
  it('reads a contact writing from their number: the number, the body, the time and the id', async () => {
    expect(await readIncoming(noLookup, message('971501234567@c.us'), now)).toEqual({
      from: '971501234567@c.us',
      fromNumber: '971501234567',
      body: 'Hello',
      at: 1_700_000_100_000,
      id: 'false_971501234567@c.us_ABC',
    });
  });

  it('reads ids of July-2026 keys ($1) and Wid objects as the sender', async () => {
    const read = await readIncoming(noLookup, message({ _serialized: '15550001111@c.us' }, { id: { $1: 'false_15550001111@c.us_X' } }), now);
    expect(read).toMatchObject({ from: '15550001111@c.us', fromNumber: '15550001111', id: 'false_15550001111@c.us_X' });
  });

  it.each([
    ['our own message', message('971501234567@c.us', { fromMe: true })],
    ['a status update', message('status@broadcast')],
    ['a flagged status', message('971501234567@c.us', { isStatus: true })],
    ['a group', message('120363000000000000@g.us')],
    ['a broadcast list', message('971501234567@c.us', { broadcast: true })],
    ['a newsletter', message('120363000000000000@newsletter')],
    ['no sender', message(undefined)],
  ])('ignores %s', async (_what, m) => {
    expect(await readIncoming(noLookup, m, now)).toBeNull();
  });

  it('maps an @lid sender to its number through getContactLidAndPhone', async () => {
    const asked: string[][] = [];
    const client: LidLookupClient = {
      getContactLidAndPhone: async (ids) => (asked.push(ids), [{ lid: ids[0], pn: '971509876543@c.us' }]),
    };
    expect(await readIncoming(client, message('99887766554433@lid'), now)).toMatchObject({ from: '99887766554433@lid', fromNumber: '971509876543' });
    expect(asked).toEqual([['99887766554433@lid']]);
  });

  it('falls back to the contact when the lookup fails, and says null when nothing knows the number', async () => {
    const failing: LidLookupClient = { getContactLidAndPhone: async () => Promise.reject(new Error('evaluation failed')) };
    const viaContact = message('99887766554433@lid', { getContact: async () => ({ id: { user: '971501112222', server: 'c.us' } }) });
    expect((await readIncoming(failing, viaContact, now))?.fromNumber).toBe('971501112222');
    const lidContact = message('99887766554433@lid', {
      getContact: async () => ({ number: '99887766554433', id: { user: '99887766554433', server: 'lid' } }),
    });
    expect((await readIncoming(failing, lidContact, now))?.fromNumber).toBeNull();
    const unknown = { getContactLidAndPhone: async () => [{ lid: '99887766554433@lid' }] };
    expect((await readIncoming(unknown, message('99887766554433@lid'), now))?.fromNumber).toBeNull();
  });

  it('takes the time from the clock when the message carries none, and an empty body for media without caption', async () => {
    expect(await readIncoming(noLookup, message('971501234567@c.us', { timestamp: undefined, body: undefined }), now)).toMatchObject({
      at: now(),
      body: '',
    });
  });
});

describe('WwebjsWhatsApp incoming messages', () => {
  it("emits the library's message events on onMessage, and none from a closed client", async () => {
    const clock = new ManualClock();
    const clients = fakeClientFactory();
    const wa = new WwebjsWhatsApp({
      paths: { sessionDir: '/data/whatsapp/session' },
      clock,
      browserSearch: { platform: 'linux', env: {}, exists: (p) => p === '/usr/bin/chromium' },
      createClient: clients.factory,
    });
    const got: IncomingMessage[] = [];
    wa.onMessage((m) => got.push(m));
    await wa.start();
    const client = clients.latest();
    client.emit('message', message('971501234567@c.us', { body: 'STOP' }));
    client.emit('message', message('120363000000000000@g.us'));
    await settle();
    expect(got.map((m) => [m.fromNumber, m.body])).toEqual([['971501234567', 'STOP']]);
    await wa.destroy();
    client.emit('message', message('971501234567@c.us', { body: 'late' }));
    await settle();
    expect(got).toHaveLength(1);
  });
});
