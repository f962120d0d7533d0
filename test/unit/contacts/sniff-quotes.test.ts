/** The separator is judged as the CSV reader reads quotes: a quote opens quoting only at a cell's start. */
import { describe, expect, it } from 'vitest';
import { sniffDelimiter } from '../../../src/contacts/sniff';

describe('sniffDelimiter with quotes inside cells', () => {
  it('is not misled by a quote inside an unquoted cell', () => {
    const text = 'Item;Phone;City\n12" pizza;0501234567;Dubai\nMohammed "Mo" Ali;0527654321;Ajman\nBea;0551234567;Dubai\n';
    expect(sniffDelimiter(text)).toBe(';');
    expect(sniffDelimiter(text.replaceAll(';', ','))).toBe(',');
  });

  it('still ignores separators inside quoted cells, across lines too', () => {
    expect(sniffDelimiter('"Doe, Jane";050\n"Roe,\nBo";052\n"A, B";053\n')).toBe(';');
    expect(sniffDelimiter('name\tphone\n"a\tb"\t050\n"c ""d"" e"\t052\n')).toBe('\t');
  });
});
