import type { FileRef } from '../../../src/shared/contract/files';

/**
 * The file behind the current import. Main's summary names the file but not its reference, and picking another
 * sheet of a workbook means reading that file again; keeping the reference here (not in component state) lets the
 * sheet picker work after the operator visits another section and comes back.
 */
let current: FileRef | null = null;

export const rememberImportedFile = (file: FileRef | null): void => {
  current = file;
};

/** The reference for `name`, or null when the current import came from somewhere else (pasted, or a new session). */
export const importedFile = (name: string): FileRef | null => (current?.name === name ? current : null);
