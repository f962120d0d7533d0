import { describe, expect, it } from 'vitest';
import { alternateE164, alternateForm, canonicalE164, canonicalForm } from '../../../src/core/phone-variants';

describe('Brazil: the ninth digit', () => {
  it('keeps the 13-digit form of a mobile, and knows the 12-digit form WhatsApp may have instead', () => {
    // +55 11 98765-4321
    expect(canonicalForm('5511987654321')).toBe('5511987654321');
    expect(alternateForm('5511987654321')).toBe('551187654321');
  });

  it('adds the 9 to an old 12-digit mobile (local part 6-9), and can go back', () => {
    // +55 11 8765-4321 is the same person as +55 11 98765-4321
    expect(canonicalForm('551187654321')).toBe('5511987654321');
    expect(alternateForm('551187654321')).toBe('5511987654321');
    for (const first of ['6', '7', '8', '9']) {
      const old = '5521' + first + '1234567';
      expect(canonicalForm(old)).toBe('55219' + first + '1234567');
      expect(alternateForm(canonicalForm(old))).toBe(old);
    }
  });

  it('leaves landlines (local part 2-5) at 12 digits, with no other form', () => {
    // +55 11 3456-7890
    expect(canonicalForm('551134567890')).toBe('551134567890');
    expect(alternateForm('551134567890')).toBeNull();
    for (const first of ['2', '3', '4', '5']) expect(canonicalForm('5521' + first + '1234567')).toBe('5521' + first + '1234567');
  });

  it('gives no 12-digit form to a mobile that never had one (9 then 1-5)', () => {
    expect(canonicalForm('5511912345678')).toBe('5511912345678');
    expect(alternateForm('5511912345678')).toBeNull();
  });

  it('does not touch other lengths or an area code with a 0', () => {
    for (const digits of ['55118765432', '55119876543210', '550187654321', '551087654321']) {
      expect(canonicalForm(digits)).toBe(digits);
      expect(alternateForm(digits)).toBeNull();
    }
  });
});

describe('Mexico: the "1" after +52', () => {
  it('drops the 1 of the old 13-digit form', () => {
    // +52 1 55 1234 5678 is the same person as +52 55 1234 5678
    expect(canonicalForm('5215512345678')).toBe('525512345678');
    expect(alternateForm('5215512345678')).toBe('525512345678');
  });

  it('keeps the 12-digit form, and knows the 13-digit form WhatsApp may have instead', () => {
    expect(canonicalForm('525512345678')).toBe('525512345678');
    expect(alternateForm('525512345678')).toBe('5215512345678');
  });

  it('does not touch numbers that cannot be Mexican national numbers', () => {
    for (const digits of ['5205512345678', '52155123456', '521155123456', '52551234567']) {
      expect(canonicalForm(digits)).toBe(digits);
      expect(alternateForm(digits)).toBeNull();
    }
  });
});

describe('every other country', () => {
  it('has one form', () => {
    for (const digits of ['971501234567', '447911123456', '12125550123', '5491123456789', '5712345678', '56912345678']) {
      expect(canonicalForm(digits)).toBe(digits);
      expect(alternateForm(digits)).toBeNull();
    }
  });
});

describe('the E.164 forms', () => {
  it('keep the "+"', () => {
    expect(canonicalE164('+551187654321')).toBe('+5511987654321');
    expect(canonicalE164('+5215512345678')).toBe('+525512345678');
    expect(canonicalE164('+971501234567')).toBe('+971501234567');
    expect(alternateE164('+5511987654321')).toBe('+551187654321');
    expect(alternateE164('+525512345678')).toBe('+5215512345678');
    expect(alternateE164('+551134567890')).toBeNull();
    expect(alternateE164('+447911123456')).toBeNull();
  });
});
