/**
 * The campaign channels of issue 10: a test send to the operator's own number (no campaign, not counted), sending
 * to a selection of the imported contacts (search, select all shown), and resend to failed over IPC.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { TemplateStore } from '../../../src/campaign/template-store';
import { createCampaignHandlers, type ImportedContacts } from '../../../src/ipc/handlers/campaign';
import { createCampaignActionHandlers } from '../../../src/ipc/handlers/campaign-actions';
import { contactMatcher } from '../../../src/campaign/contact-search';
import { CampaignScheduler } from '../../../src/campaign/schedule';
import { invokeContract } from '../../../src/shared/contract';
import { fastPacing, makeContacts, rigsClosedAfterEach, until } from './helpers';

const newRig = rigsClosedAfterEach();
const ctx = { sender: { url: 'file:///index.html', isMainFrame: true } } as never;

async function setup(imported: ImportedContacts | null) {
  const r = await newRig();
  const files = { resolve: () => ({ path: '/nonexistent', name: 'x' }) };
  const base = { files, currentContacts: () => imported };
  const handlers = {
    ...createCampaignHandlers({ ...base, service: r.service, templates: new TemplateStore(path.join(r.dir, 'state', 'templates.json'), r.clock) }),
    ...createCampaignActionHandlers({
      ...base,
      service: r.service,
      port: r.port,
      clock: r.clock,
      scheduler: new CampaignScheduler(r.service, r.clock),
    }),
  };
  return { r, handlers };
}

const people = () =>
  makeContacts(5).map((c, i) => ({
    ...c,
    fields: { Name: ['Ana Lima', 'Bo Chen', 'Cy Diaz', 'Ana Ruiz', 'Ed Wu'][i]!, Class: i % 2 ? '5B' : '6A' },
  }));

describe('test send', () => {
  it("sends the first contact's message to the account's own number, outside any campaign and cap", async () => {
    const contacts = people();
    const { r, handlers } = await setup({ columns: ['Name', 'Class'], contacts });
    const result = await handlers['campaign:testSend']({ template: '{Hi|Hello} {{name}} of {{class}}', draftId: 'draft_1' }, ctx);
    expect(result).toMatchObject({ to: '+15550001111', sent: true, reason: null, sampleValues: false });
    expect(result.text).toMatch(/^(Hi|Hello) Ana Lima of 6A$/);
    expect(r.port.sent).toEqual([expect.objectContaining({ chatId: '15550001111@c.us', body: result.text })]);
    // Not a campaign, not counted against the daily cap.
    expect(await r.service.list()).toEqual([]);
    const daily = await import('../../../src/campaign/daily-counter');
    expect(await new daily.FileDailySendCounter(path.join(r.dir, 'state', 'daily-sends'), r.clock).countToday('15550001111')).toBe(0);

    // The campaign started with the same draft id sends contact 1 exactly that text.
    r.clock.autoAdvance();
    await handlers['campaign:start']({ template: '{Hi|Hello} {{name}} of {{class}}', pacing: fastPacing(), draftId: 'draft_1' }, ctx);
    await until(() => r.port.sent.length === 6, 'the campaign sent');
    expect(r.port.sent[1]!.body).toBe(result.text);
  });

  it('sends the attachment with the text as its caption', async () => {
    const r = await newRig();
    const png = path.join(r.dir, 'logo.png');
    await fs.writeFile(png, Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0]));
    const handlers = createCampaignActionHandlers({
      service: r.service,
      port: r.port,
      clock: r.clock,
      scheduler: new CampaignScheduler(r.service, r.clock),
      files: { resolve: () => ({ path: png, name: 'logo.png' }) },
      currentContacts: () => ({ contacts: people() }),
    });
    const result = await handlers['campaign:testSend']({ template: 'Hi {{name}}', attachmentFileId: 'f_12345678' }, ctx);
    expect(result).toMatchObject({ sent: true, text: 'Hi Ana Lima' });
    expect(r.port.sent).toEqual([expect.objectContaining({ chatId: '15550001111@c.us', body: 'Hi Ana Lima', media: expect.anything() })]);
  });

  it('uses sample values without a list, reports a failure with its reason, and needs WhatsApp', async () => {
    const { r, handlers } = await setup(null);
    r.port.plan('15550001111', { kind: 'fail', message: 'media upload failed' });
    const failed = await handlers['campaign:testSend']({ template: 'Dear {{First name}}, see you {{day|soon}}' }, ctx);
    expect(failed).toMatchObject({ sent: false, reason: 'media upload failed', text: 'Dear [First name], see you [day]', sampleValues: true });
    r.port.setStatus({ kind: 'disconnected', reason: 'phone offline' });
    await expect(handlers['campaign:testSend']({ template: 'hi' }, ctx)).rejects.toThrow(/Connect WhatsApp first/);
    await expect(handlers['campaign:testSend']({ template: 'hi {{' }, ctx)).rejects.toThrow(/never closed/);
  });
});

describe('send to a selection', () => {
  it('finds contacts by name, class or number, and sends only to the ticked ones', async () => {
    const contacts = people();
    const { r, handlers } = await setup({ columns: ['Name', 'Class'], contacts });
    const ana = await handlers['campaign:findContacts']({ query: 'ana', offset: 0, limit: 50 }, ctx);
    expect(ana.total).toBe(2);
    expect(ana.rows.map((row) => [row.index, row.fields.Name])).toEqual([
      [0, 'Ana Lima'],
      [3, 'Ana Ruiz'],
    ]);
    expect(await handlers['campaign:matchContacts']({ query: '5b' }, ctx)).toEqual([1, 3]);
    // Digits find the number however it is written.
    expect(await handlers['campaign:matchContacts']({ query: '(555) 0002' }, ctx)).toEqual([2]);
    expect((await handlers['campaign:findContacts']({ query: '', offset: 3, limit: 50 }, ctx)).rows.map((row) => row.index)).toEqual([3, 4]);

    r.clock.autoAdvance();
    const summary = await handlers['campaign:start']({ template: 'hi {{name}}', pacing: fastPacing(), contacts: [3, 0] }, ctx);
    expect(summary.counts.total).toBe(2);
    await until(() => r.port.sent.length === 2, 'sent');
    await until(() => r.service.activeId === null, 'finished');
    expect(r.port.sent.map((m) => m.body)).toEqual(['hi Ana Lima', 'hi Ana Ruiz']);
    const rows = (await r.service.get(summary.id)).rows(0, 10).rows;
    expect(rows.map((row) => row.row)).toEqual([contacts[0]!.row, contacts[3]!.row]);
  });

  it('refuses an empty selection and one that names a contact the list no longer has', async () => {
    const { handlers } = await setup({ columns: ['Name'], contacts: people() });
    await expect(handlers['campaign:start']({ template: 'hi', pacing: fastPacing(), contacts: [] }, ctx)).rejects.toThrow(/No contact is ticked/);
    await expect(handlers['campaign:start']({ template: 'hi', pacing: fastPacing(), contacts: [1, 7] }, ctx)).rejects.toThrow(
      /names contact 8, but the imported list has 5: it changed since you chose/,
    );
    const parse = invokeContract['campaign:start'].request.safeParse;
    expect(parse({ template: 'hi', pacing: fastPacing(), contacts: [-1] }).success).toBe(false);
    expect(invokeContract['campaign:findContacts'].request.safeParse({ query: 'x'.repeat(201), offset: 0, limit: 10 }).success).toBe(false);
  });

  it('matches every word of the search, case-insensitively', () => {
    const match = contactMatcher('  ana   6A ');
    expect(match({ phone: '+1', row: 2, fields: { Name: 'ANA', Class: '6a' } })).toBe(true);
    expect(match({ phone: '+1', row: 2, fields: { Name: 'Ana', Class: '5B' } })).toBe(false);
    expect(contactMatcher('')({ phone: '+1', row: 2, fields: {} })).toBe(true);
  });
});

describe('resend to failed over IPC', () => {
  it('creates and starts the resend; a second one while it sends is refused', async () => {
    const contacts = makeContacts(3);
    const { r, handlers } = await setup({ columns: ['Name'], contacts });
    r.port.plan(contacts[2]!.phone.slice(1), { kind: 'fail', message: 'x' });
    r.clock.autoAdvance();
    const first = await handlers['campaign:start']({ template: 'hi', pacing: fastPacing() }, ctx);
    await until(() => r.service.activeId === null, 'finished');
    r.port.defaultBehaviour = { kind: 'held' };
    const resend = await handlers['campaign:resendFailed']({ id: first.id }, ctx);
    expect(resend).toMatchObject({ name: expect.stringMatching(/^Resend to failed: /), counts: expect.objectContaining({ total: 1 }) });
    await expect(handlers['campaign:resendFailed']({ id: first.id }, ctx)).rejects.toThrow(/already sending/);
    await until(() => r.port.heldCount === 1, 'the resend sends');
    r.port.defaultBehaviour = { kind: 'ok' };
    r.port.releaseHeld();
    await until(() => r.service.activeId === null, 'resend finished');
    expect(r.port.sent.at(-1)!.chatId).toBe(`${contacts[2]!.phone.slice(1)}@c.us`);
  });
});
