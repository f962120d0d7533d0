import { unreadable } from '../import-error';
import { columnBeyondLimit, MAX_SHEET_COLUMNS, MAX_SHEET_ROWS, rowBeyondLimit } from '../sheet-limits';
import { booleanText, dateSerial, numberText } from './cell-values';
import { CellKind, RowCells } from './row-cells';
import type { SharedStrings } from './shared-strings';
import { stringItemText, unescapeXml } from './xml-text';

export interface ScanContext {
  fileName: string;
  sheetName: string;
  strings: SharedStrings | null;
  /** Per cell style (the s attribute): width to pad whole numbers to, 0 for none. */
  padWidths: readonly number[];
  date1904: boolean;
}

/** Hears each row as it is scanned; `cells` is reused, so it must be used before returning. */
export interface RowSink {
  /** Row `index` (0-based, as numbered in the file) with its cells; `counted` marks cells SheetJS counts for the range. */
  row(index: number, cells: RowCells): void;
  /** A cell that counts for the used range (even if it shows nothing), for sheets without a <dimension>. */
  column(col: number): void;
}

const LT = 0x3c;
const GT = 0x3e;
const SLASH = 0x2f;
const QUOTE = 0x22;
const APOS = 0x27;
const EQ = 0x3d;
const COLON = 0x3a;
const AMP = 0x26;
const UNDERSCORE = 0x5f;
const CR = 0x0d;

const isNameEnd = (b: number) => b === 0x20 || b === GT || b === SLASH || b === 0x09 || b === 0x0a || b === 0x0d;

/** Cell types, from the t attribute. */
const enum CellType {
  Number,
  Shared,
  Str,
  Inline,
  Bool,
  Error,
  Date,
  Other,
}

/**
 * A small hand-written scanner over a sheet's XML, fed chunk by chunk: no DOM, no string per tag. Only complete
 * rows are read; the bytes of an unfinished row are carried over to the next chunk. Cell semantics follow SheetJS
 * 0.20.3's parse_ws_xml_data (which cells exist, their type and text) so both readers give the same rows.
 */
export class SheetScanner {
  private carry: Buffer = Buffer.alloc(0);
  private inData = false;
  private done = false;
  private lastRow = 0; // SheetJS's tagr: 1-based, a row without r is the one after the last
  private currentRow = 0;
  private readonly cells = new RowCells();
  // Attribute ranges of the tag being read (set by readAttributes).
  /** The last tag name read by readTagName (fields, not a returned object: this runs for every tag of the sheet). */
  private tagStart = 0;
  private tagEnd = 0;
  private tagClosing = false;
  private attrR = -1;
  private attrREnd = -1;
  private attrT = -1;
  private attrTEnd = -1;
  private attrS = -1;
  private attrSEnd = -1;

  constructor(
    private readonly ctx: ScanContext,
    private readonly sink: RowSink,
  ) {}

  push(chunk: Buffer): void {
    if (this.done) return;
    const buf = this.carry.length > 0 ? Buffer.concat([this.carry, chunk]) : chunk;
    const used = this.scan(buf);
    const rest = buf.length - used;
    // Copied so the carried bytes do not pin the whole chunk; a row longer than this is refused rather than grown forever.
    this.carry = rest > 0 ? Buffer.from(buf.subarray(used)) : Buffer.alloc(0);
    if (this.carry.length > 64 * 1024 * 1024) {
      throw unreadable(this.ctx.fileName, `sheet "${this.ctx.sheetName}" has a row longer than 64 MB`);
    }
  }

