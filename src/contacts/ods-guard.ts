import {
  cellRepeatedTooOften,
  columnBeyondLimit,
  MAX_EXPANDED_CELLS,
  MAX_SHEET_COLUMNS,
  MAX_SHEET_ROWS,
  rowBeyondLimit,
  rowsRepeatedTooOften,
  tooManyCells,
} from './sheet-limits';

/**
 * An .ods sheet says "this row, 1,000,000,000 times" (`table:number-rows-repeated`) and "this cell, 1,000,000,000
 * times" (`table:number-columns-repeated`); SheetJS builds every copy, so a 1 KB file exhausted the memory of the
 * whole app. This walks content.xml as SheetJS 0.20.3's parse_content_xml does (the same tag expression over the
 * same text, comments removed, the same row and column arithmetic) and counts what it would build, without
 * building it; it throws SheetTooLarge before SheetJS sees a file that passes the limits in sheet-limits.ts.
 *
 * Where SheetJS's rules are intricate (which cells are empty stubs it skips) this counts more, never less:
 * LibreOffice writes its trailing empty rows and cells as self-closing repeated tags, which build nothing and
 * count nothing here.
 */
export function checkOdsContent(xml: string): void {
  new OdsCounter().run(xml);
}

/** SheetJS's xlmlregex: a tag, its namespace prefix and its local name (attribute values in double quotes only). */
const TAG = /<([/]?)([^\s?><!/:"]*:|)([^\s?<>:/"]+)(?:\s+[^<>=?"'\s]+="[^"]*?")*\s*[/]?>/gm;
/** SheetJS's attregexg: one attribute, its value double-, single- or un-quoted. */
const ATTRIBUTE = /\s([^"\s?>/]+)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^'">\s]+))/g;

/**
 * Every value of the attributes with this local name (prefix dropped, an unprefixed name cut at "_", as SheetJS's
 * parsexmltag reads them). Most tags carry none of the few names asked for, so the text is searched first.
 */
function valuesOf(tag: string, name: string): string[] {
  if (!tag.includes(name)) return [];
  const out: string[] = [];
  for (const m of tag.matchAll(ATTRIBUTE)) {
    let key = m[1]!;
    const colon = key.indexOf(':');
    if (colon >= 0) key = key.slice(colon + 1);
    else if (key.indexOf('_') > 0) key = key.slice(0, key.indexOf('_'));
    if (key === name) out.push(m[2] ?? m[3] ?? m[4] ?? '');
  }
  return out;
}

/**
 * A repeat count as SheetJS could read it: rows go through unary plus (`+"1e9"` is 1e9), cells through parseInt;
 * with several attributes of the name, the largest. 1 when there is none.
 */
function repeatOf(tag: string, name: string): number {
  let most = 1;
  for (const value of valuesOf(tag, name)) most = Math.max(most, Number(value) || 0, parseInt(value, 10) || 0);
  return Math.ceil(most);
}

/** Value types SheetJS reads as text (its cell type 's'); a text cell without a <text:p> is a stub it skips. */
const TEXT_TYPES = new Set(['', 'string', 'text']);

const typesOf = (tag: string): string[] => [...valuesOf(tag, 'value-type'), ...valuesOf(tag, '数据类型')];

/**
 * SheetJS's parser state, as far as it decides what is built: R, C, the row's repeat, the last cell tag's column
 * repeat (its ctag), whether the current cell value is text (its q.t === 's') and whether a <text:p> has started
 * since the last cell opened (its textpidx). A closing cell tag builds from that state whatever came before it, so
 * even a stray one is counted as SheetJS would build it.
 */
class OdsCounter {
  private sheet: string | null = null;
  private row = -1;
  private col = -1;
  private rowRepeat = 1;
  private cellRepeat = 1;
  /** The tag that set the current value (null once a cell closes and the value starts empty, which is no stub). */
  private valueTag: string | null = null;
  private valueSelfClosing = false;
  private textStarted = false;
  private cells = 0;

  run(xml: string): void {
    const text = removeComments(xml);
    TAG.lastIndex = 0;
    for (let m = TAG.exec(text); m; m = TAG.exec(text)) {
      const closing = m[1] === '/';
      const underscore = m[3]!.indexOf('_');
      const local = underscore < 0 ? m[3]! : m[3]!.slice(0, underscore);
      const tag = m[0];
      const selfClosing = tag.charAt(tag.length - 2) === '/';
      switch (local) {
        case 'table':
        case '工作表':
          if (!closing && !selfClosing) this.startSheet(tag);
          break;
        case 'table-row':
        case '行':
          if (closing) {
            this.row += this.rowRepeat;
            this.rowRepeat = 1;
          } else this.startRow(tag);
          break;
        case 'covered-table-cell':
          if (!closing) {
            this.col++;
            this.cellRepeat = repeatOf(tag, 'number-columns-repeated');
            this.col += this.cellRepeat - 1;
          }
          break;
        case 'table-cell':
        case '数据':
          if (selfClosing) this.emptyCell(tag);
          else if (!closing) this.openCell(tag);
          else this.closeCell();
          break;
        case 'p':
        case '文本串':
          // Counted wherever it stands (SheetJS skips one under master styles, or restores its mark after a
          // comment): more cells counted, never fewer.
          if (!closing && !selfClosing) this.textStarted = true;
          break;
      }
    }
  }

  private startSheet(tag: string): void {
    this.sheet = valuesOf(tag, '名称').at(-1) ?? valuesOf(tag, 'name').at(-1) ?? null;
    this.row = -1;
    this.col = -1;
  }

  private startRow(tag: string): void {
    const numbered = valuesOf(tag, '行号').at(-1);
    if (numbered !== undefined) this.row = Number(numbered) - 1;
    else if (this.row === -1) this.row = 0;
    this.rowRepeat = repeatOf(tag, 'number-rows-repeated');
    this.col = -1;
  }

  /** A self-closing cell builds one cell when it holds a string value, none otherwise, whatever its repeat. */
  private emptyCell(tag: string): void {
    this.col++;
    this.cellRepeat = repeatOf(tag, 'number-columns-repeated');
    this.valueTag = tag;
    this.valueSelfClosing = true;
    if (typesOf(tag).includes('string')) this.count(1);
    this.col += this.cellRepeat - 1;
  }

  private openCell(tag: string): void {
    this.col++;
    this.cellRepeat = repeatOf(tag, 'number-columns-repeated');
    this.valueTag = tag;
    this.valueSelfClosing = false;
    this.textStarted = false;
    // Any open cell, stub or not, stretches the sheet's range over every row its row repeats: the reader then
    // walks all of them.
    if (this.col >= MAX_SHEET_COLUMNS) throw columnBeyondLimit(this.sheet, this.row + 1, this.col + 1);
    if (this.row + this.rowRepeat > MAX_SHEET_ROWS) {
      throw this.rowRepeat > 1 ? rowsRepeatedTooOften(this.sheet, this.row + 1, this.rowRepeat) : rowBeyondLimit(this.sheet, this.row + 1);
    }
  }

  /** Unless it is a stub, the cell is built once for each repeat of its row and of itself. */
  private closeCell(): void {
    if (this.textStarted || !this.valueIsText()) {
      if (this.col + this.cellRepeat > MAX_SHEET_COLUMNS) throw cellRepeatedTooOften(this.sheet, this.row + 1, this.cellRepeat);
      this.count(this.rowRepeat * this.cellRepeat);
    }
    this.col += this.cellRepeat - 1;
    this.valueTag = null; // SheetJS starts the next value empty (q = {}), which is no stub
  }

  /** Whether the current value is text (read from its tag only when it matters: a cell closing without <text:p>). */
  private valueIsText(): boolean {
    if (!this.valueTag) return false;
    const types = typesOf(this.valueTag);
    // A self-closing cell's value is text only for "string"; an open cell's for any text type or none.
    return this.valueSelfClosing ? types.length > 0 && types.every((t) => t === 'string') : types.every((t) => TEXT_TYPES.has(t));
  }

  private count(cells: number): void {
    this.cells += cells;
    if (this.cells > MAX_EXPANDED_CELLS) throw tooManyCells(this.sheet, this.row + 1, 'its repeated rows and cells');
  }
}

/** The text with XML comments removed, as SheetJS's str_remove_ng does (an unclosed comment runs to the end). */
function removeComments(xml: string): string {
  let at = xml.indexOf('<!--');
  if (at < 0) return xml;
  const parts: string[] = [];
  let last = 0;
  while (at >= 0) {
    parts.push(xml.slice(last, at));
    const end = xml.indexOf('-->', at + 4);
    if (end < 0) return parts.join('');
    last = end + 3;
    at = xml.indexOf('<!--', last);
  }
  parts.push(xml.slice(last));
  return parts.join('');
}
