/**
 * XML text as SheetJS reads it, so the streaming reader gives the same cell text as the SheetJS path: entity and
 * `_xHHHH_` unescaping, rich-text strings, cell ranges. Only the slow paths use these (a plain cell is copied as
 * bytes); they mirror SheetJS 0.20.3's unescapexml, parse_si and safe_decode_range.
 */

const ENTITIES: Record<string, string> = { '&quot;': '"', '&apos;': "'", '&gt;': '>', '&lt;': '<', '&amp;': '&' };
const ENTITY = /&(?:quot|apos|gt|lt|amp|#x?([\da-fA-F]+));/gi;
const CODE = /_x([\da-fA-F]{4})_/gi;

function rawUnescape(text: string): string {
  const cdata = text.indexOf('<![CDATA[');
  if (cdata === -1) {
    return text
      .replace(ENTITY, (all: string, code: string | undefined) => {
        const named = ENTITIES[all];
        if (named) return named;
        // SheetJS decodes numeric references with fromCharCode; so does this, to give the same text.
        const char = String.fromCharCode(parseInt(code!, all.includes('x') ? 16 : 10));
        return char || all;
      })
      .replace(CODE, (_all: string, hex: string) => String.fromCharCode(parseInt(hex, 16)));
  }
  const end = text.indexOf(']]>');
  return rawUnescape(text.slice(0, cdata)) + text.slice(cdata + 9, end) + rawUnescape(text.slice(end + 3));
}

/** Cell text: entities, then Excel's `_xHHHH_` escapes; `spreadsheet` also turns CRLF into LF as SheetJS does. */
export function unescapeXml(text: string, spreadsheet = false): string {
  const out = rawUnescape(text);
  return spreadsheet ? out.replace(/\r\n/g, '\n') : out;
}

const PLAIN_T = /^\s*<(?:\w+:)?t[^>]*>/;
const T_END = /<\/(?:\w+:)?t>/;
const RUN = /<(?:\w+:)?r\b[^<>]*>/;
const RUN_TEXT = /<(?:\w+:)?t\b[^<>]*>([^<]*)<\/(?:\w+:)?t>/g;
const PHONETIC = /<(?:\w+:)?rPh\b[^<>]*>[\s\S]*?<\/(?:\w+:)?rPh>/g;
const TAG = /<[/?]?[a-zA-Z0-9:_-]+(?:\s+[^"\s?<>/]+\s*=\s*(?:"[^"]*"|'[^']*'|[^'"<>\s=]+))*\s*[/?]?>/gm;

/**
 * The text of a shared or inline string (the inside of <si> or <is>): a plain <t>, or rich-text runs concatenated
 * (phonetic runs left out). Undefined when it has neither, which the reader shows as an empty cell.
 */
export function stringItemText(xml: string): string | undefined {
  if (!xml) return '';
  if (PLAIN_T.test(xml)) return unescapeXml(xml.slice(xml.indexOf('>') + 1).split(T_END)[0] ?? '', true);
  if (RUN.test(xml)) {
    const runs = xml.replace(PHONETIC, '').match(RUN_TEXT) ?? [];
    return unescapeXml(runs.join('').replace(TAG, ''), true);
  }
  return undefined;
}

export interface CellRange {
  s: { r: number; c: number };
  e: { r: number; c: number };
}

/** "B2:D10" (or "B2") as 0-based rows and columns; uppercase letters only, as SheetJS reads it. */
export function decodeRange(text: string): CellRange {
  const len = text.length;
  let i = 0;
  let cc = 0;
  const letters = () => {
    let idx = 0;
    for (; i < len; i++) {
      cc = text.charCodeAt(i) - 64;
      if (cc < 1 || cc > 26) break;
      idx = 26 * idx + cc;
    }
    return idx - 1;
  };
  const digits = () => {
    let idx = 0;
    for (; i < len; i++) {
      cc = text.charCodeAt(i) - 48;
      if (cc < 0 || cc > 9) break;
      idx = 10 * idx + cc;
    }
    return idx - 1;
  };
  const s = { c: letters(), r: 0 };
  s.r = digits();
  if (i === len || cc !== 10) return { s, e: { ...s } };
  i++;
  const e = { c: letters(), r: 0 };
  e.r = digits();
  return { s, e };
}

/** Attributes of one start tag, by local name (a prefix such as `r:` dropped). */
export function tagAttributes(tag: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const m of tag.matchAll(/\s([^"\s?>/=]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g)) {
    const name = m[1]!;
    out[name.slice(name.indexOf(':') + 1)] = m[2] ?? m[3] ?? '';
  }
  return out;
}

/** Every start tag `<name ...>` (any prefix) in a small XML part. */
export function startTags(xml: string, name: string): string[] {
  return xml.match(new RegExp(`<(?:\\w+:)?${name}\\b[^<>]*>`, 'g')) ?? [];
}
