import { describe, expect, it } from 'vitest';
import { PHONE_REASONS, createPhoneNormaliser } from '../../../src/core/phone';
import { codeE164, codeReason, isProblemCode, isUsableCode, phoneCode } from '../../../src/contacts/phone-codes';

describe('phone codes', () => {
  it('keep every E.164 number exactly, up to 15 digits', () => {
    for (const e164 of ['+971501234567', '+12125550123', '+999999999999999', '+10000000000']) {
      const code = phoneCode({ ok: true, e164 });
      expect(isUsableCode(code)).toBe(true);
      expect(codeE164(code)).toBe(e164);
    }
  });

  it('keep every reason, and are never 0 (the blank-row code)', () => {
    for (const reason of PHONE_REASONS) {
      const code = phoneCode({ ok: false, reason });
      expect(isProblemCode(code)).toBe(true);
      expect(codeReason(code)).toBe(reason);
    }
    expect(() => codeReason(0)).toThrow();
  });

  it('round-trip what the normaliser says', () => {
    const normalise = createPhoneNormaliser('AE');
    for (const raw of ['050 123 4567', '+44 7911 123456', 'hello', '0501', '']) {
      const result = normalise(raw);
      const code = phoneCode(result);
      expect(result.ok ? { ok: true, e164: codeE164(code) } : { ok: false, reason: codeReason(code) }).toEqual(result);
    }
  });
});
