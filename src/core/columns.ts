/**
 * Column mapping for imported tables (pure): is row 1 a header, which column holds phone numbers, what the columns
 * are called, and a key that identifies a file layout so a mapping can be remembered.
 */

/** Header names that mean "phone number", in the languages operators use most (compared lowercase, no accents). */
const PHONE_NAMES = [
  'phone',
  'phone number',
  'phonenumber',
  'mobile',
  'mobile number',
  'mobile phone',
  'cell',
  'cell phone',
  'cellphone',
  'whatsapp',
  'whatsapp number',
  'number',
  'tel',
  'tel.',
  'telephone',
  'msisdn',
  'contact number',
  'contact',
  'telefono',
  'movil',
  'celular',
  'numero',
  'numero de telefono',
  'telefone',
  'telemovel',
  'telephone portable',
  'portable',
  'numero de telephone',
  'handy',
  'handynummer',
  'telefon',
  'telefonnummer',
  'mobilnummer',
  'nummer',
  'cellulare',
  'gsm',
  'hp',
  'no hp',
  'nomor',
  'nomor hp',
  'nomor telepon',
  'telefoon',
  'mobiel',
  'телефон',
  'мобильный',
  'номер',
  'هاتف',
  'جوال',
  'موبايل',
  'رقم',
  'رقم الهاتف',
  'رقم الجوال',
  'טלפון',
  'fon',
  'cep',
  'cep telefonu',
  'telefon numarasi',
  'dien thoai',
  'sdt',
  'so dien thoai',
  '电话',
  '手机',
  '手机号',
  '电话号码',
  '電話',
  '携帯',
  '携帯電話',
  '전화',
  '휴대폰',
  'मोबाइल',
  'फ़ोन',
  'फोन',
];
const PHONE_NAME_SET = new Set(PHONE_NAMES);
const PHONE_WORDS = /phone|mobile|cell|whats|tel[eé]?f|movil|celular|handy|fone|msisdn|номер|телефон|هاتف|جوال|手机|电话/;

function foldName(name: string): string {
  return name
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[_\s]+/g, ' ')
    .replace(/[:*#]+$/, '')
    .trim();
}

/** How well a header name says "phone": 2 exact, 1 contains a phone word, 0 otherwise. */
export function phoneNameScore(name: string): number {
  const folded = foldName(name);
  if (PHONE_NAME_SET.has(folded)) return 2;
  return PHONE_WORDS.test(folded) ? 1 : 0;
}

/** A date as a sheet shows it (18/05/2025, 5/18/25, 2025-05-18, 18.05.2025): digits enough for a phone, but not one. */
const DATE_LIKE = /^(\d{1,2}[/.-]\d{1,2}[/.-](\d{2}|\d{4})|\d{4}[/.-]\d{1,2}[/.-]\d{1,2})$/;

/** A cell that reads as a phone number: 6 to 15 digits with the usual punctuation, maybe a + or 00. */
export function looksLikePhone(cell: string): boolean {
  const trimmed = cell.trim();
  const compact = trimmed.replace(/[\s\-.()/\u00a0]/g, '');
  return /^\+?\d{6,17}$/.test(compact) && !DATE_LIKE.test(trimmed);
}

export function isBlankRow(row: readonly string[]): boolean {
  for (const cell of row) if (cell.trim() !== '') return false;
  return true;
}

/**
 * Row 1 is a header when none of its cells looks like a phone number and either a later row has one or a cell of
 * row 1 is a phone column name. A file of names only (no numbers anywhere) keeps row 1 as data.
 */
export function detectHeader(rows: readonly (readonly string[])[]): boolean {
  const first = rows.find((r) => !isBlankRow(r));
  if (!first) return false;
  if (first.some(looksLikePhone)) return false;
  if (first.some((cell) => phoneNameScore(cell) > 0)) return true;
  return rows.slice(rows.indexOf(first) + 1).some((r) => r.some(looksLikePhone));
}

/** The column most likely to hold phone numbers: by content (share of phone-like cells) and by header name. */
export function guessPhoneColumn(header: readonly string[] | null, sample: readonly (readonly string[])[]): number {
  const width = Math.max(header?.length ?? 0, ...sample.map((r) => r.length), 1);
  let best = 0;
  let bestScore = -1;
  for (let col = 0; col < width; col++) {
    let filled = 0;
    let phones = 0;
    for (const row of sample) {
      const cell = row[col] ?? '';
      if (cell.trim() === '') continue;
      filled++;
      if (looksLikePhone(cell)) phones++;
    }
    const contentScore = filled === 0 ? 0 : (phones / filled) * 3;
    const nameScore = header ? phoneNameScore(header[col] ?? '') : 0;
    const score = contentScore + nameScore;
    if (score > bestScore) {
      best = col;
      bestScore = score;
    }
  }
  return best;
}

/** Spreadsheet letters for a 0-based column index: 0 -> A, 25 -> Z, 26 -> AA. */
export function columnLetter(index: number): string {
  let n = index + 1;
  let out = '';
  while (n > 0) {
    const rem = (n - 1) % 26;
    out = String.fromCharCode(65 + rem) + out;
    n = Math.floor((n - 1) / 26);
  }
  return out;
}

/** Column names for the table and template variables: header cells, "Column C" for blanks, "Name (2)" for repeats. */
export function columnNames(header: readonly string[] | null, width: number): string[] {
  const names: string[] = [];
  const seen = new Map<string, number>();
  for (let i = 0; i < width; i++) {
    let name = (header?.[i] ?? '').trim() || `Column ${columnLetter(i)}`;
    const key = name.toLowerCase();
    const count = (seen.get(key) ?? 0) + 1;
    seen.set(key, count);
    if (count > 1) name = `${name} (${count})`;
    names.push(name);
  }
  return names;
}

/**
 * Identifies a file layout by its header row (case, spacing and accents ignored), so the mapping chosen for one
 * export is applied to the next export of the same kind. Files without a header share a key per column count.
 */
export function layoutKey(header: readonly string[] | null, width: number): string {
  const text = header ? header.map(foldName).join('\u001f') : `no-header:${width}`;
  return fnv1a(text, 0x811c9dc5) + fnv1a(text, 0x01000193 ^ 0x5bd1e995);
}

function fnv1a(text: string, seed: number): string {
  let hash = seed >>> 0;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash.toString(16).padStart(8, '0');
}
