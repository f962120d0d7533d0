import { z } from 'zod';
import type { Result } from '../result';
import { event, invoke } from './define';
import { FileId, type FileRef } from './files';

/**
 * Contact import and the opt-out list. The main process owns the imported list (it can hold a million rows);
 * the renderer asks for the page of rows it shows (`contacts:getRows`) and the problem rows it lists.
 *
 * Row numbers (`row`) are always the row as the operator sees it in a spreadsheet program: the first line of the
 * file (the header, when there is one) is row 1; blank rows count.
 */

/** ISO 3166-1 alpha-2 country used for numbers written without a country code, e.g. "AE", "GB". */
export const CountryCode = z
  .string()
  .regex(/^[A-Za-z]{2}$/, 'a two-letter country code such as AE or GB')
  .transform((s) => s.toUpperCase());

/** How columns are read; every field optional: what is left out is guessed (or taken from the remembered mapping). */
export const ColumnMappingRequest = z
  .object({
    /** Index (0-based) of the column holding phone numbers. */
    phoneColumn: z.number().int().min(0).max(16_383).optional(),
    /** Whether row 1 is a header row (names the columns) rather than data. */
    hasHeader: z.boolean().optional(),
    /** Country for numbers without a country code. */
    defaultCountry: CountryCode.optional(),
  })
  .strict();
export type ColumnMappingRequest = z.input<typeof ColumnMappingRequest>;

export const ImportFileRequest = ColumnMappingRequest.extend({
  fileId: FileId,
  /** Workbook sheet to read; the first sheet when left out (the summary lists every sheet for a picker). */
  sheet: z.string().min(1).max(255).optional(),
  /**
   * Row number (as the spreadsheet shows it) of the row that names the columns, for a sheet with a title or notes
   * above it; rows above it are neither contacts nor problems. Left out, it is found (ImportSummary.headerRow).
   */
  headerRow: z.number().int().min(1, 'the header row is a row number: 1 or more').max(1_048_576, 'a sheet has at most 1,048,576 rows').optional(),
}).strict();

export const ImportTextRequest = z
  .object({
    /** Numbers pasted into a box: one per line (commas, semicolons or tabs also separate). */
    text: z.string().max(50_000_000),
    defaultCountry: CountryCode.optional(),
  })
  .strict();

export const PageRequest = z
  .object({
    offset: z.number().int().min(0),
    limit: z.number().int().min(1).max(2_000),
  })
  .strict();

/**
 * Typed or pasted numbers in one optOut:add / optOut:remove: a screenful of a paste box, not a whole list (a list
 * is imported as a file, optOut:importFile, which reads it off the main thread).
 */
export const OPT_OUT_MAX_ENTRIES = 10_000;
/** Characters in one typed entry: a phone number written any way fits many times over. */
export const OPT_OUT_MAX_ENTRY_CHARS = 200;

const TypedNumbers = z
  .array(z.string().max(OPT_OUT_MAX_ENTRY_CHARS, `an entry is longer than ${OPT_OUT_MAX_ENTRY_CHARS} characters, which no phone number is`))
  .min(1, 'no numbers given')
  .max(OPT_OUT_MAX_ENTRIES, {
    error: (issue) =>
      `at most ${OPT_OUT_MAX_ENTRIES.toLocaleString('en')} numbers at a time` +
      (Array.isArray(issue.input) ? ` (this has ${issue.input.length.toLocaleString('en')})` : '') +
      ': import a longer list as a file',
  });

export const OptOutAddRequest = z
  .object({
    /** Numbers as typed; each is normalised like an imported number. */
    numbers: TypedNumbers,
    defaultCountry: CountryCode.optional(),
  })
  .strict();

export const OptOutRemoveRequest = z.object({ numbers: TypedNumbers }).strict();

export const OptOutImportRequest = z.object({ fileId: FileId, defaultCountry: CountryCode.optional() }).strict();

export const ExportProblemsRequest = z.object({ targetFileId: FileId }).strict();

/** Duplicates each change of the keep choice may name: a page of the list, not the whole of a large one ("all" is). */
export const KEEP_MAX_ROWS = 2_000;

/**
 * Keep duplicate rows (each then gets its own message) or leave them out again: some rows by their row number, all
 * of them, or undo the last change.
 */
export const KeepDuplicatesRequest = z.discriminatedUnion('change', [
  z.object({ change: z.literal('rows'), rows: z.array(z.number().int().min(1)).min(1).max(KEEP_MAX_ROWS), keep: z.boolean() }).strict(),
  z.object({ change: z.literal('all'), keep: z.boolean() }).strict(),
  z.object({ change: z.literal('undo') }).strict(),
]);
export type KeepDuplicatesRequest = z.input<typeof KeepDuplicatesRequest>;

export type SourceKind = 'csv' | 'xlsx' | 'xls' | 'ods' | 'text' | 'paste';

/** One row that could not be used: its spreadsheet row number, the phone cell as read, and why. */
export interface ImportProblem {
  row: number;
  value: string;
  reason: string;
}

