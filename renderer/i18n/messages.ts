import type en from './messages/en.json';
import type { Language } from '../../src/shared/languages';

/** Every message's key, from the English file: a key that is not there is a type error. */
export type MessageKey = keyof typeof en;
export type Messages = Record<MessageKey, string>;

// react-intl's ids are MessageKey too: <FormattedMessage id="..."> and intl.formatMessage({ id }) are checked.
declare global {
  // eslint-disable-next-line @typescript-eslint/no-namespace
  namespace FormatjsIntl {
    interface Message {
      ids: MessageKey;
    }
  }
}

/** Each language's file, loaded when it is first used (English, the fallback, with the app). */
const loaders: Record<Language, () => Promise<{ default: Messages }>> = {
  en: () => import('./messages/en.json'),
  es: () => import('./messages/es.json'),
  'pt-BR': () => import('./messages/pt-BR.json'),
  ar: () => import('./messages/ar.json'),
  hi: () => import('./messages/hi.json'),
  id: () => import('./messages/id.json'),
  fr: () => import('./messages/fr.json'),
};

/** A language's messages, with English under them (a key added in English only still shows something). */
export async function loadMessages(language: Language): Promise<Messages> {
  const english = (await loaders.en()).default;
  if (language === 'en') return english;
  return { ...english, ...(await loaders[language]()).default };
}
