import type { App } from 'electron';

/**
 * The system's preferred languages, most preferred first, for the app's language when the operator left it on
 * "System language" (src/shared/languages.ts). getPreferredSystemLanguages() lists what the operating system is
 * set to (it can be empty on Linux without a LANGUAGE); getLocale() is Chromium's own choice, always set.
 */
export function systemLanguages(app: Pick<App, 'getPreferredSystemLanguages' | 'getLocale'>): string[] {
  const preferred = app.getPreferredSystemLanguages().filter((tag) => tag.trim() !== '');
  return preferred.length > 0 ? preferred : [app.getLocale()];
}
