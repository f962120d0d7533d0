import { formatCount, SheetTooLarge } from '../sheet-limits';
import { stringItemText } from './xml-text';

/**
 * More shared strings than this is no contact list (a million rows of sixteen different texts each): the table
 * keeps an offset per string, so a part of empty <si></si> items would otherwise cost hundreds of MB of offsets.
 */
export const MAX_SHARED_STRINGS = 16_777_216;

/**
 * The shared string table, kept as UTF-8 bytes back to back (a million names cost their bytes, not a million
 * JS strings), so a cell copies its text straight into the row batch.
 */
export class SharedStrings {
  private bytes = Buffer.allocUnsafe(1 << 16);
  private byteLength = 0;
  private ends = new Uint32Array(1 << 12);
  private size = 0;

  constructor(private readonly maxStrings = MAX_SHARED_STRINGS) {}

  get count(): number {
    return this.size;
  }

  /** The bytes of every string; string `index` is [start(index), end(index)). */
  get buffer(): Buffer {
    return this.bytes;
  }

  start(index: number): number {
    return index === 0 ? 0 : this.ends[index - 1]!;
  }

  end(index: number): number {
    return this.ends[index]!;
  }

  text(index: number): string {
    return this.bytes.toString('utf8', this.start(index), this.end(index));
  }

  addBytes(source: Buffer, start: number, end: number): void {
    this.reserve(end - start);
    source.copy(this.bytes, this.byteLength, start, end);
    this.byteLength += end - start;
    this.endString();
  }

  addString(text: string): void {
    this.reserve(text.length * 3);
    this.byteLength += this.bytes.write(text, this.byteLength, 'utf8');
    this.endString();
  }

  private endString(): void {
    if (this.size >= this.maxStrings) {
      throw new SheetTooLarge(`has more than ${formatCount(this.maxStrings)} shared texts, so it is too large to import`);
    }
    if (this.size === this.ends.length) {
      const next = new Uint32Array(this.ends.length * 2);
      next.set(this.ends);
      this.ends = next;
    }
    this.ends[this.size++] = this.byteLength;
  }

  private reserve(extra: number): void {
    if (this.byteLength + extra <= this.bytes.length) return;
    const next = Buffer.allocUnsafe(Math.max(this.byteLength + extra, this.bytes.length * 2));
    this.bytes.copy(next, 0, 0, this.byteLength);
    this.bytes = next;
  }
}

const LT = 0x3c;
const GT = 0x3e;
const AMP = 0x26;
const UNDERSCORE = 0x5f;
const CR = 0x0d;

const isSpace = (b: number) => b === 0x20 || b === 0x09 || b === 0x0a || b === 0x0d;

/**
 * Reads sharedStrings.xml chunk by chunk. As SheetJS does, the table is cut at each </si>, and each piece's text is
 * its plain <t> or its rich-text runs; a plain <t> without escapes is copied as bytes, anything else goes the slow way.
 */
export class SharedStringsParser {
  readonly strings: SharedStrings;
  private carry: Buffer = Buffer.alloc(0);
  /** `</si>` with the table's namespace prefix, known once the <sst> tag is seen. */
  private close: Buffer | null = null;
  private open = '';

  constructor(maxStrings = MAX_SHARED_STRINGS) {
    this.strings = new SharedStrings(maxStrings);
  }

  push(chunk: Buffer): void {
    const buf = this.carry.length > 0 ? Buffer.concat([this.carry, chunk]) : chunk;
    let pos = 0;
    if (!this.close) {
      const m = /<(\w+:)?sst\b[^<>]*>/.exec(buf.toString('latin1', 0, Math.min(buf.length, 4096)));
      if (!m) {
        this.carry = buf.length > 8192 ? Buffer.alloc(0) : buf;
        return;
      }
      const prefix = m[1] ?? '';
      this.close = Buffer.from(`</${prefix}si>`);
      this.open = `<${prefix}si>`;
      pos = m.index + m[0].length;
    }
    for (;;) {
      const end = buf.indexOf(this.close, pos);
      if (end < 0) break;
      this.addItem(buf, pos, end);
      pos = end + this.close.length;
    }
    // A copy, so the carried tail does not pin the whole chunk.
    this.carry = Buffer.from(buf.subarray(pos));
  }

  /** The table once the part has been read (the text after the last </si> is no string). */
  finish(): SharedStrings {
    return this.strings;
  }

  private addItem(buf: Buffer, start: number, end: number): void {
    let a = start;
    while (a < end && isSpace(buf[a]!)) a++;
    // Fast path: <si><t>text</t></si> or <t xml:space="preserve">, text without entities, _x escapes or CRs.
    if (this.open === '<si>' && matches(buf, a, '<si>')) {
      let t = a + 4;
      while (t < end && isSpace(buf[t]!)) t++;
      if (buf[t] === LT && buf[t + 1] === 0x74 /* t */ && (buf[t + 2] === GT || buf[t + 2] === 0x20)) {
        const textStart = buf.indexOf(GT, t) + 1;
        if (textStart > 0 && textStart <= end && buf[textStart - 2] !== 0x2f /* / */) {
          let i = textStart;
          for (; i < end; i++) {
            const b = buf[i]!;
            if (b === LT || b === AMP || b === UNDERSCORE || b === CR) break;
          }
          if (i < end && buf[i] === LT && matches(buf, i, '</t>')) {
            let after = i + 4;
            while (after < end && isSpace(buf[after]!)) after++;
            if (after === end) {
              this.strings.addBytes(buf, textStart, i);
              return;
            }
          }
        }
      }
    }
    const xml = buf.toString('utf8', start, end).split(this.open).join('').trim();
    this.strings.addString(stringItemText(xml) ?? '');
  }
}

function matches(buf: Buffer, at: number, text: string): boolean {
  for (let i = 0; i < text.length; i++) if (buf[at + i] !== text.charCodeAt(i)) return false;
  return true;
}
