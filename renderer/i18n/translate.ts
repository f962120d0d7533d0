import { createIntl, createIntlCache, type IntlShape } from 'react-intl';
import type { Language } from '../../src/shared/languages';
import type { MessageKey, Messages } from './messages';

/** Values a message's {placeholders} take: text, numbers, dates (ICU formats them in the active locale). */
export type MessageValues = Record<string, string | number | boolean | Date | null | undefined>;

/** A message by key, as plain text: for code outside components (labels, summaries) that is handed one. */
export type Translate = (id: MessageKey, values?: MessageValues) => string;

export function translateWith(intl: IntlShape): Translate {
  return (id, values) => intl.formatMessage({ id }, values);
}

const cache = createIntlCache();

/** A Translate without React (unit tests, plain functions): `translatorFor('en', en)`. */
export function translatorFor(language: Language, messages: Messages): Translate {
  return translateWith(createIntl({ locale: language, messages }, cache));
}
