import { describe, expect, it } from 'vitest';
import { describeReason, describeSource } from '../../../../renderer/features/contacts/format';
import { translatorFor } from '../../../../renderer/i18n/translate';
import ar from '../../../../renderer/i18n/messages/ar.json';
import en from '../../../../renderer/i18n/messages/en.json';
import es from '../../../../renderer/i18n/messages/es.json';
import fr from '../../../../renderer/i18n/messages/fr.json';
import { PHONE_REASONS } from '../../../../src/core/phone';
import type { ImportSummary } from '../../../../src/shared/contract/contacts';

const summary = (source: Partial<ImportSummary['source']>, sheet: string | null = null) =>
  ({ source: { kind: 'csv', name: 'clinic.csv', encoding: null, delimiter: null, ...source }, sheet }) as unknown as ImportSummary;

describe('Contacts: what was read, in the operator’s language', () => {
  const tEn = translatorFor('en', en);

  it('says the kind of file, the sheet, the encoding and the separator', () => {
    expect(describeSource(summary({ kind: 'csv', encoding: 'utf-8', delimiter: ',' }), tEn)).toBe('CSV file · utf-8 · columns separated by commas');
    expect(describeSource(summary({ kind: 'xlsx' }, 'Patients'), tEn)).toBe('Excel workbook · sheet “Patients”');
    expect(describeSource(summary({ kind: 'text', delimiter: '#' }), tEn)).toBe('text file · columns separated by “#”');
    expect(describeSource(summary({ kind: 'paste' }), tEn)).toBe('Pasted into the app, one number on each line');
    expect(describeSource(summary({ kind: 'csv', delimiter: ';' }), translatorFor('es', es))).toBe(
      'Archivo CSV · columnas separadas por punto y coma',
    );
    expect(describeSource(summary({ kind: 'xlsx' }, 'Hoja 1'), translatorFor('fr', fr))).toBe('Classeur Excel · feuille «\u00a0Hoja 1\u00a0»');
  });

  it('has a sentence for every reason the phone checker gives, in every language', () => {
    for (const [language, messages] of [
      ['en', en],
      ['es', es],
      ['ar', ar],
    ] as const) {
      const t = translatorFor(language, messages);
      for (const reason of PHONE_REASONS) expect(describeReason(reason, t)).not.toBe(reason);
    }
    expect(describeReason('too short', tEn)).toBe('Too short');
    expect(describeReason('letters in the number', translatorFor('ar', ar))).toBe('يحتوي الرقم على حروف');
    // A reason this screen does not know yet is still shown, capitalised.
    expect(describeReason('something new', tEn)).toBe('Something new');
  });
});
