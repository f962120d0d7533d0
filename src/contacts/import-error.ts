import { AppFailure, type ErrorCode } from '../shared/result';

/**
 * A file that cannot be imported, with a message that names the file and the cause (shown to the operator and
 * printed by `wa-bulk import`). Crosses the worker boundary as plain {code, message}.
 */
export class ImportError extends AppFailure {
  constructor(code: ErrorCode, message: string) {
    super(code, message);
    this.name = 'ImportError';
  }
}

export const unreadable = (fileName: string, cause: string): ImportError => new ImportError('bad_request', `${fileName}: ${cause}`);

/** An import stopped by its caller (the abort signal). */
export const cancelled = (): ImportError => new ImportError('cancelled', 'Import cancelled');
