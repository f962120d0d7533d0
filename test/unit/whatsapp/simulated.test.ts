import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { WaStatus } from '../../../src/shared/status';
import type { AckEvent } from '../../../src/whatsapp/port';
import { QR_ROTATE_MS, SimulatedWhatsApp, type SimulatedWhatsAppOptions } from '../../../src/whatsapp/simulated';
import { ManualClock, settle } from './support/clocks';

let root: string;
let sessionDir: string;
let clock: ManualClock;

beforeEach(() => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), 'wa-sim-'));
  sessionDir = path.join(root, 'session');
  clock = new ManualClock();
});
afterEach(() => fs.rmSync(root, { recursive: true, force: true }));

function make(options: Partial<SimulatedWhatsAppOptions> = {}) {
  const wa = new SimulatedWhatsApp({ sessionDir, clock, autoScanAfterMs: null, ...options });
  const statuses: WaStatus[] = [];
  const acks: AckEvent[] = [];
  wa.onStatus((s) => statuses.push(s));
  wa.onAck((a) => acks.push(a));
  return { wa, statuses, acks, kinds: () => statuses.map((s) => s.kind) };
}

async function readyClient(options: Partial<SimulatedWhatsAppOptions> = {}) {
  const made = make(options);
  await made.wa.start();
  await made.wa.simulateScan();
  return made;
}

const PNG_DATA_URL = /^data:image\/png;base64,[A-Za-z0-9+/=]{200,}$/;

describe('SimulatedWhatsApp connection', () => {
  it('shows a PNG QR, rotates it every 20 s, and on scan becomes ready with the account number', async () => {
    const { wa, statuses, kinds } = make({ account: { number: '447700900123', name: 'Shop' } });
    await wa.start();
    const first = wa.getStatus();
    expect(first.kind).toBe('qr');
    const firstQr = (first as { qrDataUrl: string }).qrDataUrl;
    expect(firstQr).toMatch(PNG_DATA_URL);

    await clock.advance(QR_ROTATE_MS - 1);
    expect(wa.getStatus()).toEqual(first);
    await clock.advance(1);
    // The new QR image is made with real (asynchronous) PNG encoding.
    await vi.waitFor(() => expect(wa.getStatus()).not.toEqual(first));
    const second = wa.getStatus() as { kind: string; qrDataUrl: string };
    expect(second.kind).toBe('qr');
    expect(second.qrDataUrl).toMatch(PNG_DATA_URL);
    expect(second.qrDataUrl).not.toBe(firstQr);

    await wa.simulateScan();
    expect(kinds().slice(-2)).toEqual(['authenticated', 'ready']);
    expect(statuses.at(-1)).toEqual({ kind: 'ready', account: { number: '447700900123', name: 'Shop' } });
    expect(fs.existsSync(path.join(sessionDir, 'session-main', 'Default', 'Preferences'))).toBe(true);
  });

  it('scans by itself after autoScanAfterMs', async () => {
    const { wa } = make({ autoScanAfterMs: 3000 });
    await wa.start();
    expect(wa.getStatus().kind).toBe('qr');
    await clock.advance(2999);
    expect(wa.getStatus().kind).toBe('qr');
    await clock.advance(1);
    // The scan writes the session folder on the real disk before it reports ready.
    await vi.waitFor(() => expect(wa.getStatus().kind).toBe('ready'));
  });

  it('goes offline once by itself (reconnecting, as the real adapter says it) and comes back with the same account', async () => {
    const { wa, statuses } = await readyClient({ offlineAfterMs: 1000, offlineForMs: 5000 });
    const ready = wa.getStatus();
    await clock.advance(1000);
    expect(wa.getStatus()).toMatchObject({ kind: 'disconnected', reconnecting: true, reason: expect.stringMatching(/lost/) });
    await expect(wa.sendText('15550002222@c.us', 'hi')).rejects.toThrow(/not ready/i);
    await clock.advance(5000);
    expect(wa.getStatus()).toEqual(ready);
    // Once per run of the app.
    await clock.advance(60_000);
    expect(statuses.filter((s) => s.kind === 'disconnected')).toHaveLength(1);
  });

  it('restores a saved session on the next start without a QR', async () => {
    const first = await readyClient();
    await first.wa.destroy();
    expect(first.wa.getStatus().kind).toBe('idle');
    expect(fs.existsSync(path.join(sessionDir, 'session-main'))).toBe(true);

    const second = make();
    await second.wa.start();
    expect(second.kinds()).not.toContain('qr');
    expect(second.kinds()).toEqual(['starting', 'starting', 'starting', 'starting', 'authenticated', 'ready']);
  });

  it('log out deletes the session folder, so the next start asks for a QR again', async () => {
    const { wa } = await readyClient();
    await wa.logout();
    expect(wa.getStatus()).toEqual({ kind: 'idle' });
    expect(fs.existsSync(path.join(sessionDir, 'session-main'))).toBe(false);
    await wa.start();
    expect(wa.getStatus().kind).toBe('qr');
  });

  it('refuses to log out when there is no live client, like the real library', async () => {
    const { wa } = make();
    await expect(wa.logout()).rejects.toMatchObject({ code: 'not_ready' });
  });

  it('failAuth ends in auth_failure and writes no session', async () => {
    const { wa } = make({ failAuth: true });
    await wa.start();
    await wa.simulateScan();
    expect(wa.getStatus()).toEqual({ kind: 'auth_failure', message: 'Authentication failed (simulated).' });
    expect(fs.existsSync(path.join(sessionDir, 'session-main'))).toBe(false);
  });

  it('disconnects disconnectAfterMs after ready, then sends fail, and reconnect restores', async () => {
    const { wa } = await readyClient({ disconnectAfterMs: 60_000 });
    await clock.advance(59_999);
    expect(wa.getStatus().kind).toBe('ready');
    await clock.advance(1);
    expect(wa.getStatus()).toEqual({ kind: 'disconnected', reason: 'Connection lost (simulated)' });
    await expect(wa.sendText('15550001111@c.us', 'hi')).rejects.toMatchObject({ code: 'not_ready' });
    await wa.simulateReconnect();
    expect(wa.getStatus().kind).toBe('ready');
    // Only the first connection drops: after a reconnect it stays up.
    await clock.advance(120_000);
    expect(wa.getStatus().kind).toBe('ready');
  });

  it('a QR left unscanned stops rotating after destroy', async () => {
    const { wa, statuses } = make();
    await wa.start();
    await wa.destroy();
    const count = statuses.length;
    await clock.advance(QR_ROTATE_MS * 3);
    await settle(20);
    expect(statuses.length).toBe(count);
    expect(clock.pendingSleeps).toBe(0);
  });
});

