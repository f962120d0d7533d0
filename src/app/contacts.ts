import path from 'node:path';
import { countryOfNumber } from '../core/phone';
import { ContactsService } from '../contacts/contacts-service';
import { workerRunner, type ImportRunner } from '../contacts/import-runner';
import { ImportRecordStore, importRecordFile } from '../contacts/import-record';
import { jsonFile, memoryJsonFile } from '../contacts/json-file';
import { MappingStore } from '../contacts/mapping-store';
import { OptOutList } from '../contacts/opt-out';
import { createContactsHandlers } from '../ipc/handlers/contacts';
import type { Notifier } from '../ipc/notifier';
import type { AppPaths } from '../platform/app-paths';
import type { FileRegistry } from '../platform/file-registry';
import { localeCountry } from '../platform/locale';
import type { Logger } from '../platform/logger';
import { errorMessage } from '../shared/result';
import type { WaStatus } from '../shared/status';
import { restoreContacts } from './restore-contacts';

export interface ContactsModuleDeps {
  paths: AppPaths;
  logger: Logger;
  notifier: Notifier;
  files: FileRegistry;
  status: () => WaStatus;
  /** Where the import worker's bundle is (out/main/import-worker.js beside the main bundle). */
  workerFile?: string;
}

/** The contact list and the opt-out list, with their IPC handlers and pushes. */
export async function createContactsModule(deps: ContactsModuleDeps) {
  const { paths, logger, notifier } = deps;
  const optOut = new OptOutList(jsonFile(paths.optOutFile));
  try {
    await optOut.load();
  } catch (err) {
    // Never start from an empty list over a damaged one: the damaged file stays for the operator to fix, and
    // every change to the list is refused until then (OptOutList does not write what it could not read).
    logger.error('contacts', errorMessage(err));
  }
  const accountNumber = () => {
    const s = deps.status();
    return s.kind === 'ready' ? s.account.number : null;
  };
  // The operator's last choice first (the country of the list on screen), then the account's, then the system's.
  const fallbackCountry = (): string => {
    const chosen = contacts?.summary()?.defaultCountry;
    if (chosen) return chosen;
    const number = accountNumber();
    return (number && countryOfNumber(`+${number.replace(/^\+/, '')}`)) || localeCountry();
  };
  let contacts: ContactsService | undefined;
  const runner: ImportRunner = workerRunner(deps.workerFile ?? unpackedPath(path.join(__dirname, 'import-worker.js')));
  const mappings = new MappingStore(jsonFile(path.join(paths.stateDir, 'column-mappings.json')));
  contacts = new ContactsService({ runner, optOut, mappings, fallbackCountry });
  contacts.onProgress((p) => notifier.emit('contacts:progress', p));
  contacts.onChanged((s) => notifier.emit('contacts:changed', s));
  optOut.onChanged((c) => notifier.emit('optOut:changed', c));
  // The list imported before a restart is read again in the background (the screen gets it by contacts:changed).
  const warn = (message: string) => logger.warn('contacts', message);
  const record = new ImportRecordStore(importRecordFile(paths.stateDir), (err, context) => warn(`${context}: ${errorMessage(err)}`));
  const restored = restoreContacts(contacts, record, warn, (file) => deps.files.register(file));

  const handlers = createContactsHandlers({
    contacts,
    optOut,
    resolveFile: (id, direction) => deps.files.resolve(id, direction),
    accountNumber,
    defaultCountry: fallbackCountry,
    restored: (wait) => restored.state(wait),
    // An opt-out file is read like a contact list, by a service of its own so the current import stays.
    readNumbersFile: async (file, defaultCountry) => {
      const reader = new ContactsService({
        runner,
        optOut: new OptOutList(memoryJsonFile()),
        mappings,
        fallbackCountry: () => defaultCountry,
      });
      await reader.importFile(file, { defaultCountry });
      return { numbers: [...reader.allContacts()].map((c) => c.phone), problems: [...reader.allProblems()] };
    },
  });
  return { contacts, optOut, handlers, restored };
}

/**
 * In a packaged app the bundle sits inside app.asar; the worker file is unpacked beside it (electron-builder.yml
 * asarUnpack) because a worker thread is started from a real file.
 */
export function unpackedPath(file: string): string {
  const asar = `${path.sep}app.asar${path.sep}`;
  return file.includes(asar) ? file.replace(asar, `${path.sep}app.asar.unpacked${path.sep}`) : file;
}
