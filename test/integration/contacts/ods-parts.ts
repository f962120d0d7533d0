import { zipBytes } from './xlsx-parts';

/**
 * Tiny .ods files written part by part, so a test can say exactly what a hostile file says (a cell repeated a
 * billion times) in a few hundred bytes.
 */

const NS =
  'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"';

/** An .ods whose content.xml holds these tables, e.g. odsBytes({ Sheet1: row(cell('phone')) }). */
export function odsBytes(tables: Record<string, string>): Buffer {
  const body = Object.entries(tables)
    .map(([name, rows]) => `<table:table table:name="${name}">${rows}</table:table>`)
    .join('');
  return zipBytes([
    { name: 'mimetype', data: 'application/vnd.oasis.opendocument.spreadsheet', stored: true },
    {
      name: 'META-INF/manifest.xml',
      data: '<?xml version="1.0" encoding="UTF-8"?><manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0"><manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/><manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/></manifest:manifest>',
    },
    { name: 'styles.xml', data: `<?xml version="1.0" encoding="UTF-8"?><office:document-styles ${NS} office:version="1.2"/>` },
    {
      name: 'content.xml',
      data: `<?xml version="1.0" encoding="UTF-8"?><office:document-content ${NS} office:version="1.2"><office:body><office:spreadsheet>${body}</office:spreadsheet></office:body></office:document-content>`,
    },
  ]);
}

/** A row; `repeat` writes table:number-rows-repeated. */
export const row = (cells: string, repeat?: number | string) =>
  `<table:table-row${repeat === undefined ? '' : ` table:number-rows-repeated="${repeat}"`}>${cells}</table:table-row>`;

/** A text cell; `repeat` writes table:number-columns-repeated. */
export const cell = (text: string, repeat?: number | string) =>
  `<table:table-cell office:value-type="string"${repeat === undefined ? '' : ` table:number-columns-repeated="${repeat}"`}><text:p>${text}</text:p></table:table-cell>`;

/** Empty cells as LibreOffice writes them: one self-closing tag, repeated. */
export const emptyCells = (repeat: number) => `<table:table-cell table:number-columns-repeated="${repeat}"/>`;

/** The hostile pair from the attack review (issue 13 point 7): a header row, then a phone cell or row repeated a billion times. */
export const repeatedCellsOds = () => odsBytes({ Sheet1: row(cell('phone')) + row(cell('0501234567', 1_000_000_000)) });
export const repeatedRowsOds = () => odsBytes({ Sheet1: row(cell('phone')) + row(cell('0501234567'), 1_000_000_000) });

/** How LibreOffice saves a one-column list: the rest of every row and the rest of the sheet as repeated empty cells. */
export const libreOfficeOds = (phones: string[]) =>
  odsBytes({
    Contacts:
      row(cell('phone') + emptyCells(16_383)) +
      phones.map((p) => row(cell(p) + emptyCells(16_383))).join('') +
      row(emptyCells(16_384), 1_048_576 - phones.length - 1),
  });
