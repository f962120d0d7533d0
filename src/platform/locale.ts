import { isSupportedCountryCode } from '../core/phone';

/** The region of the system locale (e.g. en-GB -> GB): the best default country when nobody chose one. */
export function localeCountry(): string {
  const locale = Intl.DateTimeFormat().resolvedOptions().locale;
  const region = /[-_]([A-Z]{2})\b/.exec(locale)?.[1];
  return region && isSupportedCountryCode(region) ? region : 'US';
}
