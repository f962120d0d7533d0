import { BUILT_IN_DATE_FORMATS } from '../../core/date-format';
import { startTags, tagAttributes, unescapeXml } from './xml-text';
import type { ZipDirectory } from './zip-directory';

/** One sheet of the workbook: its name as listed in workbook.xml and the zip part that holds it. */
export interface SheetPart {
  name: string;
  path: string;
  /** 'worksheet' for a grid of cells; chart, dialog and macro sheets are left to SheetJS. */
  type: string;
}

export interface WorkbookParts {
  sheets: SheetPart[];
  sharedStringsPath: string | null;
  stylesPath: string | null;
  date1904: boolean;
}

/** The workbook part named by [Content_Types].xml (xl/workbook.xml when it names none), or null for xlsb. */
export function workbookPath(contentTypes: string, zip: ZipDirectory): string | null {
  for (const tag of startTags(contentTypes, 'Override')) {
    const { PartName, ContentType } = tagAttributes(tag);
    if (PartName && ContentType && /\.main\+xml$/.test(ContentType) && /spreadsheetml|ms-excel/.test(ContentType)) {
      const path = PartName.replace(/^\//, '');
      return zip.has(path) ? path : null;
    }
  }
  return zip.has('xl/workbook.xml') ? 'xl/workbook.xml' : null;
}

/** Where the relationships of a part live: xl/workbook.xml -> xl/_rels/workbook.xml.rels. */
export function relsPathOf(part: string): string {
  const slash = part.lastIndexOf('/');
  return `${part.slice(0, slash + 1)}_rels/${part.slice(slash + 1)}.rels`;
}

interface Relationship {
  type: string;
  target: string;
}

function parseRels(xml: string): Map<string, Relationship> {
  const rels = new Map<string, Relationship>();
  for (const tag of startTags(xml, 'Relationship')) {
    const a = tagAttributes(tag);
    if (a.Id && a.Target !== undefined) rels.set(a.Id, { type: a.Type ?? '', target: unescapeXml(a.Target) });
  }
  return rels;
}

/** A relationship target resolved against the folder of the part it belongs to (as SheetJS resolves it). */
function resolveTarget(target: string, base: string): string {
  if (target.startsWith('/')) return target.slice(1);
  const out = base.split('/');
  out.pop();
  for (const step of target.split('/')) {
    if (step === '..') out.pop();
    else if (step !== '.') out.push(step);
  }
  return out.join('/');
}

const typeName = (type: string) => type.slice(type.lastIndexOf('/') + 1);

/**
 * Sheet names and parts from workbook.xml and its relationships, in workbook order (hidden sheets included, as
 * SheetJS lists them), plus where the shared strings and styles are.
 */
export function readWorkbookParts(workbookXml: string, relsXml: string, wbPath: string, zip: ZipDirectory): WorkbookParts {
  const rels = parseRels(relsXml);
  const sheets: SheetPart[] = [];
  for (const [index, tag] of startTags(workbookXml, 'sheet').entries()) {
    const a = tagAttributes(tag);
    const name = unescapeXml(a.name ?? '');
    const rel = a.id !== undefined ? rels.get(a.id) : undefined;
    if (!rel) {
      sheets.push({ name, path: `xl/worksheets/sheet${index + 1}.xml`, type: 'worksheet' });
      continue;
    }
    // SheetJS tries xl/<target without xl/>, then the target as is, then beside the workbook.
    let path = 'xl/' + rel.target.replace(/[/]?xl\//, '');
    if (!zip.has(path)) path = rel.target;
    if (!zip.has(path)) path = resolveTarget(rel.target, wbPath);
    sheets.push({ name, path, type: typeName(rel.type) });
  }
  let sharedStringsPath: string | null = null;
  let stylesPath: string | null = null;
  for (const rel of rels.values()) {
    const type = typeName(rel.type);
    if (type === 'sharedStrings') sharedStringsPath = resolveTarget(rel.target, wbPath);
    if (type === 'styles') stylesPath = resolveTarget(rel.target, wbPath);
  }
  if (!sharedStringsPath && zip.has('xl/sharedStrings.xml')) sharedStringsPath = 'xl/sharedStrings.xml';
  if (!stylesPath && zip.has('xl/styles.xml')) stylesPath = 'xl/styles.xml';
  const props = startTags(workbookXml, 'workbookPr')[0];
  const date1904 = props ? /^(1|true)$/.test(tagAttributes(props).date1904 ?? '') : false;
  return { sheets, sharedStringsPath, stylesPath, date1904 };
}

/**
 * The number format of each cell style (index = a cell's s attribute), as far as the cell text depends on it: the
 * reader pads a whole number to a "0000000000" format's width (local mobiles with a leading zero) and shows a date
 * or time as its format shows it.
 */
export function readCellFormats(stylesXml: string): (string | undefined)[] {
  const custom = new Map<number, string>();
  for (const tag of startTags(stylesXml, 'numFmt')) {
    const a = tagAttributes(tag);
    if (a.numFmtId !== undefined && a.formatCode !== undefined) custom.set(parseInt(a.numFmtId, 10), unescapeXml(a.formatCode));
  }
  const cellXfs = /<(?:\w+:)?cellXfs\b[^<>]*>([\s\S]*?)<\/(?:\w+:)?cellXfs>/.exec(stylesXml)?.[1] ?? '';
  return startTags(cellXfs, 'xf').map((tag) => {
    const id = parseInt(tagAttributes(tag).numFmtId ?? '0', 10);
    return custom.get(id) ?? BUILT_IN_FORMATS[id];
  });
}

/** The built-in formats a cell's text can depend on (id 1 is a plain "0"; dates and times), named as SheetJS names them. */
const BUILT_IN_FORMATS: Record<number, string> = { 0: 'General', 1: '0', ...BUILT_IN_DATE_FORMATS };
