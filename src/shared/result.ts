/**
 * Handlers return a Result instead of throwing: Electron carries only an error's message across IPC,
 * so a thrown error would lose its code.
 */
export type ErrorCode = 'bad_request' | 'unknown_channel' | 'forbidden' | 'not_ready' | 'not_found' | 'conflict' | 'io' | 'cancelled' | 'internal';

/**
 * What the page shows instead of `message`, in the operator's language (issue 12): a key of the message files
 * (renderer/i18n/messages) and its values. `message` stays English: the log, the CLI and any page too old to know the key.
 */
export interface Said {
  key: string;
  values?: Record<string, string | number>;
}

export interface AppError {
  code: ErrorCode;
  message: string;
  said?: Said;
}

export type Result<T> = { ok: true; value: T } | { ok: false; error: AppError };

export const ok = <T>(value: T): Result<T> => ({ ok: true, value });
export const fail = (code: ErrorCode, message: string, said?: Said): Result<never> => ({
  ok: false,
  error: { code, message, ...(said ? { said } : {}) },
});

/** An error that carries a code a handler can pass on; anything else becomes `internal`. */
export class AppFailure extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    /** The same in the operator's language, for the page (see Said). */
    readonly said?: Said,
  ) {
    super(message);
    this.name = 'AppFailure';
  }
}

export function errorMessage(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
