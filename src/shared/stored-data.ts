/**
 * Data read back from disk is parsed with a zod schema, never cast (STYLE.md, "Stored data is parsed"). A file that
 * does not fit gets one error naming the file, the line (for a line-per-record file) and the field:
 * `campaign.json: field pacing.dailyCap: expected number, received string`.
 * Pure: the modules that own each file read it and hand the parsed value here.
 */
import type { z } from 'zod';

/** What is wrong with one stored file, where. */
export class StoredDataError extends Error {
  constructor(
    readonly file: string,
    /** 1-based line of a line-per-record file; null for a whole-file document. */
    readonly line: number | null,
    /** Dotted path of the field (`pacing.window.startHour`, `templates.2.name`); null when the document itself is wrong. */
    readonly field: string | null,
    /** What is wrong, without the place: "expected number, received string". */
    readonly problem: string,
  ) {
    super(describeStoredProblem(file, line, field, problem));
    this.name = 'StoredDataError';
  }
}

/** `<file>: line N: field a.b: <problem>`, leaving out the parts that do not apply. */
export function describeStoredProblem(file: string, line: number | null, field: string | null, problem: string): string {
  return [file, line === null ? null : `line ${line}`, field === null ? null : `field ${field}`, problem].filter((part) => part !== null).join(': ');
}

/** The field and the problem of zod's first issue, in the words the operator reads. */
export function describeZodIssue(error: z.ZodError): { field: string | null; problem: string } {
  const issue = error.issues[0];
  if (!issue) return { field: null, problem: 'not in the expected form' };
  const path = [...issue.path];
  // An unknown key is reported on its object; name the key itself.
  if (issue.code === 'unrecognized_keys' && issue.keys.length > 0) path.push(issue.keys[0]!);
  const field = path.length > 0 ? path.map(String).join('.') : null;
  let problem = issue.message.replace(/^Invalid input: /, '');
  if (issue.code === 'invalid_type' && / received undefined$/.test(problem)) problem = `missing (expected ${issue.expected})`;
  else if (issue.code === 'unrecognized_keys') problem = 'not a field this version knows';
  return { field, problem };
}

/** The error for a zod failure on `file` (and `line`). */
export function storedDataError(file: string, error: z.ZodError, line: number | null = null): StoredDataError {
  const { field, problem } = describeZodIssue(error);
  return new StoredDataError(file, line, field, problem);
}

/** Parses a value read from `file` (line `line`), or throws a StoredDataError naming where it is wrong. */
export function parseStored<S extends z.ZodType>(schema: S, value: unknown, file: string, line: number | null = null): z.output<S> {
  const result = schema.safeParse(value);
  if (!result.success) throw storedDataError(file, result.error, line);
  return result.data;
}

/** JSON text read from `file` (line `line`), or a StoredDataError saying it is not JSON. */
export function parseJsonText(text: string, file: string, line: number | null = null): unknown {
  try {
    return JSON.parse(text);
  } catch (err) {
    throw new StoredDataError(file, line, null, `not valid JSON (${err instanceof Error ? err.message : String(err)})`);
  }
}

/** Parses JSON text read from `file` with `schema`: one StoredDataError for either kind of damage. */
export function parseStoredJson<S extends z.ZodType>(schema: S, text: string, file: string, line: number | null = null): z.output<S> {
  return parseStored(schema, parseJsonText(text, file, line), file, line);
}
