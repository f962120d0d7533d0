import { columnNames, layoutKey } from '../core/columns';
import { countWithoutCode, guessCountry } from '../core/country-guess';
import { isSupportedCountryCode } from '../core/phone';
import type {
  ColumnMappingRequest,
  ContactRow,
  ImportDuplicate,
  ImportProblem,
  ImportProgress,
  ImportSummary,
  KeepDuplicatesRequest,
  Page,
} from '../shared/contract/contacts';
import { Listeners, type Unsubscribe } from '../shared/events';
import { AppFailure } from '../shared/result';
import { ContactList } from './contact-list';
import { ImportError } from './import-error';
import { KeptDuplicates } from './kept-duplicates';
import { leftOutRows } from './left-out-rows';
import type { ImportRunner } from './import-runner';
import type { MappingStore } from './mapping-store';
import type { OptOutList } from './opt-out';
import type { PhoneCodes } from './phone-codes';
import { PackedRowStore, RowWindow } from './row-table';
import type { TableSource } from './table';
import { phoneValues, type TableImportResult } from './table-import';

export interface ContactsServiceDeps {
  runner: ImportRunner;
  optOut: OptOutList;
  mappings: MappingStore;
  /** Country for local numbers when the operator has not picked one (e.g. from the connected account). */
  fallbackCountry: () => string;
}

export interface ImportOptions {
  sheet?: string;
  phoneColumn?: number;
  hasHeader?: boolean;
  /** Row number (as the sheet shows it) of the header row; found when left out. */
  headerRow?: number;
  defaultCountry?: string;
  /** Duplicate rows to keep (spreadsheet row numbers): a list read again after a restart (app/restore-contacts.ts). */
  keptRows?: readonly number[];
}

interface Current {
  source: TableSource;
  result: TableImportResult;
  /** The data rows under the current mapping (the list reads them; a new mapping makes a new window). */
  rows: RowWindow;
  list: ContactList;
  kept: KeptDuplicates;
}

/**
 * Owns the current import: runs it off the main thread, keeps the rows and what each came to, serves pages to the
 * renderer, re-applies a changed mapping and the opt-out list, and reports progress.
 */
export class ContactsService {
  private current: Current | null = null;
  private running: AbortController | null = null;
  private readonly progress = new Listeners<ImportProgress>();
  private readonly changed = new Listeners<ImportSummary | null>();

  constructor(private readonly deps: ContactsServiceDeps) {
    deps.optOut.onChanged(() => {
      if (!this.current) return;
      this.current.list.classify(this.optedOut());
      this.changed.emit(this.summary());
    });
  }

  onProgress(listener: (p: ImportProgress) => void): Unsubscribe {
    return this.progress.on(listener);
  }

  onChanged(listener: (s: ImportSummary | null) => void): Unsubscribe {
    return this.changed.on(listener);
  }

  importFile(file: { path: string; name: string }, options: ImportOptions = {}): Promise<ImportSummary> {
    return this.run({ kind: 'file', path: file.path, name: file.name }, options);
  }

  importText(text: string, defaultCountry?: string, keptRows?: readonly number[]): Promise<ImportSummary> {
    return this.run({ kind: 'text', text, name: 'pasted numbers' }, { defaultCountry, hasHeader: false, phoneColumn: 0, keptRows });
  }

  cancel(): void {
    this.running?.abort();
  }

  summary(): ImportSummary | null {
    if (!this.current) return null;
    const { result, list } = this.current;
    return {
      source: {
        name: result.name,
        kind: result.info.kind,
        encoding: result.info.encoding,
        delimiter: result.info.delimiter,
      },
      sheets: result.info.sheets,
      sheet: result.info.sheet,
      columns: result.columns,
      hasHeader: result.hasHeader,
      headerRow: result.hasHeader ? list.firstDataRow - 1 : null,
      phoneColumn: result.phoneColumn,
      defaultCountry: result.defaultCountry,
      mappingRemembered: result.mappingRemembered,
      counts: list.summaryCounts,
      keptDuplicates: list.keptDuplicates,
      canUndoKeep: this.current.kept.canUndo,
      country: {
        withoutCode: result.withoutCode,
        likely: result.likelyCountry,
        chosen: result.countryChosen,
        needed: result.withoutCode > 0 && !result.countryChosen,
      },
    };
  }

  rows(offset: number, limit: number): Page<ContactRow> {
    const list = this.requireCurrent().list;
    return { total: list.validCount, offset, items: list.validRows(offset, limit) };
  }

  problems(offset: number, limit: number): Page<ImportProblem> {
    const list = this.requireCurrent().list;
    return { total: list.problemCount, offset, items: list.problems(offset, limit) };
  }

  duplicates(offset: number, limit: number): Page<ImportDuplicate> {
    const list = this.requireCurrent().list;
    return { total: list.duplicateCount, offset, items: list.duplicates(offset, limit) };
  }

