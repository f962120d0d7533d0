import { describe, expect, it } from 'vitest';
import { doneCount, formatHours, formatWhen } from '../../../../renderer/features/send/format';
import { formatHour } from '../../../../renderer/i18n/format';
import en from '../../../../renderer/i18n/messages/en.json';
import { translatorFor } from '../../../../renderer/i18n/translate';

const t = translatorFor('en', en);

const at = (day: number, h: number, m = 0) => new Date(2026, 2, day, h, m).getTime();

describe('the estimate in words', () => {
  it('says today, tomorrow, or the date, with the time', () => {
    const now = at(10, 15, 0);
    expect(formatWhen(at(10, 15, 40), now)).toMatch(/^today \d{1,2}:40/);
    expect(formatWhen(at(11, 9), now)).toMatch(/^tomorrow 0?9:00/);
    expect(formatWhen(at(13, 9), now)).toMatch(/13/);
    expect(formatWhen(at(13, 9), now)).not.toMatch(/today|tomorrow/);
  });

  it('gives the sending hours as the form shows them, or says there are none', () => {
    expect(formatHours({ startHour: 9, endHour: 20 }, t)).toBe(`${formatHour(9)}–${formatHour(20)}`);
    expect(formatHours({ startHour: 22, endHour: 6 }, t)).toMatch(/^10:00 PM–0?6:00 AM$|^22:00–0?6:00$/);
    expect(formatHours(null, t)).toBe('any hour, day and night');
  });

  it('counts as done every contact neither waiting nor unconfirmed (sent, failed, skipped, refused)', () => {
    expect(doneCount({ total: 30, pending: 17, unconfirmed: 1 })).toBe(12);
  });
});
