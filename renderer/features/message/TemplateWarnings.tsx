import type { TemplateCheckState } from './useTemplateCheck';

/** What to fix or know before starting: syntax errors block the start, the rest are warnings. */
export function TemplateWarnings({ state, template }: { state: TemplateCheckState; template: string }) {
  const { check, error } = state;
  if (!template.trim()) return null;
  if (error)
    return (
      <p className="error" role="alert">
        Could not check the message: {error}
      </p>
    );
  if (!check) return <p className="muted small">Checking…</p>;

  const { errors, unknownPlaceholders, emptyFields, warnings, variants } = check;
  const clean = errors.length + unknownPlaceholders.length + emptyFields.total + warnings.length === 0;
  return (
    <div className="template-check" data-testid="template-check">
      {errors.map((e, i) => (
        <p key={`e${i}`} className="error">
          ✖ {e.message}
          {showAt(template, e.index)}
        </p>
      ))}
      {unknownPlaceholders.length > 0 && (
        <p className="warning">
          ⚠ No column called {unknownPlaceholders.map((p) => `{{${p}}}`).join(', ')} in the contact list: it will be sent empty. Use a chip above to
          insert a column name exactly.
        </p>
      )}
      {emptyFields.total > 0 && (
        <div className="warning">
          ⚠ {emptyFields.total.toLocaleString()} contact{emptyFields.total === 1 ? ' has' : 's have'} an empty value with no fallback:
          <ul className="small">
            {emptyFields.sample.map((s) => (
              <li key={s.row}>
                row {s.row} ({s.phone}): {s.placeholders.map((p) => `{{${p}}}`).join(', ')}
              </li>
            ))}
            {emptyFields.total > emptyFields.sample.length && <li>…and {(emptyFields.total - emptyFields.sample.length).toLocaleString()} more</li>}
          </ul>
          Add a fallback such as <code>{'{{name|there}}'}</code> so nobody gets a gap.
        </div>
      )}
      {warnings.map((w, i) => (
        <p key={`w${i}`} className="warning">
          ⚠ {w}
        </p>
      ))}
      {clean && <p className="success">✔ Ready: every contact gets a complete message.</p>}
      {errors.length === 0 && variants > 1 && (
        <p className="muted small">
          The spintax gives {variants >= 1e9 ? 'over a billion' : variants.toLocaleString()} different versions of this message.
        </p>
      )}
    </div>
  );
}

/** A few characters around a syntax error so the operator can find it in a long message. */
function showAt(template: string, index: number) {
  const from = Math.max(0, index - 12);
  const snippet = template.slice(from, index + 12).replace(/\n/g, ' ');
  return snippet ? (
    <>
      {' '}
      near <code>{(from > 0 ? '…' : '') + snippet}</code>
    </>
  ) : null;
}
