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
  return (
    <div className="card import-start" data-testid="contacts-empty">
      <h2>Bring the list of people to message</h2>
      <div className="import-start-grid">
        <div>
          <p>
            Use a spreadsheet saved as <b>Excel</b> (.xlsx, .xls), <b>OpenDocument</b> (.ods) or <b>CSV</b> (.csv, .txt), with one person on each row:
          </p>
          <ul className="guide">
            <li>One column holds their mobile number, best written with the country code (+971 50 123 4567).</li>
            <li>Other columns, like a name or an appointment date, can be used in your message.</li>
            <li>A row with column names helps, but is not required; a title or notes above it are fine (they are not read as people).</li>
          </ul>
          <table className="example-sheet" aria-label="Example of a contact list">
            <thead>
              <tr>
                <th>Name</th>
                <th>Phone</th>
                <th>Appointment</th>
              </tr>
            </thead>
            <tbody>
              <tr>
                <td>Aisha</td>
                <td>+971 50 123 4567</td>
                <td>12 May, 10:30</td>
              </tr>
              <tr>
                <td>Omar</td>
                <td>050 765 4321</td>
                <td>12 May, 11:00</td>
              </tr>
            </tbody>
          </table>
        </div>
        <div className="drop-box">
          <button onClick={onChooseFile} disabled={busy}>
            Choose a file…
          </button>
          <p className="muted">or drag the file anywhere onto this page</p>
        </div>
      </div>
      <label className="field country-field" htmlFor="import-country">
        <span>Numbers written without a country code (like 050 765 4321) are in</span>
        <CountrySelect id="import-country" value={country} onChange={onCountry} disabled={busy} emptyLabel="Ask me after importing" />
        <span className="muted small">
          {country
            ? 'Used for the next file you import. '
            : 'The app then asks, with the likely country already selected, when the file has such numbers. '}
          You can change it after importing too.
        </span>
      </label>
      <details className="paste-details">
        <summary>Or paste numbers instead of a file</summary>
        <PasteNumbers onImport={onPaste} disabled={busy} />
      </details>
    </div>
  );
}
