import { isBlankRow, layoutKey } from '../core/columns';
import { findHeaderRow } from '../core/header-row';
import { unreadable } from './import-error';
import { formatCount } from './sheet-limits';

/** A mapping chosen by the operator for a file layout, applied again to files with the same header row. */
export interface RememberedMapping {
  phoneColumn: number;
  hasHeader: boolean;
  defaultCountry?: string;
}

export interface HeaderRequest {
  /** Whether there is a header row at all; left out, it is remembered or detected. */
  hasHeader?: boolean;
  /** Spreadsheet row number of the header row, as the operator sees it; rows above it are neither contacts nor problems. */
  headerRow?: number;
  remembered: Record<string, RememberedMapping>;
}

export interface HeaderChoice {
  hasHeader: boolean;
  /** Index in the sample of the header row, -1 for none: the data rows start after it. */
  headerIndex: number;
  headerRow: string[] | null;
  /** The layout key of this file (by its header row, or by its width when it has none). */
  key: string;
  remembered: RememberedMapping | undefined;
  width: number;
}

export interface SampleFacts {
  /** Spreadsheet row number of sample[0]. */
  firstRowNumber: number;
  /** Whether the sample is the whole file (so a row past it does not exist). */
  complete: boolean;
  fileName: string;
}

/**
 * Where the header row is: the row the operator named, else (for a file laid out like one imported before) what was
 * remembered, else the row core/header-row.ts finds (below a title, notes or blank rows).
 */
export function chooseHeader(sample: readonly string[][], request: HeaderRequest, facts: SampleFacts): HeaderChoice {
  const width = Math.max(0, ...sample.map((r) => r.length));
  const noHeaderKey = layoutKey(null, width);
  if (request.headerRow !== undefined) {
    const headerIndex = requestedIndex(sample, request.headerRow, facts);
    const headerRow = sample[headerIndex]!;
    const key = layoutKey(headerRow, width);
    return { hasHeader: true, headerIndex, headerRow, key, remembered: request.remembered[key], width };
  }
  const found = findHeaderRow(sample);
  const candidate = found >= 0 ? found : sample.findIndex((r) => !isBlankRow(r));
  const candidateRow = candidate >= 0 ? sample[candidate]! : null;
  const candidateKey = candidateRow ? layoutKey(candidateRow, width) : noHeaderKey;
  const remembered = request.remembered[candidateKey] ?? request.remembered[noHeaderKey];
  const hasHeader = request.hasHeader ?? remembered?.hasHeader ?? found >= 0;
  if (!hasHeader || !candidateRow) return { hasHeader, headerIndex: hasHeader ? 0 : -1, headerRow: null, key: noHeaderKey, remembered, width };
  return { hasHeader, headerIndex: candidate, headerRow: candidateRow, key: candidateKey, remembered, width };
}

/** The sample index of header row `row`, or an error the operator can act on. */
function requestedIndex(sample: readonly string[][], row: number, facts: SampleFacts): number {
  const index = row - facts.firstRowNumber;
  const refuse = (why: string) => unreadable(facts.fileName, why);
  if (index >= sample.length) {
    if (!facts.complete)
      throw refuse(`the header row must be one of the first ${formatCount(sample.length)} rows (row ${formatCount(row)} was asked for)`);
    const last = facts.firstRowNumber + sample.length - 1;
    throw refuse(sample.length === 0 ? `has no row ${row}` : `has no row ${row} (its last row is row ${last})`);
  }
  if (index < 0 || isBlankRow(sample[index]!)) throw refuse(`row ${row} is empty, so it cannot be the header row`);
  return index;
}
