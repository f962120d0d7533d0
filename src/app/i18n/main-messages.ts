/**
 * The main process's words in the operator's language (issue 12): notifications, the tray, the close question, the
 * file dialogs' filters, the menu and the failure dialogs take their text from the renderer's message files
 * (renderer/i18n/messages, bundled into main by esbuild), formatted with intl-messageformat as react-intl does in the
 * page. The CLI and the log file stay in English.
 */
import { IntlMessageFormat } from 'intl-messageformat';
import ar from '../../../renderer/i18n/messages/ar.json';
import en from '../../../renderer/i18n/messages/en.json';
import es from '../../../renderer/i18n/messages/es.json';
import fr from '../../../renderer/i18n/messages/fr.json';
import hi from '../../../renderer/i18n/messages/hi.json';
import id from '../../../renderer/i18n/messages/id.json';
import ptBR from '../../../renderer/i18n/messages/pt-BR.json';
import { bareArguments, withFormattedNumbers } from '../../shared/icu-args';
import { intlLocale, resolveLanguage, type Language, type LanguageChoice } from '../../shared/languages';

export type MainKey = keyof typeof en;
export type MainValues = Record<string, string | number>;
/** A message by key in one language, as plain text. */
export type MainTranslate = (key: MainKey, values?: MainValues) => string;

const files: Record<Language, Partial<Record<MainKey, string>>> = { en, es, 'pt-BR': ptBR, ar, hi, id, fr };
const formats = new Map<string, IntlMessageFormat>();

export function mainTranslator(language: Language): MainTranslate {
  return (key, values) => {
    const cacheKey = `${language}\u0000${key}`;
    let format = formats.get(cacheKey);
    if (!format) {
      format = new IntlMessageFormat(files[language][key] ?? en[key], intlLocale(language));
      formats.set(cacheKey, format);
    }
    const numbers = new Intl.NumberFormat(intlLocale(language));
    return String(format.format(withFormattedNumbers(values, bareArguments(format.getAst()), (n) => numbers.format(n))));
  };
}

/** English: the default where no language is known (tests, before the settings are read). */
export const inEnglish: MainTranslate = mainTranslator('en');

/**
 * The language main speaks now: the operator's choice in Settings, or the system's. `t` always translates into the
 * current one; listeners hear each change (the menu and the tray are rebuilt).
 */
export class MainLanguage {
  private language: Language;
  private translate: MainTranslate;
  private readonly listeners = new Set<() => void>();

  constructor(
    private readonly systemLanguages: readonly string[],
    choice: LanguageChoice = 'system',
  ) {
    this.language = resolveLanguage(choice, systemLanguages);
    this.translate = mainTranslator(this.language);
  }

  readonly t: MainTranslate = (key, values) => this.translate(key, values);

  get current(): Language {
    return this.language;
  }

  /** The operator's choice (settings.json); a change of language tells the listeners. */
  choose(choice: LanguageChoice): void {
    const next = resolveLanguage(choice, this.systemLanguages);
    if (next === this.language) return;
    this.language = next;
    this.translate = mainTranslator(next);
    for (const listener of this.listeners) listener();
  }

  onChange(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}