/** A row whose number an earlier row has already: "Row 14 repeats row 3". */
export interface ImportDuplicate {
  row: number;
  /** The earlier row with the same number (the one that is messaged). */
  repeatsRow: number;
  /** The shared number, written internationally: "+44 7400 123456". */
  phone: string;
  /** The phone cell as written in this row. */
  value: string;
  /** This row's other cells that hold something, e.g. "Jane Smith, 3 May" (shortened when long). */
  details: string;
  /** The same for the row it repeats. */
  repeatsDetails: string;
  /** Kept by the operator: it becomes a contact of its own and gets its own message. */
  kept: boolean;
}

export interface ImportCounts {
  /** Data rows read (header excluded; blank rows included). */
  rows: number;
  /** Contacts that will be messaged: valid, first of their number, not opted out. */
  valid: number;
  /** Rows whose phone could not be used (listed in problems). */
  invalid: number;
  /** Rows whose number already appeared in an earlier row and that are left out (kept duplicates count as valid). */
  duplicates: number;
  /** Rows whose number is on the opt-out list. */
  optedOut: number;
}

/** What the current import is: shown as the summary, and used to draw the mapping controls. */
export interface ImportSummary {
  source: {
    name: string;
    kind: SourceKind;
    /** Text files: the encoding that was detected, e.g. "utf-8", "utf-16le", "windows-1252". */
    encoding: string | null;
    /** Text files: the column separator that was detected. */
    delimiter: string | null;
  };
  /** Workbooks: every sheet name, in order (for the sheet picker); empty for text. */
  sheets: string[];
  /** Workbooks: the sheet that was read. */
  sheet: string | null;
  /** Column names: the header cells, or "Column A", "Column B"... when there is no header row. */
  columns: string[];
  hasHeader: boolean;
  /** Row number (as the spreadsheet shows it) of the header row; null when there is none. */
  headerRow?: number | null;
  /** Index into `columns` of the phone column. */
  phoneColumn: number;
  defaultCountry: string;
  /** True when this mapping was taken from a file with the same layout imported before. */
  mappingRemembered: boolean;
  counts: ImportCounts;
  /** Duplicate rows the operator keeps (in counts.valid); all duplicates are counts.duplicates + this. */
  keptDuplicates: number;
  /** Whether the last change to the kept duplicates can be undone (contacts:keepDuplicates { change: 'undo' }). */
  canUndoKeep: boolean;
  country: CountryReading;
}

/** How numbers written without a country code were read. */
export interface CountryReading {
  /** Non-blank phone cells written without a country code (national form, e.g. 07400 123456). */
  withoutCode: number;
  /** The country under which most of them are valid mobile numbers (pre-selected in the question); null if none. */
  likely: string | null;
  /** The operator chose defaultCountry for this file (with the import or afterwards). */
  chosen: boolean;
  /**
   * Numbers lack a country code and no country was chosen for this file: the list is not ready until one is
   * (they were read with `defaultCountry`, the likely one, meanwhile).
   */
  needed: boolean;
}

/** One valid contact: `values` line up with `ImportSummary.columns` (the phone cell as written included). */
export interface ContactRow {
  row: number;
  /** E.164, e.g. "+971501234567". */
  phone: string;
  values: string[];
  /** Set for a duplicate the operator kept: the earlier row with the same number. */
  repeatsRow?: number;
}

export interface Page<T> {
  total: number;
  offset: number;
  items: T[];
}

export type ImportPhase = 'reading' | 'checking' | 'done' | 'cancelled' | 'failed';

export interface ImportProgress {
  phase: ImportPhase;
  /** Data rows read so far. */
  rowsRead: number;
  /** Bytes read so far and the file size (0 for pasted text); a workbook reports 0 until its sheet is parsed. */
  bytesRead: number;
  totalBytes: number;
  /** Set when phase is 'failed'. */
  message?: string;
}

/**
 * The list imported before the app was restarted, when it was not read again: its file changed or is gone since
 * (the operator imports it again, or clears the list to forget it). Cleared by the next import or contacts:clear.
 */
export interface RestoreNotice {
  /** The file's name, e.g. "may.csv", and the folder it was in. */
  name: string;
  folder: string;
  /** changed: its size or time differ; missing: not there; unreadable / failed: it could not be read (detail says why). */
  reason: 'changed' | 'missing' | 'unreadable' | 'failed';
  detail: string | null;
}

/** The list from before the restart: why it was not read again, or the file it was read from again (for the sheet picker). */
export interface RestoredContacts {
  /** The file being read again right now (asked with wait: false while it is); null otherwise. */
  reading: string | null;
  notice: RestoreNotice | null;
  /** A reference to the file read again (the renderer re-reads another sheet or header row with it); null otherwise. */
  file: FileRef | null;
}

export interface OptOutChange {
  /** Numbers added (or removed) that were not (or were) on the list already. */
  changed: number;
  /** Entries that are not phone numbers, with their position (1-based line or row) and reason. */
  problems: ImportProblem[];
  total: number;
}

