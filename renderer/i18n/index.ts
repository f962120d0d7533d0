// The renderer's i18n (issue 12): see README.md here.
export { FormattedMessage, useIntl } from 'react-intl';
export { I18nProvider, startLanguage, useLanguage, useT } from './I18nProvider';
export type { MessageKey, Messages } from './messages';
export { translatorFor, type MessageValues, type Translate } from './translate';
export { activeLanguage } from './active-locale';