  /** Returns how many bytes of `buf` were used (the rest is an unfinished tag or row). */
  private scan(buf: Buffer): number {
    let pos = 0;
    const len = buf.length;
    for (;;) {
      const lt = buf.indexOf(LT, pos);
      if (lt < 0) return len;
      const gt = buf.indexOf(GT, lt);
      if (gt < 0) return lt;
      this.readTagName(buf, lt, gt);
      const { tagStart: nameStart, tagEnd: nameEnd, tagClosing: closing } = this;
      const nameLength = nameEnd - nameStart;
      if (!this.inData) {
        if (nameLength === 9 && !closing && buf.toString('latin1', nameStart, nameEnd) === 'sheetData') {
          if (buf[gt - 1] === SLASH) {
            this.done = true;
            return len;
          }
          this.inData = true;
        }
        pos = gt + 1;
        continue;
      }
      if (nameLength === 3 && !closing && buf[nameStart] === 0x72 && buf[nameStart + 1] === 0x6f && buf[nameStart + 2] === 0x77) {
        const end = this.readRow(buf, nameEnd, gt);
        if (end < 0) return lt;
        pos = end;
        continue;
      }
      if (closing && nameLength === 9 && buf.toString('latin1', nameStart, nameEnd) === 'sheetData') {
        this.done = true;
        return len;
      }
      pos = gt + 1;
    }
  }

  /** Reads the row whose start tag's attributes are [from, gt); returns where it ends, or -1 when the buffer ends first. */
  private readRow(buf: Buffer, from: number, gt: number): number {
    if (buf[gt - 1] === SLASH) return gt + 1; // <row/>: SheetJS passes over an empty row written this way
    this.readAttributes(buf, from, gt);
    const rowNumber = this.attrR >= 0 ? parseDigits(buf, this.attrR, this.attrREnd) : -1;
    const row = rowNumber > 0 ? rowNumber : this.lastRow + 1;
    // Rows missing between two rows come out empty: a row numbered in the billions would be a billion of them.
    if (row > MAX_SHEET_ROWS) throw unreadable(this.ctx.fileName, rowBeyondLimit(this.ctx.sheetName, row).message);
    this.currentRow = row;
    const cells = this.cells;
    cells.reset(buf);
    let tagc = -1;
    let pos = gt + 1;
    for (;;) {
      const l = buf.indexOf(LT, pos);
      if (l < 0) return -1;
      const g = buf.indexOf(GT, l);
      if (g < 0) return -1;
      this.readTagName(buf, l, g);
      const { tagStart: nameStart, tagEnd: nameEnd, tagClosing: closing } = this;
      const nameLength = nameEnd - nameStart;
      if (nameLength === 1 && !closing && buf[nameStart] === 0x63 /* c */) {
        this.readAttributes(buf, nameEnd, g);
        tagc = this.attrR >= 0 ? columnOf(buf, this.attrR, this.attrREnd) : tagc + 1;
        const end = this.readCell(buf, g, tagc);
        if (end < 0) return -1;
        pos = end;
        continue;
      }
      if (closing && nameLength === 3 && buf[nameStart] === 0x72 && buf[nameStart + 1] === 0x6f && buf[nameStart + 2] === 0x77) {
        this.lastRow = row;
        this.sink.row(row - 1, cells);
        return g + 1;
      }
      pos = g + 1;
    }
  }

