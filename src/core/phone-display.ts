import { parsePhoneNumberFromString } from 'libphonenumber-js/max';

/** An E.164 number written as people read it, "+44 7400 123456"; the E.164 itself when it cannot be formatted. */
export function displayPhone(e164: string): string {
  return parsePhoneNumberFromString(e164)?.formatInternational() ?? e164;
}
