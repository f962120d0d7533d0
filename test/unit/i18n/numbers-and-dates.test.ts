import { afterEach, describe, expect, it } from 'vitest';
import { mainTranslator } from '../../../src/app/i18n/main-messages';
import { setActiveLanguage } from '../../../renderer/i18n/active-locale';
import { formatCount, formatDuration, formatPercent, formatWhen } from '../../../renderer/i18n/format';
import { translatorFor } from '../../../renderer/i18n/translate';

// Numbers, dates and durations in the operator's language: a number a message prints bare ({count}) is grouped as
// the language groups it, like {count, number}; plurals still choose by the number; Arabic is written with 0-9.
describe('numbers and dates in the active language', () => {
  afterEach(() => setActiveLanguage('en'));

  it('groups a bare {count} as the language does, and leaves plurals choosing by the number', () => {
    const messages = { 'x.rows': 'Rows: {count}; {more, plural, one {# more row} other {# more rows}}' } as never;
    expect(translatorFor('hi', messages)('x.rows' as never, { count: 1234567, more: 1500 })).toBe('Rows: 12,34,567; 1,500 more rows');
    expect(translatorFor('en', messages)('x.rows' as never, { count: 12, more: 1 })).toBe('Rows: 12; 1 more row');
    expect(translatorFor('ar', messages)('x.rows' as never, { count: 1234, more: 2 })).toBe('Rows: 1,234; 2 more rows');
    expect(mainTranslator('fr')('main.close.message', { name: '« x »', sent: 1200, total: 3000 })).toBe(
      '« x » est toujours en cours d’envoi (1\u202f200 sur 3\u202f000 envoyés).',
    );
  });

  it('formats through Intl in the language set by the provider', () => {
    setActiveLanguage('es');
    expect(formatCount(12345)).toBe('12.345');
    expect(formatPercent(0.425)).toBe('43\u00a0%');
    setActiveLanguage('ar');
    expect(formatCount(12345)).toBe('12,345');
    setActiveLanguage('en');
    expect(formatDuration(25 * 60_000)).toBe('25 min');
    expect(formatDuration(45_000)).toBe('45 sec');
    expect(formatDuration((3 * 60 + 20) * 60_000)).toMatch(/^3 hr,? 20 min$/);
    const now = new Date(2026, 10, 30, 10, 0).getTime();
    expect(formatWhen(new Date(2026, 10, 30, 15, 40).getTime(), now)).toBe('today 3:40 PM');
    expect(formatWhen(new Date(2026, 11, 1, 9, 0).getTime(), now)).toBe('tomorrow 9:00 AM');
    setActiveLanguage('es');
    expect(formatWhen(new Date(2026, 11, 1, 9, 0).getTime(), now)).toBe('mañana 9:00');
  });
});
