import { PHONE_REASONS, type PhoneReason, type PhoneResult } from '../core/phone';

/**
 * What each data row's phone came to, one number per row in a Float64Array (8 bytes a row, transferable between
 * threads, and de-duplicated as numbers rather than strings):
 *   > 0  a usable number: its E.164 digits (at most 15, so exact in a double), e.g. 971501234567
 *   < 0  a problem: -(1 + its index in PHONE_REASONS)
 *   = 0  an entirely blank row (not a data row)
 */
export type PhoneCodes = Float64Array;

export const BLANK_ROW = 0;

/** E.164 allows 15 digits; every such number is an exact integer in a double (2^53 has 16 digits). */
const MAX_E164_DIGITS = 15;

export function phoneCode(result: PhoneResult): number {
  if (!result.ok) return reasonCode(result.reason);
  const digits = result.e164.slice(1);
  if (digits.length > MAX_E164_DIGITS || !/^[1-9]\d*$/.test(digits)) return reasonCode('too long');
  return Number(digits);
}

export function reasonCode(reason: PhoneReason): number {
  return -(1 + PHONE_REASONS.indexOf(reason));
}

export const isUsableCode = (code: number): boolean => code > 0;
export const isProblemCode = (code: number): boolean => code < 0;

/** "+971501234567" for a usable code. */
export function codeE164(code: number): string {
  return '+' + String(code);
}

export function codeReason(code: number): PhoneReason {
  const reason = PHONE_REASONS[-code - 1];
  if (reason === undefined) throw new Error(`${code} is not a problem code`);
  return reason;
}
