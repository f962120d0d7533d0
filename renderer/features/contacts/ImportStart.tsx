import { FormattedMessage, useT } from '../../i18n';
import { intlLocale } from '../../i18n/format';
import { CountrySelect } from './CountrySelect';
import { PasteNumbers } from './PasteNumbers';

interface Props {
  busy: boolean;
  onChooseFile: () => void;
  onPaste: (text: string) => void;
  country: string;
  onCountry: (code: string) => void;
}

/** The empty state: what file to bring, and the three ways to bring it (dialog, drop, paste). */
export function ImportStart({ busy, onChooseFile, onPaste, country, onCountry }: Props) {
  const t = useT();
  // The example's appointments as the operator's language writes a date and time.
  const when = new Intl.DateTimeFormat(intlLocale(), { day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit' });
  return (
    <div className="card import-start" data-testid="contacts-empty">
      <h2>{t('contacts.start.title')}</h2>
      <div className="import-start-grid">
        <div>
          <p>
            <FormattedMessage id="contacts.start.formats" values={{ b: (chunks) => <b>{chunks}</b> }} />
          </p>
          <ul className="guide">
            <li>
              <FormattedMessage id="contacts.start.guidePhone" values={{ example: <bdi dir="ltr">+971 50 123 4567</bdi> }} />
            </li>
            <li>{t('contacts.start.guideColumns')}</li>
            <li>{t('contacts.start.guideHeader')}</li>
          </ul>
          <table className="example-sheet" aria-label={t('contacts.start.exampleLabel')}>
            <thead>
              <tr>
                <th>{t('contacts.start.exampleName')}</th>
                <th>{t('contacts.start.examplePhone')}</th>
                <th>{t('contacts.start.exampleAppointment')}</th>
              </tr>
            </thead>
            <tbody>
              <tr>
                <td>{t('contacts.start.examplePerson1')}</td>
                <td dir="ltr">+971 50 123 4567</td>
                <td>{when.format(new Date(2026, 4, 12, 10, 30))}</td>
              </tr>
              <tr>
                <td>{t('contacts.start.examplePerson2')}</td>
                <td dir="ltr">050 765 4321</td>
                <td>{when.format(new Date(2026, 4, 12, 11, 0))}</td>
              </tr>
            </tbody>
          </table>
        </div>
        <div className="drop-box">
          <button onClick={onChooseFile} disabled={busy}>
            {t('contacts.start.choose')}
          </button>
          <p className="muted">{t('contacts.start.orDrag')}</p>
        </div>
      </div>
      <label className="field country-field" htmlFor="import-country">
        <span>
          <FormattedMessage id="contacts.start.countryLabel" values={{ example: <bdi dir="ltr">050 765 4321</bdi> }} />
        </span>
        <CountrySelect id="import-country" value={country} onChange={onCountry} disabled={busy} emptyLabel={t('contacts.start.askAfter')} />
        <span className="muted small">{t(country ? 'contacts.start.countryChosen' : 'contacts.start.countryAsk')}</span>
      </label>
      <details className="paste-details">
        <summary>{t('contacts.start.pasteInstead')}</summary>
        <PasteNumbers onImport={onPaste} disabled={busy} />
      </details>
    </div>
  );
}