  /** Keeps duplicate rows (each then gets its own message), leaves them out again, or undoes the last change. */
  keepDuplicates(change: KeepDuplicatesRequest): ImportSummary {
    const { list, kept } = this.requireCurrent();
    if (kept.apply(change, () => list.duplicateRows())) {
      list.setKept(kept.rows);
      list.classify(this.optedOut());
    }
    const summary = this.summary()!;
    this.changed.emit(summary);
    return summary;
  }

  /** Every row that will not be messaged because of the file (problems and duplicates left out), in file order: the export. */
  allRowsLeftOut(): Generator<ImportProblem> {
    const list = this.requireCurrent().list;
    return leftOutRows(list);
  }

  /** Every row left out because its number is on the do-not-message list, in file order (kept with a campaign). */
  *allOptedOutRows(): Generator<ImportProblem> {
    const list = this.requireCurrent().list;
    for (let offset = 0; offset < list.optedOutCount; offset += 10_000) yield* list.optedOutRows(offset, 10_000);
  }

  /** The cells of a spreadsheet row of the current import, lined up with its columns ([] for a row it does not have). */
  rowValues(row: number): string[] {
    const list = this.requireCurrent().list;
    const i = row - list.firstDataRow;
    return i >= 0 && i < list.rows.length ? list.rows.row(i) : [];
  }

  /** Every problem row, for an export. */
  *allProblems(): Generator<ImportProblem> {
    const list = this.requireCurrent().list;
    for (let offset = 0; offset < list.problemCount; offset += 10_000) yield* list.problems(offset, 10_000);
  }

  /** Every valid contact in file order, for the CLI's --out and the campaign snapshot. */
  *allContacts(): Generator<ContactRow> {
    const list = this.requireCurrent().list;
    for (let offset = 0; offset < list.validCount; offset += 10_000) yield* list.validRows(offset, 10_000);
  }

  /** Where the current list came from, its first data row and the duplicates kept (app/restore-contacts.ts reads them again). */
  importedFrom(): { source: TableSource; firstDataRow: number; keptRows: number[] } | null {
    const c = this.current;
    return c && { source: c.source, firstDataRow: c.list.firstDataRow, keptRows: [...c.kept.rows] };
  }

  clear(): void {
    this.cancel();
    this.current = null;
    this.changed.emit(null);
  }

  /** Applies a new phone column, header flag or country to the current rows and remembers it for this layout. */
  async setMapping(change: ColumnMappingRequest): Promise<ImportSummary> {
    const current = this.requireCurrent();
    const { result } = current;
    this.checkCountry(change.defaultCountry ?? result.defaultCountry);
    const hasHeader = change.hasHeader ?? result.hasHeader;
    const { rows, headerRow, firstDataRow } = this.rowsWithHeader(current, hasHeader);
    const width = Math.max(result.columns.length, headerRow?.length ?? 0);
    const phoneColumn = change.phoneColumn ?? result.phoneColumn;
    if (phoneColumn >= width) {
      throw new AppFailure('bad_request', `There is no column ${phoneColumn + 1}: the file has ${width} columns.`);
    }
    const sameCells = phoneColumn === result.phoneColumn && hasHeader === result.hasHeader;
    const read = await this.readPhones(rows, phoneColumn, change.defaultCountry, sameCells ? result : null);
    const next: TableImportResult = {
      ...result,
      ...read.reading,
      headerRow,
      hasHeader,
      columns: columnNames(headerRow, width),
      phoneColumn,
      layoutKey: layoutKey(headerRow, width),
      mappingRemembered: false,
      firstDataRow,
      dataRows: rows.length,
    };
    const list = new ContactList(rows, read.phones, firstDataRow, phoneColumn);
    // Another country keeps the duplicates the operator kept; another phone column or header row makes new ones.
    const kept = sameCells ? current.kept : new KeptDuplicates();
    list.setKept(kept.rows);
    list.classify(this.optedOut());
    this.current = { source: current.source, result: next, rows, list, kept };
    // The country read with is remembered even when guessed: for a file of this layout it only settles a near tie.
    await this.deps.mappings.remember(next.layoutKey, { phoneColumn, hasHeader, defaultCountry: next.defaultCountry }).catch(() => {
      // Remembering is a convenience: failing to save it must not fail the mapping itself.
    });
    const summary = this.summary()!;
    this.changed.emit(summary);
    return summary;
  }

  /** The data rows when the first row is (or is not) a header. */
  private rowsWithHeader(current: Current, hasHeader: boolean): { rows: RowWindow; headerRow: string[] | null; firstDataRow: number } {
    let { rows } = current;
    let headerRow = current.result.headerRow;
    let firstDataRow = current.list.firstDataRow;
    if (hasHeader !== current.result.hasHeader) {
      if (hasHeader) {
        const index = rows.firstNonBlank();
        if (index < 0) throw new AppFailure('bad_request', 'There is no row left to use as a header.');
        headerRow = rows.row(index);
        rows = rows.after(index);
        firstDataRow += index + 1;
      } else if (headerRow) {
        rows = rows.withFirst(headerRow);
        firstDataRow -= 1;
        headerRow = null;
      }
    }
    return { rows, headerRow, firstDataRow };
  }

