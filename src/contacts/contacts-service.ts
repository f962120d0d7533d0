import { columnNames, layoutKey } from '../core/columns';
import { isSupportedCountryCode } from '../core/phone';
import type { ColumnMappingRequest, ContactRow, ImportProblem, ImportProgress, ImportSummary, Page } from '../shared/contract/contacts';
import { Listeners, type Unsubscribe } from '../shared/events';
import { AppFailure } from '../shared/result';
import { ContactList } from './contact-list';
import { ImportError } from './import-error';
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
  defaultCountry?: string;
}

interface Current {
  result: TableImportResult;
  /** The data rows under the current mapping (the list reads them; a new mapping makes a new window). */
  rows: RowWindow;
  list: ContactList;
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

  importText(text: string, defaultCountry?: string): Promise<ImportSummary> {
    return this.run({ kind: 'text', text, name: 'pasted numbers' }, { defaultCountry, hasHeader: false, phoneColumn: 0 });
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
      phoneColumn: result.phoneColumn,
      defaultCountry: result.defaultCountry,
      mappingRemembered: result.mappingRemembered,
      counts: list.summaryCounts,
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

  clear(): void {
    this.cancel();
    this.current = null;
    this.changed.emit(null);
  }

  /** Applies a new phone column, header flag or country to the current rows and remembers it for this layout. */
  async setMapping(change: ColumnMappingRequest): Promise<ImportSummary> {
    const current = this.requireCurrent();
    const { result } = current;
    const country = change.defaultCountry ?? result.defaultCountry;
    this.checkCountry(country);
    let rows = current.rows;
    let headerRow = result.headerRow;
    let firstDataRow = current.list.firstDataRow;
    const hasHeader = change.hasHeader ?? result.hasHeader;
    if (hasHeader !== result.hasHeader) {
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
    const width = Math.max(result.columns.length, headerRow?.length ?? 0);
    const phoneColumn = change.phoneColumn ?? result.phoneColumn;
    if (phoneColumn >= width) {
      throw new AppFailure('bad_request', `There is no column ${phoneColumn + 1}: the file has ${width} columns.`);
    }
    const controller = this.startRun();
    let phones: PhoneCodes;
    try {
      phones = await this.deps.runner.normaliseValues(phoneValues(rows, phoneColumn), country, { signal: controller.signal });
    } finally {
      if (this.running === controller) this.running = null;
    }
    const next: TableImportResult = {
      ...result,
      headerRow,
      hasHeader,
      columns: columnNames(headerRow, width),
      phoneColumn,
      defaultCountry: country,
      layoutKey: layoutKey(headerRow, width),
      mappingRemembered: false,
      firstDataRow,
      dataRows: rows.length,
    };
    const list = new ContactList(rows, phones, firstDataRow, phoneColumn);
    list.classify(this.optedOut());
    this.current = { result: next, rows, list };
    await this.deps.mappings.remember(next.layoutKey, { phoneColumn, hasHeader, defaultCountry: country }).catch(() => {
      // Remembering is a convenience: failing to save it must not fail the mapping itself.
    });
    const summary = this.summary()!;
    this.changed.emit(summary);
    return summary;
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
      list.classify(this.optedOut());
      this.current = { result, rows, list };
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
    if (!this.current) throw new AppFailure('not_ready', 'No contacts imported yet.');
    return this.current;
  }
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
