import type { Transport } from '../contract';
import type { ContactsApi } from '../contract/contacts';

export const createContactsApi = (t: Transport) =>
  ({
    importContactsFile: (request) => t.invoke('contacts:importFile', request),
    importContactsText: (text, defaultCountry) => t.invoke('contacts:importText', defaultCountry === undefined ? { text } : { text, defaultCountry }),
    cancelImport: () => t.invoke('contacts:cancel', undefined),
    getImportSummary: () => t.invoke('contacts:getSummary', undefined),
    setColumnMapping: (mapping) => t.invoke('contacts:setMapping', mapping),
    getContactRows: (offset, limit) => t.invoke('contacts:getRows', { offset, limit }),
    getImportProblems: (offset, limit) => t.invoke('contacts:getProblems', { offset, limit }),
    exportImportProblems: (targetFileId) => t.invoke('contacts:exportProblems', { targetFileId }),
    getImportDuplicates: (offset, limit) => t.invoke('contacts:getDuplicates', { offset, limit }),
    keepDuplicates: (change) => t.invoke('contacts:keepDuplicates', change),
    clearContacts: () => t.invoke('contacts:clear', undefined),
    getRestoredContacts: (wait) => t.invoke('contacts:getRestored', { wait }),
    suggestCountry: () => t.invoke('contacts:suggestCountry', undefined),
    listOptOut: (offset, limit) => t.invoke('optOut:list', { offset, limit }),
    addOptOut: (numbers, defaultCountry) => t.invoke('optOut:add', defaultCountry === undefined ? { numbers } : { numbers, defaultCountry }),
    removeOptOut: (numbers) => t.invoke('optOut:remove', { numbers }),
    importOptOutFile: (fileId, defaultCountry) =>
      t.invoke('optOut:importFile', defaultCountry === undefined ? { fileId } : { fileId, defaultCountry }),
    onImportProgress: (listener) => t.on('contacts:progress', listener),
    onContactsChanged: (listener) => t.on('contacts:changed', listener),
    onOptOutChanged: (listener) => t.on('optOut:changed', listener),
  }) satisfies ContactsApi;
