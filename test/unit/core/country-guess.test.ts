import { describe, expect, it } from 'vitest';
import { countWithoutCode, guessCountry, isWithoutCountryCode, nationalDigits } from '../../../src/core/country-guess';
import { normalisePhone } from '../../../src/core/phone';

/** Mobile numbers as a UK clinic writes them (all valid UK mobiles), and one landline. */
const UK = ['07400 123456', '07512 345678', '07856 123987', '07911 123456', '07700 123456', '07123 456789', '020 7946 0018'];

describe('numbers written without a country code', () => {
  it('are national digits: no "+", no "00", not an international number that lost its "+"', () => {
    expect(nationalDigits('07400 123456')).toBe('07400123456');
    expect(nationalDigits('(202) 555-0143')).toBe('2025550143');
    expect(nationalDigits('+44 7400 123456')).toBeNull();
    expect(nationalDigits('0044 7400 123456')).toBeNull();
    // A spreadsheet dropped the "+" of a UAE mobile: it has a country code.
    expect(nationalDigits('971501234567')).toBeNull();
    expect(nationalDigits('call reception')).toBeNull();
    expect(nationalDigits('12')).toBeNull();
    expect(isWithoutCountryCode('050 123 4567')).toBe(true);
  });

  it('are counted over a column, blank rows (null) and international numbers left out', () => {
    expect(countWithoutCode(['07400 123456', null, '+447512345678', '971501234567', '07856 123987', 'abc'])).toBe(2);
  });
});

describe('guessCountry', () => {
  it('says United Kingdom for a UK list, spaced or not, though Iraq reads as many of its mobiles', () => {
    expect(guessCountry(UK).country).toBe('GB');
    expect(guessCountry(UK.map((n) => n.replace(/ /g, ''))).country).toBe('GB');
    // Against the account's country (US) too: the US reads none of them.
    const guess = guessCountry(UK, ['US']);
    expect(guess).toMatchObject({ country: 'GB', sampled: UK.length });
    expect(guess.valid).toBeGreaterThanOrEqual(6);
  });

  it('reads every number of the guessed country as the importer does', () => {
    for (const n of UK.slice(0, 6)) expect(normalisePhone(n, 'GB').ok, n).toBe(true);
  });

  it('a near tie goes to the preferred country (the account’s), then to the more common one', () => {
    const iraqi = ['0770 123 4567', '0750 123 4567', '0781 234 5678'];
    expect(guessCountry(iraqi, ['IQ']).country).toBe('IQ');
    expect(guessCountry(UK, ['IQ']).country).toBe('IQ');
    // Without a preference, numbers both countries take are read as British (the operator is asked all the same).
    expect(guessCountry(iraqi).country).toBe('GB');
    // Finland takes UAE mobiles written "050 1234567", spacing and all: the UAE is the more common.
    expect(guessCountry(['050 1234567', '052 7654321', '055 5551234']).country).toBe('AE');
  });

  it('tells countries apart that share a calling code or a trunk prefix', () => {
    expect(guessCountry(['(202) 555-0143', '415-555-2671', '(646) 555-3890']).country).toBe('US');
    expect(guessCountry(['(416) 967-1111', '604-681-2255', '514 555 0199']).country).toBe('CA');
    expect(guessCountry(['050 123 4567', '052 765 4321', '055 555 1234']).country).toBe('AE');
    expect(guessCountry(['0151 23456789', '0170 1234567', '0160 9876543']).country).toBe('DE');
  });

  it('has nothing to guess from numbers with a country code, and says so when no country reads any', () => {
    expect(guessCountry(['+971501234567', '00447400123456', '971501234567'])).toEqual({ country: null, valid: 0, sampled: 0 });
    expect(guessCountry(['00000', '000000'])).toMatchObject({ country: null, valid: 0 });
  });

  it('looks at the first few hundred numbers of a long list only, and at most 20,000 cells for them', () => {
    const many = Array.from({ length: 100_000 }, (_, i) => `07${400_000_000 + ((i * 7919) % 99_999_999)}`);
    expect(guessCountry(many, ['US'])).toMatchObject({ country: 'GB', sampled: 300 });
    const late = [...Array.from({ length: 20_000 }, () => '+447400123456'), '07400 123456'];
    expect(guessCountry(late)).toEqual({ country: null, valid: 0, sampled: 0 });
  });
});
