import { unreadable } from '../import-error';
import { columnBeyondLimit, MAX_SHEET_COLUMNS, MAX_SHEET_ROWS, rowBeyondLimit } from '../sheet-limits';
import { booleanText, dateSerial, styledNumberText, type NumberStyle } from './cell-values';
import { CellKind, RowCells } from './row-cells';
import type { SharedStrings } from './shared-strings';
import { stringItemText, unescapeXml } from './xml-text';

export interface ScanContext {
  fileName: string;
  sheetName: string;
  strings: SharedStrings | null;
  /** Per cell style (the s attribute): how it changes a number's text (undefined: not at all). */
  numberStyles: readonly (NumberStyle | undefined)[];
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
  /**
   * The last tag found by nextTag: its `<` and `>`, and its name as readTagName read it (fields, not a returned
   * object: this runs for every tag of the sheet).
   */
  private tagLt = -1;
  private tagGt = -1;
  private tagStart = 0;
  private tagEnd = 0;
  private tagClosing = false;
  /** The cell being read: its first <v>'s text and its <is>, as byte ranges (-1: none). */
  private vStart = -1;
  private vEnd = -1;
  private isStart = -1;
  private isEnd = -1;
  // Attribute ranges of the tag being read (set by readAttributes).
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
    for (;;) {
      if (!this.nextTag(buf, pos)) return this.tagLt < 0 ? buf.length : this.tagLt;
      const { tagLt: lt, tagGt: gt, tagClosing: closing } = this;
      if (!this.inData) {
        if (!closing && this.isSheetDataTag(buf)) {
          if (buf[gt - 1] === SLASH) return this.finish(buf);
          this.inData = true;
        }
        pos = gt + 1;
      } else if (!closing && this.isRowTag(buf)) {
        pos = this.readRow(buf, this.tagEnd, gt);
        if (pos < 0) return lt;
      } else if (closing && this.isSheetDataTag(buf)) {
        return this.finish(buf);
      } else {
        pos = gt + 1;
      }
    }
  }

  /** The end of <sheetData>: nothing after it is read. */
  private finish(buf: Buffer): number {
    this.done = true;
    return buf.length;
  }

  /** Reads the row whose start tag's attributes are [from, gt); returns where it ends, or -1 when the buffer ends first. */
  private readRow(buf: Buffer, from: number, gt: number): number {
    if (buf[gt - 1] === SLASH) return gt + 1; // <row/>: SheetJS passes over an empty row written this way
    const row = this.startRow(buf, from, gt);
    let tagc = -1;
    let pos = gt + 1;
    for (;;) {
      if (!this.nextTag(buf, pos)) return -1;
      const { tagGt: g, tagClosing: closing } = this;
      if (!closing && this.tagEnd - this.tagStart === 1 && buf[this.tagStart] === 0x63 /* c */) {
        this.readAttributes(buf, this.tagEnd, g);
        tagc = this.attrR >= 0 ? columnOf(buf, this.attrR, this.attrREnd) : tagc + 1;
        pos = this.readCell(buf, g, tagc);
        if (pos < 0) return -1;
      } else if (closing && this.isRowTag(buf)) {
        this.lastRow = row;
        this.sink.row(row - 1, this.cells);
        return g + 1;
      } else {
        pos = g + 1;
      }
    }
  }

  /** The number of the row whose start tag's attributes are [from, gt) (the one after the last without r). */
  private startRow(buf: Buffer, from: number, gt: number): number {
    this.readAttributes(buf, from, gt);
    const rowNumber = this.attrR >= 0 ? parseDigits(buf, this.attrR, this.attrREnd) : -1;
    const row = rowNumber > 0 ? rowNumber : this.lastRow + 1;
    // Rows missing between two rows come out empty: a row numbered in the billions would be a billion of them.
    if (row > MAX_SHEET_ROWS) throw unreadable(this.ctx.fileName, rowBeyondLimit(this.ctx.sheetName, row).message);
    this.currentRow = row;
    this.cells.reset(buf);
    return row;
  }

  /** Reads one cell whose start tag ends at `gt` (attributes already read); returns where it ends or -1. */
  private readCell(buf: Buffer, gt: number, col: number): number {
    const tStart = this.attrT;
    const tEnd = this.attrTEnd;
    const style = this.attrS >= 0 ? parseDigits(buf, this.attrS, this.attrSEnd) : -1;
    this.vStart = this.vEnd = this.isStart = this.isEnd = -1;
    const end = buf[gt - 1] === SLASH ? gt + 1 : this.readCellContent(buf, gt + 1);
    if (end < 0) return -1;
    const hasValue = this.vStart >= 0 && this.vEnd > this.vStart;
    if (tStart < 0 && !hasValue) return end; // no type, no value: SheetJS keeps no cell
    // Cells missing before this one come out empty: a column in the billions would be a billion of them.
    if (col >= MAX_SHEET_COLUMNS) throw unreadable(this.ctx.fileName, columnBeyondLimit(this.ctx.sheetName, this.currentRow, col + 1).message);
    this.sink.column(col);
    this.addCell(buf, col, tStart < 0 ? CellType.Number : cellType(buf, tStart, tEnd), style, hasValue);
    return end;
  }

  /**
   * Reads a cell's content from `pos` to its </c>: the range of its first <v> (vStart, vEnd) and of its <is>
   * (isStart, isEnd). Returns where the cell ends, or -1 when the buffer ends first.
   */
  private readCellContent(buf: Buffer, pos: number): number {
    for (;;) {
      if (!this.nextTag(buf, pos)) return -1;
      const { tagLt: l, tagGt: g, tagStart: nameStart, tagClosing: closing } = this;
      const nameLength = this.tagEnd - nameStart;
      const first = buf[nameStart];
      if (nameLength === 1 && first === 0x63 /* c */ && closing) return g + 1;
      if (nameLength === 1 && first === 0x76 /* v */ && !closing && this.vStart < 0 && buf[g - 1] !== SLASH) {
        this.vStart = g + 1;
        this.vEnd = buf.indexOf(LT, this.vStart);
        if (this.vEnd < 0) return -1;
        pos = this.vEnd;
        continue;
      }
      if (nameLength === 2 && first === 0x69 && buf[nameStart + 1] === 0x73 /* is */) {
        if (!closing && this.isStart < 0) this.isStart = g + 1;
        else if (closing && this.isEnd < 0) this.isEnd = l;
      }
      pos = g + 1;
    }
  }

  /** Adds the cell read (its <v> in vStart..vEnd, its <is> in isStart..isEnd) as SheetJS shows it. */
  private addCell(buf: Buffer, col: number, type: CellType, style: number, hasValue: boolean): void {
    const cells = this.cells;
    switch (type) {
      case CellType.Number:
        if (hasValue) this.addNumber(buf, col, style);
        break;
      case CellType.Shared:
        if (hasValue) this.addShared(buf, col);
        break;
      case CellType.Str:
        if (!hasValue) cells.add(col, CellKind.Empty, 0, 0);
        else if (isPlainText(buf, this.vStart, this.vEnd)) cells.add(col, CellKind.Bytes, this.vStart, this.vEnd);
        // SheetJS unescapes a formula's text result twice (once for every <v>, once more for t="str").
        else cells.add(col, CellKind.Text, 0, 0, unescapeXml(unescapeXml(this.valueText(buf)), true));
        break;
      case CellType.Inline: {
        const text = this.isStart >= 0 && this.isEnd >= this.isStart ? stringItemText(buf.toString('utf8', this.isStart, this.isEnd).trim()) : '';
        cells.add(col, CellKind.Text, 0, 0, text ?? '');
        break;
      }
      case CellType.Bool:
        cells.add(col, CellKind.Text, 0, 0, booleanText(hasValue ? unescapeXml(this.valueText(buf)) : undefined));
        break;
      case CellType.Error:
        cells.add(col, CellKind.Empty, 0, 0);
        break;
      case CellType.Date: {
        const text = hasValue
          ? styledNumberText(dateSerial(unescapeXml(this.valueText(buf)), this.ctx.date1904), this.style(style), this.ctx.date1904)
          : '';
        cells.add(col, CellKind.Text, 0, 0, text);
        break;
      }
      case CellType.Other:
        if (hasValue) cells.add(col, CellKind.Text, 0, 0, unescapeXml(this.valueText(buf)));
        else cells.add(col, CellKind.Empty, 0, 0);
        break;
    }
  }

  /** A number cell: its bytes as they are when the reader would show the same, else as SheetJS formats it. */
  private addNumber(buf: Buffer, col: number, style: number): void {
    const numberStyle = this.style(style);
    if (!numberStyle && isPlainInteger(buf, this.vStart, this.vEnd)) this.cells.add(col, CellKind.Bytes, this.vStart, this.vEnd);
    else this.cells.add(col, CellKind.Text, 0, 0, styledNumberText(parseFloat(unescapeXml(this.valueText(buf))), numberStyle, this.ctx.date1904));
  }

  /** A shared-text cell: the index into the shared strings, which must have it. */
  private addShared(buf: Buffer, col: number): void {
    const index = parseDigits(buf, this.vStart, this.vEnd);
    const strings = this.ctx.strings;
    if (!strings || index < 0 || index >= strings.count) {
      throw unreadable(
        this.ctx.fileName,
        `is damaged: sheet "${this.ctx.sheetName}" row ${this.currentRow} refers to shared text ${buf.toString('latin1', this.vStart, this.vEnd)}, which the file does not have`,
      );
    }
    this.cells.add(col, CellKind.Shared, index, index);
  }

  /** How the cell's style changes a number's text (undefined: not at all). */
  private style(style: number): NumberStyle | undefined {
    return style >= 0 ? this.ctx.numberStyles[style] : undefined;
  }

  /** The raw text of the cell's <v>. */
  private valueText(buf: Buffer): string {
    return buf.toString('utf8', this.vStart, this.vEnd);
  }

  /**
   * Finds the next tag from `pos` and reads its name (tagStart, tagEnd, tagClosing) and where it lies (tagLt,
   * tagGt). False when the buffer ends first; tagLt is then the unfinished tag's `<`, or -1 when there is none.
   */
  private nextTag(buf: Buffer, pos: number): boolean {
    const lt = buf.indexOf(LT, pos);
    this.tagLt = lt;
    if (lt < 0) return false;
    const gt = buf.indexOf(GT, lt);
    if (gt < 0) return false;
    this.tagGt = gt;
    this.readTagName(buf, lt, gt);
    return true;
  }

  /** The tag just read is <row> or </row> (any prefix dropped). */
  private isRowTag(buf: Buffer): boolean {
    const n = this.tagStart;
    return this.tagEnd - n === 3 && buf[n] === 0x72 && buf[n + 1] === 0x6f && buf[n + 2] === 0x77;
  }

  /** The tag just read is <sheetData> or </sheetData>. */
  private isSheetDataTag(buf: Buffer): boolean {
    return this.tagEnd - this.tagStart === 9 && buf.toString('latin1', this.tagStart, this.tagEnd) === 'sheetData';
  }

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

  /** Finds the r, t and s attributes in [from, to) (any prefix dropped), as byte ranges of their values. */
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