  /** Reads one cell whose start tag ends at `gt` (attributes already read); returns where it ends or -1. */
  private readCell(buf: Buffer, gt: number, col: number): number {
    const tStart = this.attrT;
    const tEnd = this.attrTEnd;
    const style = this.attrS >= 0 ? parseDigits(buf, this.attrS, this.attrSEnd) : -1;
    let vStart = -1;
    let vEnd = -1;
    let isStart = -1;
    let isEnd = -1;
    let end: number;
    if (buf[gt - 1] === SLASH) end = gt + 1;
    else {
      let pos = gt + 1;
      for (;;) {
        const l = buf.indexOf(LT, pos);
        if (l < 0) return -1;
        const g = buf.indexOf(GT, l);
        if (g < 0) return -1;
        this.readTagName(buf, l, g);
        const { tagStart: nameStart, tagEnd: nameEnd, tagClosing: closing } = this;
        const nameLength = nameEnd - nameStart;
        const first = buf[nameStart];
        if (nameLength === 1 && first === 0x63 /* c */ && closing) {
          end = g + 1;
          break;
        }
        if (nameLength === 1 && first === 0x76 /* v */ && !closing && vStart < 0 && buf[g - 1] !== SLASH) {
          vStart = g + 1;
          vEnd = buf.indexOf(LT, vStart);
          if (vEnd < 0) return -1;
          pos = vEnd;
          continue;
        }
        if (nameLength === 2 && first === 0x69 && buf[nameStart + 1] === 0x73 /* is */) {
          if (!closing && isStart < 0) isStart = g + 1;
          else if (closing && isEnd < 0) isEnd = l;
        }
        pos = g + 1;
      }
    }
    const hasValue = vStart >= 0 && vEnd > vStart;
    if (tStart < 0 && !hasValue) return end; // no type, no value: SheetJS keeps no cell
    // Cells missing before this one come out empty: a column in the billions would be a billion of them.
    if (col >= MAX_SHEET_COLUMNS) throw unreadable(this.ctx.fileName, columnBeyondLimit(this.ctx.sheetName, this.currentRow, col + 1).message);
    this.sink.column(col);
    const type = tStart < 0 ? CellType.Number : cellType(buf, tStart, tEnd);
    const cells = this.cells;
    switch (type) {
      case CellType.Number: {
        if (!hasValue) break;
        const pad = style >= 0 ? (this.ctx.padWidths[style] ?? 0) : 0;
        if (pad === 0 && isPlainInteger(buf, vStart, vEnd)) cells.add(col, CellKind.Bytes, vStart, vEnd);
        else cells.add(col, CellKind.Text, 0, 0, numberText(parseFloat(unescapeXml(buf.toString('utf8', vStart, vEnd))), pad));
        break;
      }
      case CellType.Shared: {
        if (!hasValue) break;
        const index = parseDigits(buf, vStart, vEnd);
        const strings = this.ctx.strings;
        if (!strings || index < 0 || index >= strings.count) {
          throw unreadable(
            this.ctx.fileName,
            `is damaged: sheet "${this.ctx.sheetName}" row ${this.currentRow} refers to shared text ${buf.toString('latin1', vStart, vEnd)}, which the file does not have`,
          );
        }
        cells.add(col, CellKind.Shared, index, index);
        break;
      }
      case CellType.Str:
        if (!hasValue) cells.add(col, CellKind.Empty, 0, 0);
        else if (isPlainText(buf, vStart, vEnd)) cells.add(col, CellKind.Bytes, vStart, vEnd);
        // SheetJS unescapes a formula's text result twice (once for every <v>, once more for t="str").
        else cells.add(col, CellKind.Text, 0, 0, unescapeXml(unescapeXml(buf.toString('utf8', vStart, vEnd)), true));
        break;
      case CellType.Inline: {
        const text = isStart >= 0 && isEnd >= isStart ? stringItemText(buf.toString('utf8', isStart, isEnd).trim()) : '';
        cells.add(col, CellKind.Text, 0, 0, text ?? '');
        break;
      }
      case CellType.Bool:
        cells.add(col, CellKind.Text, 0, 0, booleanText(hasValue ? unescapeXml(buf.toString('utf8', vStart, vEnd)) : undefined));
        break;
      case CellType.Error:
        cells.add(col, CellKind.Empty, 0, 0);
        break;
      case CellType.Date: {
        const pad = style >= 0 ? (this.ctx.padWidths[style] ?? 0) : 0;
        const text = hasValue ? unescapeXml(buf.toString('utf8', vStart, vEnd)) : '';
        cells.add(col, CellKind.Text, 0, 0, hasValue ? numberText(dateSerial(text, this.ctx.date1904), pad) : '');
        break;
      }
      case CellType.Other:
        if (hasValue) cells.add(col, CellKind.Text, 0, 0, unescapeXml(buf.toString('utf8', vStart, vEnd)));
        else cells.add(col, CellKind.Empty, 0, 0);
        break;
    }
    return end;
  }