  /**
   * Checks the phone column's cells with the chosen country, or (none chosen for this file) with the country they
   * point to. `same`: the import whose cells these are (their evidence stands); null when the cells changed.
   */
  private async readPhones(rows: RowWindow, phoneColumn: number, chosen: string | undefined, same: TableImportResult | null) {
    const result = this.requireCurrent().result;
    const values = phoneValues(rows, phoneColumn);
    const evidence = same
      ? { withoutCode: same.withoutCode, likelyCountry: same.likelyCountry }
      : { withoutCode: countWithoutCode(values), likelyCountry: guessCountry(nonNull(values), [result.defaultCountry]).country };
    const countryChosen = chosen !== undefined || result.countryChosen;
    const defaultCountry = chosen ?? (countryChosen || same ? result.defaultCountry : (evidence.likelyCountry ?? result.defaultCountry));
    const controller = this.startRun();
    try {
      const phones = await this.deps.runner.normaliseValues(values, defaultCountry, { signal: controller.signal });
      return { phones, reading: { ...evidence, countryChosen, defaultCountry } };
    } finally {
      if (this.running === controller) this.running = null;
    }
  }

  private async run(source: TableSource, options: ImportOptions): Promise<ImportSummary> {
    const country = options.defaultCountry ?? this.deps.fallbackCountry();
    this.checkCountry(country);
    const controller = this.startRun();
    const store = new PackedRowStore();
    const phoneBatches: PhoneCodes[] = [];
    let rowsRead = 0;
    this.progress.emit({ phase: 'reading', rowsRead: 0, bytesRead: 0, totalBytes: 0 });
    try {
      const result = await this.deps.runner.importTable(
        {
          source,
          sheet: options.sheet,
          phoneColumn: options.phoneColumn,
          hasHeader: options.hasHeader,
          headerRow: options.headerRow,
          defaultCountry: country,
          countryExplicit: options.defaultCountry !== undefined,
          remembered: await this.deps.mappings.all(),
        },
        (batch) => {
          // Kept packed as it arrived: decoded only when a page of rows is asked for.
          store.append(batch.rows);
          phoneBatches.push(batch.phones);
          rowsRead += batch.phones.length;
        },
        {
          signal: controller.signal,
          onProgress: (p) => this.progress.emit({ phase: 'reading', ...p, rowsRead: Math.max(p.rowsRead, rowsRead) }),
        },
      );
      this.progress.emit({ phase: 'checking', rowsRead, bytesRead: 0, totalBytes: 0 });
      const rows = RowWindow.over(store);
      const list = new ContactList(rows, joinCodes(phoneBatches, rowsRead), result.firstDataRow, result.phoneColumn);
      const kept = new KeptDuplicates();
      if (options.keptRows?.length) kept.apply({ change: 'rows', rows: [...options.keptRows], keep: true }, () => []);
      list.setKept(kept.rows);
      list.classify(this.optedOut());
      this.current = { source, result, rows, list, kept };
      this.progress.emit({ phase: 'done', rowsRead, bytesRead: 0, totalBytes: 0 });
      const summary = this.summary()!;
      this.changed.emit(summary);
      return summary;
    } catch (err) {
      const cancelled = (err instanceof ImportError && err.code === 'cancelled') || (err as Error).name === 'AbortError';
      this.progress.emit({
        phase: cancelled ? 'cancelled' : 'failed',
        rowsRead,
        bytesRead: 0,
        totalBytes: 0,
        message: err instanceof Error ? err.message : String(err),
      });
      if ((err as Error).name === 'AbortError') throw new ImportError('cancelled', 'Import cancelled');
      throw err;
    } finally {
      if (this.running === controller) this.running = null;
    }
  }

  private optedOut(): ((e164: string) => boolean) | null {
    const { optOut } = this.deps;
    return optOut.size === 0 ? null : (e164) => optOut.has(e164);
  }

  private startRun(): AbortController {
    this.running?.abort(); // a new import replaces one still running
    const controller = new AbortController();
    this.running = controller;
    return controller;
  }

  private checkCountry(country: string): void {
    if (!isSupportedCountryCode(country)) {
      throw new AppFailure('bad_request', `Unknown country code "${country}": use two letters such as AE, GB or US.`);
    }
  }

  private requireCurrent(): Current {
    if (!this.current) throw new AppFailure('not_ready', 'No contacts imported yet.', { key: 'errors.noContacts' });
    return this.current;
  }
}

function* nonNull(values: (string | null)[]): Generator<string> {
  for (const v of values) if (v !== null) yield v;
}

function joinCodes(batches: PhoneCodes[], total: number): PhoneCodes {
  const all = new Float64Array(total);
  let at = 0;
  for (const batch of batches) {
    all.set(batch, at);
    at += batch.length;
  }
  return all;
}
