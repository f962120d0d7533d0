import { describe, expect, it } from 'vitest';
import { startBlockers } from '../../../../renderer/features/send/start-blockers';
import en from '../../../../renderer/i18n/messages/en.json';
import { translatorFor } from '../../../../renderer/i18n/translate';
import type { ImportSummary } from '../../../../src/shared/contract/contacts';
import type { WaStatus } from '../../../../src/shared/status';

const contacts: ImportSummary = {
  source: { name: 'list.csv', kind: 'csv', encoding: 'utf-8', delimiter: ',' },
  sheets: [],
  sheet: null,
  columns: ['Name', 'Phone'],
  hasHeader: true,
  phoneColumn: 1,
  defaultCountry: 'AE',
  mappingRemembered: false,
  counts: { rows: 2, valid: 2, invalid: 0, duplicates: 0, optedOut: 0 },
  keptDuplicates: 0,
  canUndoKeep: false,
  country: { withoutCode: 2, likely: 'AE', chosen: true, needed: false },
};

const t = translatorFor('en', en);

const ready: WaStatus = { kind: 'ready', account: { number: '15550001111', name: 'Test' } };

/** Everything in order but WhatsApp's status. */
const withStatus = (status: WaStatus | null) =>
  startBlockers({ status, contacts, template: 'Hello {{Name}}', check: null, pacingOk: true, otherRunning: false }, t);

describe('startBlockers', () => {
  it('lets Start be pressed when WhatsApp is ready and everything else is in order', () => {
    expect(withStatus(ready)).toEqual([]);
  });

  it('blocks Start while WhatsApp is not connected and ready, pointing to the connection screen', () => {
    const notReady: Array<WaStatus | null> = [
      null,
      { kind: 'idle' },
      { kind: 'starting', percent: 40, message: 'Loading' },
      { kind: 'qr', qrDataUrl: 'data:image/png;base64,', qrText: 'qr' },
      { kind: 'authenticated' },
      { kind: 'auth_failure', message: 'expired' },
      { kind: 'disconnected', reason: 'phone offline', reconnecting: true },
      { kind: 'error', message: 'browser crashed', actions: ['retry'] },
    ];
    for (const status of notReady) {
      expect(withStatus(status), status?.kind ?? 'no status yet').toEqual([{ text: 'WhatsApp is not connected and ready.', fix: 'connection' }]);
    }
  });

  it('blocks Start while the country of numbers without a country code is not chosen, pointing to the contacts screen', () => {
    const asking = { ...contacts, country: { withoutCode: 2, likely: 'GB', chosen: false, needed: true } };
    expect(startBlockers({ status: ready, contacts: asking, template: 'Hi', check: null, pacingOk: true, otherRunning: false }, t)).toEqual([
      { text: 'Choose the country of the numbers written without a country code.', fix: 'contacts' },
    ]);
  });
});
