import { describe, expect, it } from 'vitest';
import { doneCount, formatHours, formatWhen } from '../../../../renderer/features/send/format';

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
    expect(formatHours({ startHour: 9, endHour: 20 })).toBe('09:00-20:00');
    expect(formatHours({ startHour: 22, endHour: 6 })).toBe('22:00-06:00');
    expect(formatHours(null)).toBe('any hour, day and night');
  });

  it('counts as done every contact neither waiting nor unconfirmed (sent, failed, skipped, refused)', () => {
    expect(doneCount({ total: 30, pending: 17, unconfirmed: 1 })).toBe(12);
  });
});
