/** The reply stores (history and links, settings), the reply script of the simulated WhatsApp, and the replies:* handlers. */
import { describe, expect, it } from 'vitest';
import { ReplySettingsStore } from '../../../src/campaign/replies-settings';
import { ReplyStore } from '../../../src/campaign/replies-store';
import { memoryJsonFile } from '../../../src/contacts/json-file';
import { createRepliesHandlers } from '../../../src/ipc/handlers/replies';
import { DEFAULT_OPT_OUT_KEYWORDS } from '../../../src/core/opt-out-keywords';
import { parseReplyScript, SimulatedReplies } from '../../../src/whatsapp/simulated-replies';
import type { AckEvent, IncomingMessage } from '../../../src/whatsapp/port';
import { FakeClock } from '../../fakes/fake-clock';
import { routerOver } from '../ipc/helpers';

describe('ReplyStore', () => {
  it('keeps links, who replied and the confirmations across a reload, and knows either form of a Brazilian mobile', async () => {
    const file = memoryJsonFile();
    const store = new ReplyStore(file);
    await store.load();
    await store.link('99887766554433@lid', '+5511987654321');
    await store.noteReply('+5511987654321', 2000, false);
    await store.noteReply('+5511987654321', 1000, true);
    await store.markConfirmed('+5511987654321', 3000);
    const again = new ReplyStore(file);
    await again.load();
    expect(again.numberOf('99887766554433@lid')).toBe('+5511987654321');
    expect(again.numberOf('971501234567@c.us')).toBe('+971501234567');
    expect(again.numberOf('11111111111@lid')).toBeNull();
    expect(again.historyOf('+5511987654321')).toEqual({ first: 1000, last: 2000, stop: 1000 });
    // The same mobile without the ninth digit (WHATSAPP.md #19).
    expect(again.hasReplied('+551187654321')).toBe(true);
    expect(again.hasReplied('+971501234567')).toBe(false);
    expect(again.wasConfirmed('+5511987654321')).toBe(true);
  });

  it('renames a damaged file aside, says so, and starts afresh', async () => {
    const file = memoryJsonFile({ version: 1, links: { 'x@lid': 'not a number' }, replied: {}, confirmed: {} });
    const reports: string[] = [];
    const store = new ReplyStore(file, (err, context) => reports.push(`${context}: ${(err as Error).message}`));
    await store.load();
    expect(reports).toEqual([
      expect.stringMatching(/^The reply history \(memory\) could not be read and was moved to \(memory\).*field links\.x@lid/),
    ]);
    expect(store.numberOf('x@lid')).toBeNull();
  });
});

describe('ReplySettingsStore', () => {
  it('uses the defaults until changed, cleans the keywords, refuses unusable ones, and goes back to the defaults', async () => {
    const file = memoryJsonFile();
    const settings = new ReplySettingsStore(file);
    await settings.load();
    expect(settings.forTracker()).toEqual({ keywords: DEFAULT_OPT_OUT_KEYWORDS, confirmation: null });
    const view = await settings.update({ keywords: [' Stop ', 'stop!', 'Halt'] });
    expect(view.effective).toEqual(['Stop', 'Halt']);
    await expect(settings.update({ keywords: ['!!!'] })).rejects.toThrow(/Not usable as opt-out keywords: "!!!"/);
    await expect(settings.update({ keywords: [' '] })).rejects.toThrow(/Keep at least one opt-out keyword/);
    await expect(settings.update({ confirm: true, confirmationText: ' ' })).rejects.toThrow(/Write the confirmation text/);
    await settings.update({ confirm: true, confirmationText: 'Done: no more messages.' });
    const reloaded = new ReplySettingsStore(file);
    await reloaded.load();
    expect(reloaded.forTracker()).toEqual({ keywords: ['Stop', 'Halt'], confirmation: 'Done: no more messages.' });
    expect((await reloaded.update({ keywords: null })).effective).toEqual(DEFAULT_OPT_OUT_KEYWORDS);
  });
});