  /** Finds the r, t and s attributes in [from, to) (any prefix dropped), as byte ranges of their values. */
  /** Reads the name of the tag between `<` at lt and `>` at gt, without its namespace prefix. */
  private readTagName(buf: Buffer, lt: number, gt: number): void {
    let start = lt + 1;
    const closing = buf[start] === SLASH;
    if (closing) start++;
    let end = start;
    while (end < gt && !isNameEnd(buf[end]!)) {
      if (buf[end] === COLON) start = end + 1;
      end++;
    }
    this.tagStart = start;
    this.tagEnd = end;
    this.tagClosing = closing;
  }

  private readAttributes(buf: Buffer, from: number, to: number): void {
    this.attrR = this.attrT = this.attrS = -1;
    let i = from;
    while (i < to) {
      const eq = buf.indexOf(EQ, i);
      if (eq < 0 || eq >= to) return;
      let nameEnd = eq;
      while (nameEnd > i && buf[nameEnd - 1]! <= 0x20) nameEnd--;
      let nameStart = nameEnd;
      while (nameStart > i && buf[nameStart - 1]! > 0x20 && buf[nameStart - 1] !== COLON) nameStart--;
      let q = eq + 1;
      while (q < to && buf[q]! <= 0x20) q++;
      const quote = buf[q];
      if (quote !== QUOTE && quote !== APOS) return;
      const valueEnd = buf.indexOf(quote, q + 1);
      if (valueEnd < 0 || valueEnd > to) return;
      if (nameEnd - nameStart === 1) {
        const n = buf[nameStart];
        if (n === 0x72 /* r */) {
          this.attrR = q + 1;
          this.attrREnd = valueEnd;
        } else if (n === 0x74 /* t */) {
          this.attrT = q + 1;
          this.attrTEnd = valueEnd;
        } else if (n === 0x73 /* s */) {
          this.attrS = q + 1;
          this.attrSEnd = valueEnd;
        }
      }
      i = valueEnd + 1;
    }
  }
}

function cellType(buf: Buffer, start: number, end: number): CellType {
  const length = end - start;
  const b = buf[start];
  if (length === 1) {
    if (b === 0x73) return CellType.Shared; // s
    if (b === 0x6e) return CellType.Number; // n
    if (b === 0x62) return CellType.Bool; // b
    if (b === 0x65) return CellType.Error; // e
    if (b === 0x64) return CellType.Date; // d
    return CellType.Other;
  }
  const name = buf.toString('latin1', start, end);
  if (name === 'str') return CellType.Str;
  if (name === 'inlineStr') return CellType.Inline;
  return CellType.Other;
}

/** The column of a cell reference ("C12" -> 2), uppercase letters only as SheetJS reads them. */
function columnOf(buf: Buffer, start: number, end: number): number {
  let idx = 0;
  for (let i = start; i < end; i++) {
    const cc = buf[i]! - 64;
    if (cc < 1 || cc > 26) break;
    idx = 26 * idx + cc;
  }
  return idx - 1;
}

/** Leading decimal digits as a number (parseInt's reading), -1 when there are none. */
function parseDigits(buf: Buffer, start: number, end: number): number {
  let i = start;
  while (i < end && buf[i]! <= 0x20) i++;
  let value = 0;
  let digits = 0;
  for (; i < end; i++) {
    const d = buf[i]! - 48;
    if (d < 0 || d > 9) break;
    value = value * 10 + d;
    digits++;
  }
  return digits > 0 ? value : -1;
}

/** Digits whose text is already what the reader shows: no sign, no leading zero, exact as a double (<= 15 digits). */
function isPlainInteger(buf: Buffer, start: number, end: number): boolean {
  const length = end - start;
  if (length > 15 || (length > 1 && buf[start] === 0x30)) return false;
  for (let i = start; i < end; i++) {
    const d = buf[i]! - 48;
    if (d < 0 || d > 9) return false;
  }
  return true;
}

/** Text that needs no unescaping: no entity, no `_xHHHH_` escape, no CR (CRLF becomes LF). */
function isPlainText(buf: Buffer, start: number, end: number): boolean {
  for (let i = start; i < end; i++) {
    const b = buf[i]!;
    if (b === AMP || b === UNDERSCORE || b === CR) return false;
  }
  return true;
}
