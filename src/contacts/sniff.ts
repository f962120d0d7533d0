/**
 * What a file is, judged by its first bytes rather than its name: operators rename files, and Excel saves
 * "CSV" that is really a workbook.
 */
export type FileFormat =
  { kind: 'empty' } | { kind: 'zip' } | { kind: 'ole' } | { kind: 'binary' } | { kind: 'text'; encoding: TextEncoding; bomLength: number };

export type TextEncoding = 'utf-8' | 'utf-16le' | 'utf-16be' | 'windows-1252';

export function sniffFormat(head: Uint8Array): FileFormat {
  if (head.length === 0) return { kind: 'empty' };
  const b = (i: number) => head[i] ?? -1;
  if (b(0) === 0x50 && b(1) === 0x4b && (b(2) === 3 || b(2) === 5 || b(2) === 7)) return { kind: 'zip' };
  if (b(0) === 0xd0 && b(1) === 0xcf && b(2) === 0x11 && b(3) === 0xe0) return { kind: 'ole' };
  if (b(0) === 0xef && b(1) === 0xbb && b(2) === 0xbf) return { kind: 'text', encoding: 'utf-8', bomLength: 3 };
  if (b(0) === 0xff && b(1) === 0xfe) return { kind: 'text', encoding: 'utf-16le', bomLength: 2 };
  if (b(0) === 0xfe && b(1) === 0xff) return { kind: 'text', encoding: 'utf-16be', bomLength: 2 };

  const sample = head.subarray(0, 64 * 1024);
  const bomless16 = bomlessUtf16(sample);
  if (bomless16) return { kind: 'text', encoding: bomless16, bomLength: 0 };
  let control = 0;
  for (const byte of sample) {
    if (byte === 0) return { kind: 'binary' };
    if (byte < 0x20 && byte !== 0x09 && byte !== 0x0a && byte !== 0x0d && byte !== 0x0c) control++;
  }
  if (control > sample.length / 100 + 2) return { kind: 'binary' };
  return { kind: 'text', encoding: isValidUtf8Prefix(head) ? 'utf-8' : 'windows-1252', bomLength: 0 };
}

/** UTF-16 without a BOM: ASCII text has a zero in every other byte. */
function bomlessUtf16(sample: Uint8Array): 'utf-16le' | 'utf-16be' | null {
  const pairs = Math.floor(Math.min(sample.length, 4096) / 2);
  if (pairs < 4) return null;
  let evenZero = 0;
  let oddZero = 0;
  for (let i = 0; i < pairs; i++) {
    if (sample[2 * i] === 0) evenZero++;
    if (sample[2 * i + 1] === 0) oddZero++;
  }
  if (oddZero > pairs * 0.6 && evenZero < pairs * 0.05) return 'utf-16le';
  if (evenZero > pairs * 0.6 && oddZero < pairs * 0.05) return 'utf-16be';
  return null;
}

/** Valid UTF-8, allowing a multi-byte character cut off at the end of the sample. */
export function isValidUtf8Prefix(bytes: Uint8Array): boolean {
  let end = bytes.length;
  // Back off over an incomplete trailing sequence (at most 3 continuation bytes plus its lead byte).
  for (let back = 1; back <= 4 && back <= bytes.length; back++) {
    const byte = bytes[bytes.length - back]!;
    if ((byte & 0xc0) === 0x80) continue;
    const need = byte >= 0xf0 ? 4 : byte >= 0xe0 ? 3 : byte >= 0xc0 ? 2 : 1;
    if (need > back) end = bytes.length - back;
    break;
  }
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(0, end));
    return true;
  } catch {
    return false;
  }
}

/**
 * The column separator: the candidate that splits the most sample rows into the same number (> 1) of cells.
 * Quoted text is ignored as the CSV reader reads it (quoting opens only at a cell's start), so commas inside
 * "Doe, Jane" do not count and a stray quote in `12" pizza` does not hide the rest of the sample.
 */
export function sniffDelimiter(sampleText: string): string {
  let best = ',';
  let bestScore = 0;
  for (const candidate of [',', ';', '\t', '|']) {
    const counts = separatorCounts(sampleText, candidate, 100);
    const freq = new Map<number, number>();
    for (const c of counts) if (c > 0) freq.set(c, (freq.get(c) ?? 0) + 1);
    let modeLines = 0;
    let mode = 0;
    for (const [count, n] of freq) if (n > modeLines || (n === modeLines && count > mode)) [mode, modeLines] = [count, n];
    const score = modeLines * 1000 + mode;
    if (modeLines > 0 && score > bestScore) {
      best = candidate;
      bestScore = score;
    }
  }
  return best;
}

/** Separators outside quotes in each of the first `maxRows` rows that hold more than white space. */
function separatorCounts(text: string, separator: string, maxRows: number): number[] {
  const counts: number[] = [];
  let count = 0;
  let blank = true;
  let quoted = false;
  let cellStart = true;
  for (let i = 0; i < text.length && counts.length < maxRows; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"') {
        if (text[i + 1] === '"') i++;
        else quoted = false;
      }
      continue;
    }
    if (c === '\n' || c === '\r') {
      if (!blank) counts.push(count);
      [count, blank, cellStart] = [0, true, true];
      continue;
    }
    if (c.trim() !== '') blank = false;
    if (c === separator) {
      count++;
      cellStart = true;
    } else {
      if (c === '"' && cellStart) quoted = true;
      cellStart = false;
    }
  }
  if (!blank && counts.length < maxRows) counts.push(count);
  return counts;
}