describe('reply scripts of the simulated WhatsApp', () => {
  it('reads JSON lines, and names the file, line and field of a bad one', () => {
    expect(parseReplyScript('{"from": "+971 50 123 4567", "body": "STOP"}\n\n{"from":"971501234568","body":"Hi","afterMs":5}\n', 'r.jsonl')).toEqual([
      { from: '971501234567', body: 'STOP', afterMs: 0 },
      { from: '971501234568', body: 'Hi', afterMs: 5 },
    ]);
    expect(() => parseReplyScript('{"from":"+971501234567","body":"x"}\nnot json', 'r.jsonl')).toThrow('r.jsonl: line 2: not JSON: not json');
    expect(() => parseReplyScript('{"from":"+971501234567","body":"x","afterMs":-1}', 'r.jsonl')).toThrow(/r\.jsonl: line 1: field afterMs: /);
  });

  it("replies afterMs after the contact's message is delivered, once, and not for other contacts", async () => {
    const clock = new FakeClock();
    const ackListeners: Array<(a: AckEvent) => void> = [];
    const got: IncomingMessage[] = [];
    const port = { onAck: (l: (a: AckEvent) => void) => (ackListeners.push(l), () => undefined), receive: (m: IncomingMessage) => got.push(m) };
    const replies = new SimulatedReplies(port, clock, parseReplyScript('{"from":"+971501234567","body":"STOP","afterMs":1000}', 'r'), 2);
    const ack = (messageId: string, level: 1 | 2) => ackListeners.forEach((l) => l({ messageId, ack: level, at: clock.now() }));
    ack('true_971501234567@c.us_SIM1', 1);
    ack('true_971509999999@c.us_SIM2', 2);
    expect(replies.pending).toBe(1);
    ack('true_971501234567@c.us_SIM1', 2);
    expect(replies.pending).toBe(0);
    expect(got).toEqual([]);
    await clock.advance(1000);
    await replies.settled();
    expect(got).toEqual([expect.objectContaining({ from: '971501234567@c.us', fromNumber: '971501234567', body: 'STOP' })]);
    ack('true_971501234567@c.us_SIM3', 2);
    await clock.advance(5000);
    expect(got).toHaveLength(1);
  });
});

describe('replies:* handlers', () => {
  const handlers = createRepliesHandlers({
    list: async (id) => ({ campaignId: id, replied: 0, optedOutByReply: 0, messaged: 0, rows: [] }),
    settings: () => ({ keywords: null, confirm: false, confirmationText: 'x', effective: ['STOP'], defaults: ['STOP'] }),
    updateSettings: async (change) => ({
      keywords: change.keywords ?? null,
      confirm: false,
      confirmationText: 'x',
      effective: ['STOP'],
      defaults: ['STOP'],
    }),
  });
  const { invoke } = routerOver(handlers);

  it('answers good payloads', async () => {
    expect(await invoke('replies:list', { id: 'c_20261130_abcd' })).toMatchObject({ ok: true, value: { campaignId: 'c_20261130_abcd' } });
    expect(await invoke('replies:getSettings')).toMatchObject({ ok: true, value: { effective: ['STOP'] } });
    expect(await invoke('replies:updateSettings', { keywords: ['Halt'] })).toMatchObject({ ok: true, value: { keywords: ['Halt'] } });
  });

  it.each([
    ['replies:list', { id: '../../etc' }],
    ['replies:list', {}],
    ['replies:updateSettings', { keywords: 'STOP' }],
    ['replies:updateSettings', { keywords: ['x'.repeat(41)] }],
    ['replies:updateSettings', { confirm: 'yes' }],
    ['replies:updateSettings', { browserPath: '/bin/sh' }],
  ])('refuses %s %j', async (channel, payload) => {
    expect(await invoke(channel, payload)).toMatchObject({ ok: false, error: { code: 'bad_request' } });
  });
});
