import fs from 'node:fs/promises';
import path from 'node:path';
import * as XLSX from 'xlsx';
import { describe, expect, it } from 'vitest';
import { TemplateStore } from '../../../src/campaign/template-store';
import { csvCell } from '../../../src/campaign/export';
import { createCampaignHandlers, type ImportedContacts } from '../../../src/ipc/handlers/campaign';
import { MAX_SPINTAX_DEPTH } from '../../../src/core/template-syntax';
import { FileRegistry } from '../../../src/platform/file-registry';
import { invokeContract } from '../../../src/shared/contract';
import { AppFailure } from '../../../src/shared/result';
import { fastPacing, makeContacts, rigsClosedAfterEach, tmpDir, until } from './helpers';

const newRig = rigsClosedAfterEach();

const ctx = { sender: { url: 'file:///index.html', isMainFrame: true } } as never;

async function setup(imported: ImportedContacts | null, registry?: FileRegistry) {
  const r = await newRig();
  const files = new Map<string, { path: string; name: string }>();
  const handlers = createCampaignHandlers({
    service: r.service,
    templates: new TemplateStore(path.join(r.dir, 'state', 'templates.json'), r.clock),
    files: registry ?? {
      resolve: (id) => {
        const f = files.get(id);
        if (!f) throw new Error('unknown file');
        return f;
      },
    },
    currentContacts: () => imported,
  });
  return { r, handlers, files };
}

const parse = <K extends keyof typeof invokeContract>(channel: K, payload: unknown) => invokeContract[channel].request.safeParse(payload);

