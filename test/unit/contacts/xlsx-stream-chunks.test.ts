import { describe, expect, it } from 'vitest';
import { packedRow, packedRowCount, type PackedRows } from '../../../src/contacts/packed-rows';
import { SharedStringsParser } from '../../../src/contacts/xlsx-stream/shared-strings';
import { SheetOutlineScanner } from '../../../src/contacts/xlsx-stream/sheet-outline';
import { SheetRows } from '../../../src/contacts/xlsx-stream/sheet-rows';
import { SheetScanner } from '../../../src/contacts/xlsx-stream/sheet-scanner';

/** The streaming parsers must give the same result however the inflated bytes are cut into chunks. */

const SST = Buffer.from(
  '<?xml version="1.0"?><sst xmlns="x" count="4"><si><t>Name</t></si><si><t xml:space="preserve">Ünïcødé 😀 </t></si>' +
    '<si><r><t>Ri</t></r><r><rPr/><t>ch &amp; run</t></r></si><si><t>a_x000D_b</t></si></sst>',
);

let sheet = '<?xml version="1.0"?><worksheet><dimension ref="A1:D40"/><sheetData>';
for (let r = 1; r <= 30; r++) {
  sheet += `<row r="${r}" spans="1:4"><c r="A${r}" t="s"><v>${r % 4}</v></c><c r="B${r}"><v>${971500000000 + r}</v></c>`;
  if (r % 3 === 0) sheet += `<c r="D${r}" t="inlineStr"><is><t>in &lt;${r}&gt;</t></is></c>`;
  sheet += '</row>';
}
sheet += '</sheetData><mergeCells count="1"><mergeCell ref="C2:C4"/></mergeCells></worksheet>';
const SHEET = Buffer.from(sheet.replace('<c r="B2">', '<c r="C2" t="s"><v>0</v></c><c r="B2x">'));

function cut(bytes: Buffer, size: number): Buffer[] {
  const out: Buffer[] = [];
  for (let i = 0; i < bytes.length; i += size) out.push(bytes.subarray(i, i + size));
  return out;
}

function parse(chunkSize: number) {
  const sst = new SharedStringsParser();
  for (const c of cut(SST, chunkSize)) sst.push(c);
  const strings = sst.finish();
  const outline = new SheetOutlineScanner();
  for (const c of cut(SHEET, chunkSize)) outline.push(c);
  const { dimension, merges } = outline.finish();
  const rows: string[][] = [];
  const sink = new SheetRows({
    fileName: 'f.xlsx',
    sheetName: 'S',
    dimension,
    merges,
    strings,
    onRows: (p: PackedRows) => {
      for (let i = 0; i < packedRowCount(p); i++) rows.push(packedRow(p, i));
    },
    onBatch: () => undefined,
  });
  const scanner = new SheetScanner({ fileName: 'f.xlsx', sheetName: 'S', strings, numberStyles: [], date1904: false }, sink);
  for (const c of cut(SHEET, chunkSize)) scanner.push(c);
  const result = sink.finish();
  return { strings: Array.from({ length: strings.count }, (_, i) => strings.text(i)), dimension, merges, rows, result };
}

describe('streaming .xlsx parsers across chunk boundaries', () => {
  it('give the same strings, outline and rows for every chunk size', () => {
    const whole = parse(1 << 20);
    expect(whole.strings).toEqual(['Name', 'Ünïcødé 😀 ', 'Rich & run', 'a\rb']);
    expect(whole.dimension).toEqual({ s: { r: 0, c: 0 }, e: { r: 39, c: 3 } });
    expect(whole.merges).toEqual([{ s: { r: 1, c: 2 }, e: { r: 3, c: 2 } }]);
    expect(whole.rows).toHaveLength(40);
    // Row 2 lists C2 before B2 (out of order: the slow path), and C2 tops a merged area.
    expect(whole.rows[1]).toEqual(['Rich & run', '971500000002', 'Name']);
    expect(whole.rows[2]).toEqual(['a\rb', '971500000003', 'Name', 'in <3>']);
    expect(whole.rows[4]).toEqual(['Ünïcødé 😀 ', '971500000005']);
    expect(whole.rows[39]).toEqual([]);
    expect(whole.result).toEqual({ firstRowNumber: 1, width: 4, rows: 40 });
    for (const size of [1, 2, 3, 7, 64, 333]) expect(parse(size)).toEqual(whole);
  });
});
