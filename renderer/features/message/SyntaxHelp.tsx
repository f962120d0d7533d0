/** The few rules an operator needs to write a personalised message, with an example each. */
export function SyntaxHelp() {
  return (
    <details className="syntax-help">
      <summary>How to personalise</summary>
      <table>
        <tbody>
          <tr>
            <td>
              <code>{'{{name}}'}</code>
            </td>
            <td>The contact's value in the column "name" (capitals and spaces do not matter).</td>
          </tr>
          <tr>
            <td>
              <code>{'{{name|there}}'}</code>
            </td>
            <td>Same, but writes "there" when that contact's cell is empty.</td>
          </tr>
          <tr>
            <td>
              <code>{'{Hi|Hello|Good day}'}</code>
            </td>
            <td>Picks one option per contact, so not every message is identical.</td>
          </tr>
          <tr>
            <td>
              <code>*bold*</code> <code>_italic_</code>
            </td>
            <td>WhatsApp formatting, sent as written.</td>
          </tr>
          <tr>
            <td>
              <code>{'\\{'}</code> <code>{'\\|'}</code>
            </td>
            <td>A literal brace or bar.</td>
          </tr>
        </tbody>
      </table>
    </details>
  );
}
