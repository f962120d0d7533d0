/**
 * The results export (issue 10, screens point 4), from a real import to a real campaign folder, read back with the
 * xlsx library: typed cells (row numbers as numbers, times as date cells in Excel's built-in date-time format 22),
 * the text each person got, the rows the import left out with their reason and their columns, and the ids only on
 * the Details sheet. The CSV: one plain table, local times, the rows left out in file order.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import * as XLSX from 'xlsx';
import { describe, expect, it } from 'vitest';
import { contactsFromService } from '../../../src/campaign/contacts-source';
import { exportCsv, exportXlsx, localTime } from '../../../src/campaign/export';
import { DATE_TIME_FORMAT, SHEETS } from '../../../src/campaign/export-xlsx';
import { LEFT_OUT_FILE } from '../../../src/campaign/left-out';
import { ContactsService } from '../../../src/contacts/contacts-service';
import { inProcessRunner } from '../../../src/contacts/import-runner';
import { memoryJsonFile } from '../../../src/contacts/json-file';
import { MappingStore } from '../../../src/contacts/mapping-store';
import { OptOutList } from '../../../src/contacts/opt-out';
import { fastPacing, rigsClosedAfterEach, until, type Rig } from '../../unit/campaign/helpers';

const newRig = rigsClosedAfterEach();

const CSV = [
  'Name,Phone,Appointment',
  'Jane Smith,+14155550100,3 May 09:00',
  'Omar Haddad,not a number,4 May 10:30',
  'Li Wei,+14155550101,5 May 11:15',
  'Jane again,+14155550100,6 May 08:00',
  'Ana Lopez,+14155550102,7 May 14:45',
  'Sam Stop,+14155550103,8 May 15:00',
].join('\n');

/** A finished campaign over a real import of CSV: Jane read, Li delivered, Ana failed; Omar and "Jane again" left out. */
async function finishedCampaign(r: Rig) {
  const source = path.join(r.dir, 'patients.csv');
  await fs.writeFile(source, `${CSV}\n`);
  const optOut = new OptOutList(memoryJsonFile());
  await optOut.add(['+14155550103'], 'US');
  const contacts = new ContactsService({
    runner: inProcessRunner,
    optOut,
    mappings: new MappingStore(memoryJsonFile()),
    fallbackCountry: () => 'US',
  });
  const summary = await contacts.importFile({ path: source, name: 'patients.csv' }, { defaultCountry: 'US' });
  const list = contactsFromService(contacts, summary);
  expect(list.leftOut?.map((l) => l.row)).toEqual([3, 5, 7]);
  r.port.plan('14155550102', { kind: 'fail', message: 'Evaluation failed: t' });
  const campaign = await r.service.create({
    template: 'Hello {{Name}}, see you on {{Appointment}}.',
    pacing: fastPacing(),
    contacts: list.contacts,
    columns: list.columns,
    leftOut: list.leftOut,
  });
  r.clock.autoAdvance();
  await (
    await r.service.run(campaign.id)
  ).done;
  const [jane, li] = r.port.sent;
  const now = r.clock.now();
  r.port.emitAck({ messageId: jane!.id, ack: 2, at: now + 60_000 });
  r.port.emitAck({ messageId: jane!.id, ack: 3, at: now + 3_600_000 });
  r.port.emitAck({ messageId: li!.id, ack: 2, at: now + 120_000 });
  await until(() => campaign.row(0).status === 'read' && campaign.row(1).status === 'delivered', 'receipts journalled');
  return campaign;
}

const headerOf = (sheet: XLSX.WorkSheet): string[] => (XLSX.utils.sheet_to_json<string[]>(sheet, { header: 1 })[0] ?? []).map(String);

