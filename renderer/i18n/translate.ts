import { parse } from '@formatjs/icu-messageformat-parser';
import { createIntl, createIntlCache, type IntlShape } from 'react-intl';
import { bareArguments, withFormattedNumbers } from '../../src/shared/icu-args';
import { intlLocale, type Language } from '../../src/shared/languages';
import type { MessageKey, Messages } from './messages';

/** Values a message's {placeholders} take: text, numbers, dates (ICU formats them in the active locale). */
export type MessageValues = Record<string, string | number | boolean | Date | null | undefined>;

/** A message by key, as plain text: for code outside components (labels, summaries) that is handed one. */
export type Translate = (id: MessageKey, values?: MessageValues) => string;

const bareByMessage = new Map<string, Set<string>>();
function bareOf(message: unknown): Set<string> {
  if (typeof message !== 'string') return new Set();
  let bare = bareByMessage.get(message);
  if (!bare) {
    try {
      bare = bareArguments(parse(message));
    } catch {
      bare = new Set();
    }
    bareByMessage.set(message, bare);
  }
  return bare;
}

/** Numbers printed bare (`{count}`) are grouped as the language groups them, as `{count, number}` would be. */
export function translateWith(intl: IntlShape): Translate {
  return (id, values) =>
    intl.formatMessage(
      { id },
      withFormattedNumbers(values, bareOf(intl.messages[id]), (n) => intl.formatNumber(n)),
    );
}

const cache = createIntlCache();

/** A Translate without React (unit tests, plain functions): `translatorFor('en', en)`. */
export function translatorFor(language: Language, messages: Messages): Translate {
  return translateWith(createIntl({ locale: intlLocale(language), messages }, cache));
}
