import { createContext, useContext, useMemo, useState, type ReactNode } from 'react';
import { IntlProvider, useIntl } from 'react-intl';
import type { AppInfo, Settings, SettingsChange } from '../../src/shared/contract/connection';
import { intlLocale, pickLanguage, resolveLanguage, type Language, type LanguageChoice } from '../../src/shared/languages';
import type { Result } from '../../src/shared/result';
import { browserLanguages, setActiveLanguage } from './active-locale';
import { loadMessages, type Messages } from './messages';
import { setSaidLanguage } from './said';
import { translateWith, type Translate } from './translate';

export interface LanguageState {
  /** What the operator chose in Settings ('system' until they choose). */
  choice: LanguageChoice;
  /** The language in use. */
  language: Language;
  /** What "System language" means here: the system's (desktop) or the browser's (browser host). */
  systemLanguage: Language;
}

interface LanguageContextValue extends LanguageState {
  /** Saves the choice in the settings (settings.json) and switches the window to it. */
  choose(choice: LanguageChoice): Promise<Result<Settings>>;
}

const LanguageContext = createContext<LanguageContextValue | null>(null);

/** What the provider needs of main: the saved choice, the system's languages, and saving a new choice. */
export interface SettingsAccess {
  getSettings(): Promise<Result<Settings>>;
  getAppInfo(): Promise<Result<AppInfo>>;
  updateSettings(change: SettingsChange): Promise<Result<Settings>>;
}

export interface I18nStart extends LanguageState {
  messages: Messages;
  access: SettingsAccess;
}

/**
 * The language to open in: the choice saved in the settings, else the system's. Asked of main before the first
 * paint, so the window never flashes in English; if main does not answer within 3 s (the browser host restarting),
 * the browser's language is used and the page works all the same.
 */
export async function startLanguage(api: SettingsAccess): Promise<I18nStart> {
  const asked = Promise.all([api.getSettings(), api.getAppInfo()]).then(([settings, info]) => ({
    choice: settings.ok ? settings.value.language : ('system' as const),
    system: info.ok && info.value.systemLanguages.length > 0 ? info.value.systemLanguages : browserLanguages(),
  }));
  const late = new Promise<null>((resolve) => setTimeout(() => resolve(null), 3000));
  const known = await Promise.race([asked.catch(() => null), late]);
  const choice = known?.choice ?? 'system';
  const systemLanguage = pickLanguage(known?.system ?? browserLanguages());
  const language = resolveLanguage(choice, [systemLanguage]);
  setActiveLanguage(language);
  const messages = await loadMessages(language);
  setSaidLanguage(language, messages);
  return { choice, language, systemLanguage, messages, access: api };
}

/** The app's messages and formats in the operator's language, and the language switch for Settings. */
export function I18nProvider({ start, children }: { start: I18nStart; children: ReactNode }) {
  const [state, setState] = useState(start);
  const value = useMemo<LanguageContextValue>(
    () => ({
      choice: state.choice,
      language: state.language,
      systemLanguage: state.systemLanguage,
      async choose(choice) {
        const saved = await state.access.updateSettings({ language: choice });
        if (!saved.ok) return saved;
        const language = resolveLanguage(choice, [state.systemLanguage]);
        const messages = await loadMessages(language);
        setActiveLanguage(language);
        setSaidLanguage(language, messages);
        setState((current) => ({ ...current, choice, language, messages }));
        return saved;
      },
    }),
    [state],
  );
  return (
    <LanguageContext.Provider value={value}>
      <IntlProvider locale={intlLocale(state.language)} defaultLocale="en" messages={state.messages}>
        {children}
      </IntlProvider>
    </LanguageContext.Provider>
  );
}

export function useLanguage(): LanguageContextValue {
  const value = useContext(LanguageContext);
  if (!value) throw new Error('useLanguage outside I18nProvider');
  return value;
}

/** `const t = useT(); t('contacts.import.title', { count })`: a message as plain text in the active language. */
export function useT(): Translate {
  const intl = useIntl();
  return useMemo(() => translateWith(intl), [intl]);
}