export const contactsInvokes = {
  'contacts:importFile': invoke<ImportSummary>()(
    ImportFileRequest,
    'Read a CSV, text or workbook file (off the main thread) and make it the current list; progress arrives on contacts:progress. Replaces the previous import. Fails with not_found / io / bad_request naming the file and the cause, or cancelled.',
  ),
  'contacts:importText': invoke<ImportSummary>()(ImportTextRequest, 'Make pasted numbers (one per line) the current list.'),
  'contacts:cancel': invoke<void>()(z.undefined(), 'Stop the import that is running (it then fails with code cancelled).'),
  'contacts:getSummary': invoke<ImportSummary | null>()(z.undefined(), 'The current import, or null.'),
  'contacts:setMapping': invoke<ImportSummary>()(
    ColumnMappingRequest,
    'Change the phone column, header flag or default country of the current import and re-check every row; the choice is remembered for files with the same header layout. A defaultCountry given here answers the country question of this import (ImportSummary.country.chosen); another phone column or header row guesses the likely country again while none is chosen.',
  ),
  'contacts:getRows': invoke<Page<ContactRow>>()(PageRequest, 'A page of valid contacts, in file order.'),
  'contacts:getProblems': invoke<Page<ImportProblem>>()(PageRequest, 'A page of problem rows, in file order.'),
  'contacts:exportProblems': invoke<{ written: number }>()(
    ExportProblemsRequest,
    'Write every problem row and every duplicate left out as CSV (row,value,reason) to a save target from files:pickSave.',
  ),
  'contacts:getDuplicates': invoke<Page<ImportDuplicate>>()(PageRequest, 'A page of duplicate rows (kept or not), in file order.'),
  'contacts:keepDuplicates': invoke<ImportSummary>()(
    KeepDuplicatesRequest,
    'Keep duplicate rows (each becomes a contact with its own message) or leave them out again; undo takes back the last change.',
  ),
  'contacts:clear': invoke<void>()(z.undefined(), 'Forget the current import (and the one kept from before a restart).'),
  'contacts:getRestored': invoke<RestoredContacts>()(
    z.object({ wait: z.boolean() }).strict(),
    'The list imported before the app was restarted: why it was not read again (its file changed or is gone), or a reference to the file it was read from again. With wait, answers once that is known; without, at once (reading names the file while it is being read).',
  ),
  'contacts:suggestCountry': invoke<string | null>()(
    z.undefined(),
    "The default country guessed from the connected account's number, or null when not connected.",
  ),
  'optOut:list': invoke<Page<string>>()(PageRequest, 'Opt-out numbers (E.164), sorted.'),
  'optOut:add': invoke<OptOutChange>()(OptOutAddRequest, 'Add numbers to the opt-out list (persisted at once).'),
  'optOut:remove': invoke<OptOutChange>()(OptOutRemoveRequest, 'Remove numbers from the opt-out list.'),
  'optOut:importFile': invoke<OptOutChange>()(
    OptOutImportRequest,
    'Add every number of a CSV, text or workbook file (its phone column) to the opt-out list.',
  ),
} as const;

export const contactsEvents = {
  'contacts:progress': event<ImportProgress>()('latest', 'Progress of the running import.'),
  'contacts:changed': event<ImportSummary | null>()(
    'latest',
    'The current import changed (new import, new mapping, opt-out list applied, or cleared).',
  ),
  'optOut:changed': event<{ total: number }>()('latest', 'The opt-out list changed.'),
} as const;

export interface ContactsApi {
  importContactsFile(request: z.input<typeof ImportFileRequest>): Promise<Result<ImportSummary>>;
  importContactsText(text: string, defaultCountry?: string): Promise<Result<ImportSummary>>;
  cancelImport(): Promise<Result<void>>;
  getImportSummary(): Promise<Result<ImportSummary | null>>;
  setColumnMapping(mapping: ColumnMappingRequest): Promise<Result<ImportSummary>>;
  getContactRows(offset: number, limit: number): Promise<Result<Page<ContactRow>>>;
  getImportProblems(offset: number, limit: number): Promise<Result<Page<ImportProblem>>>;
  exportImportProblems(targetFileId: string): Promise<Result<{ written: number }>>;
  getImportDuplicates(offset: number, limit: number): Promise<Result<Page<ImportDuplicate>>>;
  keepDuplicates(change: KeepDuplicatesRequest): Promise<Result<ImportSummary>>;
  clearContacts(): Promise<Result<void>>;
  getRestoredContacts(wait: boolean): Promise<Result<RestoredContacts>>;
  suggestCountry(): Promise<Result<string | null>>;
  listOptOut(offset: number, limit: number): Promise<Result<Page<string>>>;
  addOptOut(numbers: string[], defaultCountry?: string): Promise<Result<OptOutChange>>;
  removeOptOut(numbers: string[]): Promise<Result<OptOutChange>>;
  importOptOutFile(fileId: string, defaultCountry?: string): Promise<Result<OptOutChange>>;
  onImportProgress(listener: (progress: ImportProgress) => void): () => void;
  onContactsChanged(listener: (summary: ImportSummary | null) => void): () => void;
  onOptOutChanged(listener: (change: { total: number }) => void): () => void;
}
