/**
 * Handlers return a Result instead of throwing: Electron carries only an error's message across IPC,
 * so a thrown error would lose its code.
 */
export type ErrorCode = 'bad_request' | 'unknown_channel' | 'forbidden' | 'not_ready' | 'not_found' | 'conflict' | 'io' | 'cancelled' | 'internal';

export interface AppError {
  code: ErrorCode;
  message: string;
}

export type Result<T> = { ok: true; value: T } | { ok: false; error: AppError };

export const ok = <T>(value: T): Result<T> => ({ ok: true, value });
export const fail = (code: ErrorCode, message: string): Result<never> => ({ ok: false, error: { code, message } });

/** An error that carries a code a handler can pass on; anything else becomes `internal`. */
export class AppFailure extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'AppFailure';
  }
}

export function errorMessage(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