describe('campaign IPC', () => {
  it('validates payloads with the contract schemas, naming the field', () => {
    expect(parse('campaign:start', { template: 'hi', pacing: fastPacing() }).success).toBe(true);
    const bad = parse('campaign:start', { template: 'hi', pacing: { ...fastPacing(), minDelaySec: -1 } });
    expect(bad.success).toBe(false);
    expect(bad.error?.issues[0]?.path).toEqual(['pacing', 'minDelaySec']);
    expect(parse('campaign:start', { template: '', pacing: fastPacing() }).error?.issues[0]?.message).toBe('the message is empty');
    expect(parse('campaign:pause', { id: '../etc' }).success).toBe(false);
    expect(parse('campaign:getRows', { id: 'c_abcd', offset: 0, limit: 5000 }).success).toBe(false);
    expect(parse('campaign:export', { id: 'c_abcd', format: 'pdf', target: 'f_abcdefgh' }).success).toBe(false);
  });

  it('previews exactly what the started campaign sends, and warns about the template', async () => {
    const contacts = makeContacts(4).map((c, i) => ({ ...c, fields: { 'First Name': i === 2 ? '' : `P${i}` } }));
    const { r, handlers } = await setup({ columns: ['First Name'], contacts });
    const template = '{Hi|Hello|Hey|Yo} {{first name}} {{nickname}}';
    const check = await handlers['campaign:checkTemplate']({ template }, ctx);
    expect(check.unknownPlaceholders).toEqual(['nickname']);
    expect(check.emptyFields.total).toBe(1);
    expect(check.emptyFields.sample[0]).toMatchObject({ row: contacts[2]!.row });

    const draftId = 'draft_1234';
    const previews = await Promise.all(contacts.map((_, index) => handlers['campaign:preview']({ template, index, draftId }, ctx)));
    r.clock.autoAdvance();
    const summary = await handlers['campaign:start']({ template, pacing: fastPacing(), draftId }, ctx);
    await until(() => r.port.sent.length === 4, 'all sent');
    expect(r.port.sent.map((m) => m.body)).toEqual(previews.map((p) => p.text));
    expect((await handlers['campaign:list'](undefined, ctx))[0]!.id).toBe(summary.id);
    await expect(handlers['campaign:preview']({ template, index: 9 }, ctx)).rejects.toThrow(/no contact 10: the list has 4/);
  });

  it('refuses to start without contacts and with a bad attachment', async () => {
    const none = await setup(null);
    await expect(none.handlers['campaign:start']({ template: 'x', pacing: fastPacing() }, ctx)).rejects.toThrow(/Import a contact list/);
    const { handlers, files, r } = await setup({ columns: [], contacts: makeContacts(1) });
    const fake = path.join(r.dir, 'photo.png');
    await fs.writeFile(fake, 'not a png at all');
    files.set('f_photo123', { path: fake, name: 'photo.png' });
    await expect(handlers['campaign:checkAttachment']({ fileId: 'f_photo123' }, ctx)).rejects.toThrow(/photo.png does not look like a PNG/);
    await expect(handlers['campaign:start']({ template: 'x', pacing: fastPacing(), attachmentFileId: 'f_photo123' }, ctx)).rejects.toThrow(
      /photo.png/,
    );
  });

  it('starts one campaign when Start is pressed twice at once', async () => {
    const { r, handlers } = await setup({ columns: [], contacts: makeContacts(2) });
    r.port.defaultBehaviour = { kind: 'held' };
    r.clock.autoAdvance(2, 600_000);
    const results = await Promise.allSettled([
      handlers['campaign:start']({ template: 'x', pacing: fastPacing({ sendTimeoutSec: 3600 }) }, ctx),
      handlers['campaign:start']({ template: 'x', pacing: fastPacing({ sendTimeoutSec: 3600 }) }, ctx),
    ]);
    expect(results.map((x) => x.status).sort()).toEqual(['fulfilled', 'rejected']);
    expect(await handlers['campaign:list'](undefined, ctx)).toHaveLength(1);
  });

  it('saves, lists and deletes templates', async () => {
    const { handlers, r } = await setup(null);
    await handlers['campaign:saveTemplate']({ name: 'Promo', text: 'Hi {{name}}' }, ctx);
    r.clock.advance(1000);
    await handlers['campaign:saveTemplate']({ name: 'Reminder', text: 'Bye' }, ctx);
    expect((await handlers['campaign:listTemplates'](undefined, ctx)).map((t) => t.name)).toEqual(['Reminder', 'Promo']);
    await handlers['campaign:deleteTemplate']({ name: 'Promo' }, ctx);
    await expect(handlers['campaign:deleteTemplate']({ name: 'Promo' }, ctx)).rejects.toThrow(/No saved template/);
    const reread = new TemplateStore(path.join(r.dir, 'state', 'templates.json'), r.clock);
    expect((await reread.list()).map((t) => t.name)).toEqual(['Reminder']);
  });

  it('keeps the recent log lines of each campaign for a reloaded page, the last 500, oldest first', async () => {
    const { r, handlers } = await setup({ columns: [], contacts: makeContacts(2) });
    r.port.unregistered.add(makeContacts(2)[1]!.phone.slice(1));
    r.clock.autoAdvance();
    const summary = await handlers['campaign:start']({ template: 'x', pacing: fastPacing() }, ctx);
    // The "finished" line is said after the state is journalled, so wait for the line itself.
    await until(() => r.service.logOf(summary.id).some((l) => /Every contact has been handled/.test(l.message)), 'the finished line');
    const log = await handlers['campaign:getLog']({ id: summary.id }, ctx);
    expect(log.at(-1)).toMatchObject({ campaignId: summary.id, level: 'info', message: 'Every contact has been handled.' });
    expect(log.every((l) => l.campaignId === summary.id)).toBe(true);

    // Another campaign's lines stay apart; a long campaign keeps only its newest 500.
    for (let i = 0; i < 700; i++) r.service.log.emit({ campaignId: 'c_other1', at: i, level: 'info', message: `line ${i}` });
    const other = r.service.logOf('c_other1');
    expect(other).toHaveLength(500);
    expect(other[0]!.message).toBe('line 200');
    expect(other.at(-1)!.message).toBe('line 699');
    expect((await handlers['campaign:getLog']({ id: summary.id }, ctx)).length).toBe(log.length);
    await expect(handlers['campaign:getLog']({ id: 'c_nosuch1' }, ctx)).rejects.toThrow(/No campaign c_nosuch1/);
    expect(parse('campaign:getLog', { id: '../x' }).success).toBe(false);
  });

  it('exports results as CSV and XLSX with status, reason, message id and times', async () => {
    const contacts = makeContacts(3).map((c, i) => ({ ...c, fields: { Name: i === 1 ? '=HYPERLINK("x")' : `N${i}`, City: 'Rome, Italy' } }));
    const { r, handlers, files } = await setup({ columns: ['Name', 'City'], contacts });
    r.port.unregistered.add(contacts[2]!.phone.slice(1));
    r.clock.autoAdvance();
    const summary = await handlers['campaign:start']({ template: 'x', pacing: fastPacing() }, ctx);
    await until(() => r.service.summaryOf(r.service['loaded'].get(summary.id)!).state === 'finished', 'finished');
    const out = await tmpDir();
    files.set('f_csvout1', { path: path.join(out, 'r.csv'), name: 'r.csv' });
    files.set('f_xlsxout', { path: path.join(out, 'r.xlsx'), name: 'r.xlsx' });
    expect(await handlers['campaign:export']({ id: summary.id, format: 'csv', target: 'f_csvout1' }, ctx)).toEqual({ rows: 3 });
    const csv = (await fs.readFile(path.join(out, 'r.csv'), 'utf8')).replace(/^\uFEFF/, '').split('\r\n');
    expect(csv[0]).toBe('Row,Phone,Name,City,Status,Reason,Message,Sent at,Delivered at,Read at,Replied at,Reply,Message ID,Chat ID');
    expect(csv[1]).toMatch(/^2,\+14155550000,N0,"Rome, Italy",sent,,x,\d{4}-\d\d-\d\d \d\d:\d\d:\d\d,,,,,true_14155550000@c\.us_FAKE1,/);
    expect(csv[2]).toContain(`"'=HYPERLINK(""x"")"`);
    expect(csv[3]).toContain('skipped,not on WhatsApp,,');

    await handlers['campaign:export']({ id: summary.id, format: 'xlsx', target: 'f_xlsxout' }, ctx);
    const book = XLSX.read(await fs.readFile(path.join(out, 'r.xlsx')));
    const rows = XLSX.utils.sheet_to_json<string[]>(book.Sheets['Results']!, { header: 1 });
    expect(rows).toHaveLength(4);
    expect(rows[3]).toEqual(expect.arrayContaining(['skipped', 'not on WhatsApp']));
  });

  it('never exports into a file chosen to be read: the imported list stays as it was', async () => {
    const registry = new FileRegistry();
    const { r, handlers } = await setup({ columns: [], contacts: makeContacts(2) }, registry);
    r.clock.autoAdvance();
    const summary = await handlers['campaign:start']({ template: 'x', pacing: fastPacing() }, ctx);
    await until(() => r.service.summaryOf(r.service['loaded'].get(summary.id)!).state === 'finished', 'finished');
    const out = await tmpDir();
    const imported = path.join(out, 'contacts.csv');
    await fs.writeFile(imported, 'phone\n+14155550000\n');
    const importRef = await registry.register(imported);

    const refused = handlers['campaign:export']({ id: summary.id, format: 'csv', target: importRef.id }, ctx);
    await expect(refused).rejects.toBeInstanceOf(AppFailure);
    await expect(refused).rejects.toMatchObject({
      code: 'bad_request',
      message: expect.stringMatching(/contacts\.csv was chosen to be read, not written/),
    });
    expect(await fs.readFile(imported, 'utf8')).toBe('phone\n+14155550000\n');

    // A save target is written; an attachment must be a file chosen to be read.
    const target = registry.registerTarget(path.join(out, 'results.csv'));
    expect(await handlers['campaign:export']({ id: summary.id, format: 'csv', target: target.id }, ctx)).toEqual({ rows: 2 });
    await expect(handlers['campaign:checkAttachment']({ fileId: target.id }, ctx)).rejects.toMatchObject({ code: 'bad_request' });
  });

  it('refuses a deeply nested template as a bad request naming the limit, never as an internal error', async () => {
    const deep = '{a|'.repeat(5000) + 'x' + '}'.repeat(5000);
    const braces = '{'.repeat(30_000) + '}'.repeat(30_000);
    for (const template of [deep, braces]) {
      const calls = [
        parse('campaign:checkTemplate', { template }),
        parse('campaign:preview', { template, index: 0 }),
        parse('campaign:saveTemplate', { name: 'n', text: template }),
        parse('campaign:start', { template, pacing: fastPacing() }),
      ];
      for (const parsed of calls) {
        expect(parsed.success).toBe(false);
        expect(parsed.error?.issues[0]?.message).toBe(
          `"{" at position ${template === deep ? 3 * MAX_SPINTAX_DEPTH + 1 : MAX_SPINTAX_DEPTH + 1} nests spintax more than ${MAX_SPINTAX_DEPTH} levels deep; the limit is ${MAX_SPINTAX_DEPTH} levels`,
        );
      }
    }
    // Past the schema (a caller inside main), the handlers still answer with the limit, not a stack overflow.
    const { handlers } = await setup({ columns: [], contacts: makeContacts(1) });
    await expect(handlers['campaign:preview']({ template: deep, index: 0 }, ctx)).rejects.toMatchObject({
      code: 'bad_request',
      message: expect.stringContaining(`the limit is ${MAX_SPINTAX_DEPTH} levels`),
    });
    await expect(handlers['campaign:start']({ template: deep, pacing: fastPacing() }, ctx)).rejects.toMatchObject({
      code: 'bad_request',
      message: expect.stringContaining(`the limit is ${MAX_SPINTAX_DEPTH} levels`),
    });
    const check = await handlers['campaign:checkTemplate']({ template: braces }, ctx);
    expect(check.errors).toEqual([
      {
        index: MAX_SPINTAX_DEPTH,
        message: expect.stringContaining(`the limit is ${MAX_SPINTAX_DEPTH} levels`),
        // The code and values the screen translates the error from.
        code: 'tooDeep',
        values: { max: MAX_SPINTAX_DEPTH, position: MAX_SPINTAX_DEPTH + 1, token: '{' },
      },
    ]);
  });

  it('takes a status filter of at most the 8 statuses, each once', () => {
    const all = ['pending', 'sending', 'sent', 'delivered', 'read', 'failed', 'skipped', 'rejected'];
    expect(parse('campaign:getRows', { id: 'c_abcd', offset: 0, limit: 50, status: all }).success).toBe(true);
    const many = parse('campaign:getRows', { id: 'c_abcd', offset: 0, limit: 50, status: Array(1_000_000).fill('sent') });
    expect(many.error?.issues[0]).toMatchObject({ path: ['status'], message: 'at most the 8 statuses, each once' });
    const twice = parse('campaign:getRows', { id: 'c_abcd', offset: 0, limit: 50, status: ['sent', 'sent'] });
    expect(twice.error?.issues[0]).toMatchObject({ path: ['status'], message: 'a status is named more than once' });
  });

  it('csv cells keep phone numbers and neutralise formulas', () => {
    expect(csvCell('+14155550000')).toBe('+14155550000');
    expect(csvCell('-5')).toBe("'-5"); // OWASP: a leading minus is quoted too (issue 13 point 9)
    expect(csvCell('=1+1')).toBe("'=1+1");
    expect(csvCell('+cmd')).toBe("'+cmd");
    expect(csvCell('@SUM(A1)')).toBe("'@SUM(A1)");
  });
});
