import { directionOf, pickLanguage, type Language } from '../../src/shared/languages';

// The language in use, for the formatting helpers (format.ts) that plain functions call without a component. The
// I18nProvider sets it before its children render; there is one language at a time in the window.
let active: Language = 'en';

export function activeLanguage(): Language {
  return active;
}

/** Sets the language in use: the formatters' locale and the document's lang and dir (right to left for Arabic). */
export function setActiveLanguage(language: Language): void {
  active = language;
  if (typeof document !== 'undefined') {
    document.documentElement.lang = language;
    document.documentElement.dir = directionOf(language);
  }
}

/** The browser's languages, most preferred first (in Electron, Chromium's, which follow the system). */
export function browserLanguages(): string[] {
  if (typeof navigator === 'undefined') return [];
  return navigator.languages?.length ? [...navigator.languages] : navigator.language ? [navigator.language] : [];
}

export const browserLanguage = (): Language => pickLanguage(browserLanguages());
