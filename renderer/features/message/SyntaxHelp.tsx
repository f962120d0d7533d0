import { useT } from '../../i18n';

/** The few rules an operator needs to write a personalised message, with an example each (in the operator's words). */
export function SyntaxHelp() {
  const t = useT();
  return (
    <details className="syntax-help">
      <summary>{t('message.syntax.title')}</summary>
      <table>
        <tbody>
          <tr>
            <td>
              <code dir="auto">{t('message.syntax.fieldExample')}</code>
            </td>
            <td>{t('message.syntax.field')}</td>
          </tr>
          <tr>
            <td>
              <code dir="auto">{t('message.syntax.fallbackExample')}</code>
            </td>
            <td>{t('message.syntax.fallback')}</td>
          </tr>
          <tr>
            <td>
              <code dir="auto">{t('message.syntax.spinExample')}</code>
            </td>
            <td>{t('message.syntax.spin')}</td>
          </tr>
          <tr>
            <td>
              <code dir="auto">{t('message.syntax.boldExample')}</code> <code dir="auto">{t('message.syntax.italicExample')}</code>
            </td>
            <td>{t('message.syntax.format')}</td>
          </tr>
          <tr>
            <td>
              <code dir="ltr">{'\\{'}</code> <code dir="ltr">{'\\|'}</code>
            </td>
            <td>{t('message.syntax.literal')}</td>
          </tr>
        </tbody>
      </table>
    </details>
  );
}