describe('results export', () => {
  it('XLSX: three sheets, typed cells, the text each person got, rows left out with their reason, ids apart', async () => {
    const r = await newRig();
    const campaign = await finishedCampaign(r);
    expect(await fs.readFile(path.join(campaign.dir, LEFT_OUT_FILE), 'utf8')).toContain('Omar Haddad');
    // Names and numbers: owner-only, like the campaign's other files.
    if (process.platform !== 'win32') expect((await fs.stat(path.join(campaign.dir, LEFT_OUT_FILE))).mode & 0o777).toBe(0o600);
    const file = path.join(r.dir, 'results.xlsx');
    expect(await exportXlsx(campaign, file)).toBe(3);
    const data = await fs.readFile(file);
    const book = XLSX.read(data, { cellNF: true });
    expect(book.SheetNames).toEqual([SHEETS.results, SHEETS.leftOut, SHEETS.details]);
    expect(book.SheetNames).toEqual(['Results', 'Left out at import', 'Details']);

    const results = book.Sheets['Results']!;
    expect(headerOf(results)).toEqual([
      'Row',
      'Phone',
      'Name',
      'Phone',
      'Appointment',
      'Status',
      'Reason',
      'Message',
      'Sent',
      'Delivered',
      'Read',
      'Replied',
      'Reply',
    ]);
    expect(results['A2']).toMatchObject({ t: 'n', v: 2 });
    expect(results['A3']).toMatchObject({ t: 'n', v: 4 });
    expect(results['B2']).toMatchObject({ t: 's', v: '+14155550100' });
    expect(results['C2']).toMatchObject({ t: 's', v: 'Jane Smith' });
    expect(results['F2']).toMatchObject({ t: 's', v: 'read' });
    expect(results['H2']).toMatchObject({ t: 's', v: 'Hello Jane Smith, see you on 3 May 09:00.' });
    expect(results['H3']).toMatchObject({ v: 'Hello Li Wei, see you on 5 May 11:15.' });
    // Ana's message did not go out: no text, the reason instead.
    expect(results['F4']).toMatchObject({ v: 'failed' });
    expect(results['G4']?.v).toMatch(/\w/);
    expect(results['H4']?.v ?? '').toBe('');
    for (const cell of ['I2', 'J2', 'K2', 'I3', 'J3']) expect(results[cell], cell).toMatchObject({ t: 'n', z: DATE_TIME_FORMAT });
    expect(results['K3']).toBeUndefined(); // Li: delivered, not read
    // The serial is the local time of the send: read back as a date it is the same wall-clock time.
    const sentAt = campaign.row(0).sentAt!;
    const asDate = XLSX.read(data, { cellDates: true }).Sheets['Results']!['I2']!;
    expect(asDate.t).toBe('d');
    const back = asDate.v as Date;
    const local = new Date(sentAt);
    // SheetJS gives the wall-clock time of a date cell in the Date's UTC fields.
    expect([back.getUTCFullYear(), back.getUTCMonth(), back.getUTCDate(), back.getUTCHours(), back.getUTCMinutes()]).toEqual([
      local.getFullYear(),
      local.getMonth(),
      local.getDate(),
      local.getHours(),
      local.getMinutes(),
    ]);
    // Excel's built-in format 22: shown in the operator's own date order.
    const styles = Buffer.from(XLSX.CFB.find(XLSX.CFB.read(data, { type: 'buffer' }), '/xl/styles.xml')!.content).toString('utf8');
    expect(styles).toMatch(/<xf numFmtId="22"/);
    // No technical ids on the first sheet.
    expect(JSON.stringify(results)).not.toMatch(/@c\.us|true_|false_/);

    const leftOut = book.Sheets['Left out at import']!;
    expect(XLSX.utils.sheet_to_json(leftOut)).toEqual([
      {
        Row: 3,
        'Phone as written': 'not a number',
        Name: 'Omar Haddad',
        Phone: 'not a number',
        Appointment: '4 May 10:30',
        Reason: expect.any(String),
      },
      {
        Row: 5,
        'Phone as written': '+14155550100',
        Name: 'Jane again',
        Phone: '+14155550100',
        Appointment: '6 May 08:00',
        Reason: expect.stringMatching(/repeats row 2/),
      },
      {
        Row: 7,
        'Phone as written': '+14155550103',
        Name: 'Sam Stop',
        Phone: '+14155550103',
        Appointment: '8 May 15:00',
        Reason: 'on the do-not-message list',
      },
    ]);
    expect(leftOut['A2']).toMatchObject({ t: 'n', v: 3 });

    const details = book.Sheets['Details']!;
    expect(headerOf(details)).toEqual(['Row', 'Phone', 'Message ID', 'Chat ID']);
    expect(details['A2']).toMatchObject({ t: 'n', v: 2 });
    expect(details['C2']).toMatchObject({ t: 's', v: r.port.sent[0]!.id });
    expect(details['D2']).toMatchObject({ t: 's', v: '14155550100@c.us' });
  });

  it('CSV: one plain table in file order, local times, the rows left out among the contacts', async () => {
    const r = await newRig();
    const campaign = await finishedCampaign(r);
    const file = path.join(r.dir, 'results.csv');
    expect(await exportCsv(campaign, file)).toBe(6);
    const lines = (await fs.readFile(file, 'utf8')).replace(/^\uFEFF/, '').split('\r\n');
    expect(lines[0]).toBe('Row,Phone,Name,Phone,Appointment,Status,Reason,Message,Sent at,Delivered at,Read at,Replied at,Reply,Message ID,Chat ID');
    expect(lines.slice(1, 7).map((l) => l.split(',')[0])).toEqual(['2', '3', '4', '5', '6', '7']);
    expect(lines[1]).toContain(`,read,,"Hello Jane Smith, see you on 3 May 09:00.",${localTime(campaign.row(0).sentAt)},`);
    expect(lines[2]).toMatch(/^3,not a number,Omar Haddad,not a number,4 May 10:30,left out at import,/);
    expect(localTime(new Date(2026, 10, 30, 12, 5, 9).getTime())).toBe('2026-11-30 12:05:09');
  });

  it('a campaign from before left-out.jsonl: the sheet says the rows were not recorded', async () => {
    const r = await newRig();
    const campaign = await finishedCampaign(r);
    await fs.rm(path.join(campaign.dir, LEFT_OUT_FILE));
    const file = path.join(r.dir, 'old.xlsx');
    await exportXlsx(campaign, file);
    const sheet = XLSX.read(await fs.readFile(file)).Sheets['Left out at import']!;
    expect(XLSX.utils.sheet_to_json(sheet)).toEqual([{ Note: expect.stringMatching(/^Not recorded: this campaign was made before/) }]);
  });
});
