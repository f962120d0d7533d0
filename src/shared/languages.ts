// The languages the app is translated into (issue 12), and how a system or browser language maps onto them. Pure:
// main (notifications, dialogs, the tray) and the renderer both use it.

/** Language codes as the message files name them (renderer/i18n/messages/<code>.json). */
export const LANGUAGES = ['en', 'es', 'pt-BR', 'ar', 'hi', 'id', 'fr'] as const;
export type Language = (typeof LANGUAGES)[number];

/** The operator's choice in Settings: a language, or whatever the system uses (the default). */
export const LANGUAGE_CHOICES = ['system', ...LANGUAGES] as const;
export type LanguageChoice = (typeof LANGUAGE_CHOICES)[number];

/** Each language's own name, as its speakers write it (the picker shows these, whatever the UI language). */
export const LANGUAGE_NAMES: Record<Language, string> = {
  en: 'English',
  es: 'Español',
  'pt-BR': 'Português (Brasil)',
  ar: 'العربية',
  hi: 'हिन्दी',
  id: 'Bahasa Indonesia',
  fr: 'Français',
};

/** Languages written right to left. */
const RTL: ReadonlySet<Language> = new Set<Language>(['ar']);

export function directionOf(language: Language): 'rtl' | 'ltr' {
  return RTL.has(language) ? 'rtl' : 'ltr';
}

/**
 * One BCP 47 tag ("pt-PT", "es_419", "ar-EG", "en-US") to one of ours, or null. Any Portuguese is pt-BR (the only
 * Portuguese the app has), any Spanish es, and so on by the primary subtag.
 */
export function matchLanguage(tag: string): Language | null {
  const primary = tag.trim().replace(/_/g, '-').split('-')[0]?.toLowerCase() ?? '';
  if (primary === 'pt') return 'pt-BR';
  if (primary === 'in') return 'id'; // the old code for Indonesian, still sent by some systems
  return (LANGUAGES as readonly string[]).includes(primary) ? (primary as Language) : null;
}

/** The first of the system's (or browser's) preferred languages that the app has; English when none. */
export function pickLanguage(preferred: readonly string[]): Language {
  for (const tag of preferred) {
    const match = matchLanguage(tag);
    if (match) return match;
  }
  return 'en';
}

/** The language in use: the operator's choice, or the system's when they chose "System language". */
export function resolveLanguage(choice: LanguageChoice | undefined, systemPreferred: readonly string[]): Language {
  return choice && choice !== 'system' ? choice : pickLanguage(systemPreferred);
}

/**
 * The Intl locale a language formats with. Arabic is shown with Western digits (0-9, "ar-u-nu-latn"): phone numbers,
 * the spreadsheets and WhatsApp itself show them so, and one figure written two ways on one screen would confuse.
 */
export function intlLocale(language: Language): string {
  return language === 'ar' ? 'ar-u-nu-latn' : language;
}
