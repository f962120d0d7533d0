import { describe, expect, it } from 'vitest';
import { DEFAULT_PACING } from '../../../../src/core/pacing';
import { fasterThanSafe, pacingProblems, riskyWarning } from '../../../../renderer/features/send/pacing-check';
import ar from '../../../../renderer/i18n/messages/ar.json';
import en from '../../../../renderer/i18n/messages/en.json';
import es from '../../../../renderer/i18n/messages/es.json';
import { translatorFor } from '../../../../renderer/i18n/translate';

const t = translatorFor('en', en);

describe('the pace form says what is wrong with a value, in the operator’s words', () => {
  it('refuses what the contract refuses, one sentence per field', () => {
    expect(pacingProblems(DEFAULT_PACING, t)).toEqual({});
    expect(pacingProblems({ ...DEFAULT_PACING, minDelaySec: NaN }, t)).toEqual({ minDelaySec: 'Enter a number.' });
    expect(pacingProblems({ ...DEFAULT_PACING, batchSizeMin: 1.5 }, t)).toEqual({ batchSizeMin: 'Enter a whole number.' });
    expect(pacingProblems({ ...DEFAULT_PACING, minDelaySec: -1 }, t)).toEqual({ minDelaySec: 'Enter 0 or more.' });
    expect(pacingProblems({ ...DEFAULT_PACING, dailyCap: 1e9 }, t)).toEqual({ dailyCap: 'Enter 100,000 or less.' });
    expect(pacingProblems({ ...DEFAULT_PACING, maxDelaySec: 10 }, t)).toEqual({
      maxDelaySec: 'The longest delay must not be shorter than the shortest.',
    });
    expect(pacingProblems({ ...DEFAULT_PACING, window: { startHour: 9, endHour: 9 } }, t)).toEqual({
      window: 'The start and end hours must differ.',
    });
  });

  it('names the settings faster than the safe defaults, with plurals, in the language', () => {
    const fast = { ...DEFAULT_PACING, minDelaySec: 5, batchSizeMax: 60, batchPauseMinSec: 10, dailyCap: 500 };
    expect(fasterThanSafe(fast, DEFAULT_PACING, t)).toEqual([
      'delays shorter than 25 seconds',
      'more than 25 messages without a break',
      'shorter breaks',
      'more than 200 messages a day',
    ]);
    expect(riskyWarning(DEFAULT_PACING, DEFAULT_PACING, t)).toBeNull();
    expect(riskyWarning({ ...DEFAULT_PACING, batchPauseMinSec: 10, dailyCap: 500 }, DEFAULT_PACING, t)).toBe(
      '⚠ Faster than the safe defaults (shorter breaks and more than 200 messages a day): the account is more likely to be banned.',
    );
    expect(fasterThanSafe({ ...DEFAULT_PACING, dailyCap: 500 }, { ...DEFAULT_PACING, dailyCap: 1 }, translatorFor('ar', ar))).toEqual([
      'أكثر من رسالة واحدة في اليوم',
    ]);
    expect(pacingProblems({ ...DEFAULT_PACING, minDelaySec: NaN }, translatorFor('es', es))).toEqual({ minDelaySec: 'Escribe un número.' });
  });
});
