import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import * as XLSX from 'xlsx';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exportCsv, exportXlsx, type ResultSource } from '../../../src/campaign/export';
import type { ContactResult } from '../../../src/shared/contract/campaign';
import { INJECTIONS } from '../core/csv-injection-payloads';

let dir: string;
beforeAll(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'wa-export-'));
});
afterAll(() => fs.rm(dir, { recursive: true, force: true }));

/** A finished campaign whose contacts carry the payloads in their fields (and one in the failure reason). */
function campaignWith(values: string[]): ResultSource {
  const rows: ContactResult[] = values.map((value, i) => ({
    index: i,
    row: i + 2,
    phone: '+971501234567',
    fields: { Name: value, Mobile: '+971501234567', Note: `n${i}` },
    status: 'failed',
    reason: value,
    messageId: null,
    sentAt: null,
    deliveredAt: null,
    readAt: null,
  }));
  return { meta: { columns: ['Name', 'Mobile', 'Note'], total: rows.length }, row: (i) => rows[i]! };
}

/** The cells of a CSV the exports write (BOM, CRLF, RFC 4180 quotes). */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  const body = text.replace(/^\uFEFF/, '');
  for (let i = 0; i < body.length; i++) {
    const ch = body[i]!;
    if (quoted) {
      if (ch === '"' && body[i + 1] === '"') ((cell += '"'), i++);
      else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') (row.push(cell), (cell = ''));
    else if (ch === '\r' && body[i + 1] === '\n') (row.push(cell), rows.push(row), (row = []), (cell = ''), i++);
    else cell += ch;
  }
  return rows;
}

describe('results export (CSV injection)', () => {
  it('CSV: every payload cell gets a leading quote; the phone columns stay plain numbers', async () => {
    const file = path.join(dir, 'results.csv');
    expect(await exportCsv(campaignWith(INJECTIONS), file)).toBe(INJECTIONS.length);
    const [header, ...rows] = parseCsv(await fs.readFile(file, 'utf8'));
    expect(header).toEqual([
      'Row',
      'Phone',
      'Name',
      'Mobile',
      'Note',
      'Status',
      'Reason',
      'Message',
      'Sent at',
      'Delivered at',
      'Read at',
      'Replied at',
      'Reply',
      'Message ID',
      'Chat ID',
    ]);
    rows.slice(0, INJECTIONS.length).forEach((cells, i) => {
      expect(cells[2]).toBe(`'${INJECTIONS[i]}`); // Name
      expect(cells[6]).toBe(`'${INJECTIONS[i]}`); // Reason
      expect(cells[1]).toBe('+971501234567'); // Phone: usable as it is
      expect(cells[3]).toBe('+971501234567'); // the imported phone column too
    });
    // The bypass of the old guard: a minus followed by a digit.
    expect(rows[1]![2]).toBe("'-2+3+cmd|' /C calc'!A0");
  });

  it('XLSX: every payload cell gets a leading quote, text cells stay text, phones keep + and every digit', async () => {
    const file = path.join(dir, 'results.xlsx');
    await exportXlsx(campaignWith(INJECTIONS), file);
    const sheet = XLSX.read(await fs.readFile(file)).Sheets['Results']!;
    INJECTIONS.forEach((payload, i) => {
      const r = i + 2;
      expect(sheet[`C${r}`]).toMatchObject({ t: 's', v: `'${payload}` });
      expect(sheet[`G${r}`]).toMatchObject({ t: 's', v: `'${payload}` });
      expect(sheet[`B${r}`]).toMatchObject({ t: 's', v: '+971501234567' });
      expect(sheet[`D${r}`]).toMatchObject({ t: 's', v: '+971501234567' });
      expect(sheet[`A${r}`]).toMatchObject({ t: 'n', v: r });
    });
    for (const cell of Object.keys(sheet).filter((k) => !k.startsWith('!'))) expect(sheet[cell].f).toBeUndefined();
  });
});
