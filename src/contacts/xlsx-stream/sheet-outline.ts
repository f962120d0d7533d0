import { decodeRange, type CellRange } from './xml-text';

/** What a sheet says outside its rows: the used range (<dimension>, before the rows) and merged areas (after them). */
export interface SheetOutline {
  /** The <dimension> range when it is one SheetJS accepts; null means the range is guessed from the cells. */
  dimension: CellRange | null;
  merges: CellRange[];
}

const SHEET_DATA = Buffer.from('sheetData');
/** The text kept from before the rows (sheetPr, dimension, sheetViews, cols) and after them (mergeCells...). */
const MAX_HEAD = 4 * 1024 * 1024;
const MAX_TAIL = 64 * 1024 * 1024;

/**
 * First pass over a sheet: inflates it once without parsing the rows, keeping only the text before <sheetData> and
 * after </sheetData>. Merged cells are listed after the rows, so they must be known before the first row is handed
 * on; inflating is cheap next to parsing.
 */
export class SheetOutlineScanner {
  private pending: Buffer = Buffer.alloc(0);
  private head: Buffer | null = null;
  private tail: Buffer[] | null = null;
  private tailLength = 0;
  /** The last bytes of the previous chunk, so an end tag cut in two is still found. */
  private overlap: Buffer = Buffer.alloc(0);

  push(chunk: Buffer): void {
    if (this.tail) {
      this.addTail(chunk);
      return;
    }
    if (!this.head) {
      // Until the rows start everything is kept (it is a few KB: sheetPr, dimension, sheetViews, cols).
      this.pending = Buffer.concat([this.pending, chunk]);
      const at = findTag(this.pending, 'open', 0);
      if (at < 0 && this.pending.length < MAX_HEAD) return;
      const cut = at < 0 ? this.pending.length : at;
      this.head = this.pending.subarray(0, cut);
      chunk = this.pending.subarray(cut);
      this.pending = Buffer.alloc(0);
    }
    const buf = this.overlap.length > 0 ? Buffer.concat([this.overlap, chunk]) : chunk;
    const close = findTag(buf, 'close', 0);
    const end = close < 0 ? -1 : buf.indexOf(0x3e, close);
    if (end >= 0) {
      this.tail = [];
      this.addTail(buf.subarray(end + 1));
      return;
    }
    this.overlap = Buffer.from(buf.subarray(Math.max(0, buf.length - 32)));
  }

  finish(): SheetOutline {
    const head = (this.head ?? this.pending).toString('latin1');
    const tail = this.tail ? Buffer.concat(this.tail).toString('latin1') : head;
    return { dimension: dimensionOf(head), merges: mergesOf(tail) };
  }

  private addTail(bytes: Buffer): void {
    if (this.tailLength >= MAX_TAIL) return;
    this.tail!.push(Buffer.from(bytes));
    this.tailLength += bytes.length;
  }
}

function findTag(buf: Buffer, kind: 'open' | 'close', from: number): number {
  for (let at = buf.indexOf(SHEET_DATA, from); at >= 0; at = buf.indexOf(SHEET_DATA, at + SHEET_DATA.length)) {
    if (tagAround(buf, at) === kind) return at;
  }
  return -1;
}

/** Whether "sheetData" at `at` names a start tag (`<sheetData`, `<x:sheetData`) or an end tag. */
function tagAround(buf: Buffer, at: number): 'open' | 'close' | null {
  let i = at - 1;
  if (buf[i] === 0x3a /* : */) {
    i--;
    while (i >= 0 && isWordByte(buf[i]!)) i--;
  }
  if (buf[i] === 0x3c) return 'open';
  if (buf[i] === 0x2f && buf[i - 1] === 0x3c) return 'close';
  return null;
}

const isWordByte = (b: number) => (b >= 0x30 && b <= 0x39) || (b >= 0x41 && b <= 0x5a) || (b >= 0x61 && b <= 0x7a) || b === 0x5f;

/** As SheetJS reads <dimension>: the first quoted "A1:B2" within 50 characters, and only a sane range. */
export function dimensionOf(head: string): CellRange | null {
  const at = head.search(/<(?:\w*:)?dimension/);
  if (at <= 0) return null;
  const ref = /"(\w*:\w*)"/.exec(head.slice(at, at + 50));
  if (!ref) return null;
  const d = decodeRange(ref[1]!);
  return d.s.r <= d.e.r && d.s.c <= d.e.c && d.s.r >= 0 && d.s.c >= 0 ? d : null;
}

export function mergesOf(tail: string): CellRange[] {
  const found = tail.match(/<(?:\w+:)?mergeCell ref=["'][A-Z0-9:]+['"]\s*[/]?>/g) ?? [];
  return found.map((tag) => decodeRange(tag.slice(tag.indexOf('=') + 2)));
}