describe('SimulatedWhatsApp messages', () => {
  it('reports unregistered numbers as null and others as a chat id; rejects a leading +', async () => {
    const { wa } = await readyClient({ unregistered: ['15550009999'] });
    expect(await wa.checkNumber('15550009999')).toBeNull();
    expect(await wa.checkNumber('15550001111')).toBe('15550001111@c.us');
    await expect(wa.checkNumber('+15550001111')).rejects.toMatchObject({ code: 'bad_request' });
  });

  it('appends each accepted message to the outbox as one JSON line, and reads it back per chat', async () => {
    const outboxFile = path.join(root, 'outbox.jsonl');
    const { wa } = await readyClient({ outboxFile });
    const a = await wa.sendText('15550001111@c.us', 'Hello Ann, "quoted"\nline two');
    const b = await wa.sendText('15550002222@c.us', 'Hello Bob');
    const lines = fs
      .readFileSync(outboxFile, 'utf8')
      .trimEnd()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(lines).toEqual([
      { to: '15550001111', body: 'Hello Ann, "quoted"\nline two', id: a.id },
      { to: '15550002222', body: 'Hello Bob', id: b.id },
    ]);
    const recent = await wa.recentMessages('15550001111@c.us', 10);
    expect(recent).toEqual([{ id: a.id, body: 'Hello Ann, "quoted"\nline two', fromMe: true, at: a.at }]);
  });

  it('keeps ids unique when the outbox already has lines from an earlier process', async () => {
    const outboxFile = path.join(root, 'outbox.jsonl');
    const earlier = await readyClient({ outboxFile });
    const ids = [await earlier.wa.sendText('15550001111@c.us', 'one'), await earlier.wa.sendText('15550001111@c.us', 'two')].map((m) => m.id);
    await earlier.wa.destroy();

    const later = make({ outboxFile });
    await later.wa.start();
    const more = await Promise.all([1, 2, 3].map((n) => later.wa.sendText('15550001111@c.us', `again ${n}`)));
    const all = [...ids, ...more.map((m) => m.id)];
    expect(new Set(all).size).toBe(5);
    const fileIds = fs
      .readFileSync(outboxFile, 'utf8')
      .trimEnd()
      .split('\n')
      .map((l) => JSON.parse(l).id);
    expect(fileIds.sort()).toEqual([...all].sort());
    expect((await later.wa.recentMessages('15550001111@c.us', 2)).map((m) => m.body)).toHaveLength(2);
  });

  it('sends media only when the file exists and records the caption', async () => {
    const outboxFile = path.join(root, 'outbox.jsonl');
    const { wa } = await readyClient({ outboxFile });
    const file = path.join(root, 'flyer.png');
    fs.writeFileSync(file, 'png');
    await wa.sendMedia('15550001111@c.us', { path: file, mimeType: 'image/png', fileName: 'flyer.png' }, 'See flyer');
    await expect(
      wa.sendMedia('15550001111@c.us', { path: path.join(root, 'gone.png'), mimeType: 'image/png', fileName: 'gone.png' }, 'x'),
    ).rejects.toMatchObject({ code: 'not_found' });
    const lines = fs
      .readFileSync(outboxFile, 'utf8')
      .trimEnd()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(lines).toEqual([expect.objectContaining({ to: '15550001111', body: 'See flyer', media: 'flyer.png' })]);
  });

  it('fails sends at failRate using the injected random, writing nothing for them', async () => {
    const outboxFile = path.join(root, 'outbox.jsonl');
    const rolls = [0.1, 0.9, 0.2, 0.8];
    const { wa } = await readyClient({ outboxFile, failRate: 0.5, random: () => rolls.shift() ?? 1 });
    const results = await Promise.allSettled([1, 2, 3, 4].map((n) => wa.sendText('15550001111@c.us', `m${n}`)));
    expect(results.map((r) => r.status)).toEqual(['rejected', 'fulfilled', 'rejected', 'fulfilled']);
    const bodies = fs
      .readFileSync(outboxFile, 'utf8')
      .trimEnd()
      .split('\n')
      .map((l) => JSON.parse(l).body);
    expect(bodies).toEqual(['m2', 'm4']);
  });

  it('emits ack 1 after the send, then 2 and 3 after the configured delays', async () => {
    const { wa, acks } = await readyClient({ ackDelaysMs: { delivered: 1000, read: 5000 } });
    const sent = await wa.sendText('15550001111@c.us', 'hi');
    expect(acks).toEqual([]);
    await settle();
    expect(acks.map((a) => a.ack)).toEqual([1]);
    await clock.advance(1000);
    expect(acks.map((a) => a.ack)).toEqual([1, 2]);
    await clock.advance(3999);
    expect(acks.map((a) => a.ack)).toEqual([1, 2]);
    await clock.advance(1);
    expect(acks).toEqual([
      { messageId: sent.id, ack: 1, at: sent.at },
      { messageId: sent.id, ack: 2, at: sent.at + 1000 },
      { messageId: sent.id, ack: 3, at: sent.at + 5000 },
    ]);
  });

  it('waits sendLatencyMs on the clock before a send resolves', async () => {
    const { wa } = await readyClient({ sendLatencyMs: 800 });
    let done = false;
    const sending = wa.sendText('15550001111@c.us', 'slow').then(() => (done = true));
    await clock.advance(799);
    expect(done).toBe(false);
    await clock.advance(1);
    await sending;
    expect(done).toBe(true);
  });

  it('never logs full numbers or message bodies', async () => {
    const lines: string[] = [];
    const made = make({ account: { number: '447700900123', name: 'Shop' } });
    made.wa.onLog((l) => lines.push(l.message));
    await made.wa.start();
    await made.wa.simulateScan();
    await made.wa.sendText('15550001111@c.us', 'secret body');
    expect(lines.join('\n')).not.toMatch(/447700900123|15550001111|secret body/);
    expect(lines.join('\n')).toContain('…1111');
  });

  it('sendTyping is recorded and logged (nothing to show without a real chat), only when ready', async () => {
    const { wa } = await readyClient();
    const logs: string[] = [];
    wa.onLog((l) => logs.push(l.message));
    await wa.sendTyping('15550001111@c.us');
    expect(wa.typingShown).toBe(1);
    expect(logs).toEqual(['Typing… to …1111']);
    await wa.destroy();
    await expect(wa.sendTyping('15550001111@c.us')).rejects.toMatchObject({ code: 'not_ready' });
  });
});
