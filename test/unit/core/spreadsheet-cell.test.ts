import { describe, expect, it } from 'vitest';
import { csvField, neutraliseCell } from '../../../src/core/spreadsheet-cell';
import { INJECTIONS } from './csv-injection-payloads';

describe('neutraliseCell', () => {
  it('prefixes a single quote to every cell that starts with = + - @, a tab or a carriage return', () => {
    for (const payload of INJECTIONS) expect(neutraliseCell(payload)).toBe(`'${payload}`);
  });

  it('keeps a pure international number (+ and 6-15 digits) as it is, so the phone stays usable', () => {
    expect(neutraliseCell('+971501234567')).toBe('+971501234567');
    expect(neutraliseCell('+441234')).toBe('+441234');
    expect(neutraliseCell('+123456789012345')).toBe('+123456789012345');
    // Too short, too long or anything else after the +: not a phone number, so quoted.
    expect(neutraliseCell('+12345')).toBe("'+12345");
    expect(neutraliseCell('+1234567890123456')).toBe("'+1234567890123456");
    expect(neutraliseCell('+971501234567\n=1')).toBe("'+971501234567\n=1");
  });

  it('leaves other cells alone', () => {
    for (const value of ['', 'Ali', '0501234567', '971501234567', "'=already", ' =1', '2026-07-01T10:00:00.000Z']) {
      expect(neutraliseCell(value)).toBe(value);
    }
  });
});

describe('csvField', () => {
  it('neutralises, then quotes a field holding a quote, comma or line break', () => {
    expect(csvField("-2+3+cmd|' /C calc'!A0")).toBe("'-2+3+cmd|' /C calc'!A0");
    expect(csvField('=HYPERLINK("x")')).toBe(`"'=HYPERLINK(""x"")"`);
    expect(csvField('Rome, Italy')).toBe('"Rome, Italy"');
    expect(csvField('+971501234567')).toBe('+971501234567');
  });
});
