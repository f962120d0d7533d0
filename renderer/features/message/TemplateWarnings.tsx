import { FormattedMessage, useT } from '../../i18n';
import { problemText, warningText } from './check-text';
import type { TemplateCheckState } from './useTemplateCheck';

const placeholders = (names: string[]) => names.map((p) => `{{${p}}}`).join(', ');

/** What to fix or know before starting: syntax errors block the start, the rest are warnings. */
export function TemplateWarnings({ state, template }: { state: TemplateCheckState; template: string }) {
  const t = useT();
  const { check, error } = state;
  if (!template.trim()) return null;
  if (error)
    return (
      <p className="error" role="alert">
        {t('message.check.failed', { error })}
      </p>
    );
  if (!check) return <p className="muted small">{t('message.check.checking')}</p>;

  const { errors, unknownPlaceholders, emptyFields, warnings, variants } = check;
  const clean = errors.length + unknownPlaceholders.length + emptyFields.total + warnings.length === 0;
  const more = emptyFields.total - emptyFields.sample.length;
  return (
    <div className="template-check" data-testid="template-check">
      {errors.map((e, i) => (
        <p key={`e${i}`} className="error">
          {'✖ '}
          <ProblemAt text={problemText(e, t)} template={template} index={e.index} />
        </p>
      ))}
      {unknownPlaceholders.length > 0 && (
        <p className="warning">
          {'⚠ '}
          {t('message.check.unknown', { count: unknownPlaceholders.length, names: placeholders(unknownPlaceholders) })}
        </p>
      )}
      {emptyFields.total > 0 && (
        <div className="warning">
          {'⚠ '}
          {t('message.check.empty', { count: emptyFields.total })}
          <ul className="small">
            {emptyFields.sample.map((s) => (
              <li key={s.row}>{t('message.check.emptyRow', { row: s.row, phone: `\u2066${s.phone}\u2069`, names: placeholders(s.placeholders) })}</li>
            ))}
            {more > 0 && <li>{t('message.check.emptyMore', { count: more })}</li>}
          </ul>
          <FormattedMessage
            id="message.check.addFallback"
            values={{ example: t('message.syntax.fallbackExample'), code: (chunks) => <code dir="auto">{chunks}</code> }}
          />
        </div>
      )}
      {warnings.map((w, i) => (
        <p key={`w${i}`} className="warning">
          {'⚠ '}
          {warningText(w, t)}
        </p>
      ))}
      {clean && <p className="success">{`✔ ${t('message.check.ready')}`}</p>}
      {errors.length === 0 && variants > 1 && (
        <p className="muted small">{variants >= 1e9 ? t('message.check.variantsBillion') : t('message.check.variants', { count: variants })}</p>
      )}
    </div>
  );
}

/** The problem, with a few characters around it so the operator can find it in a long message. */
function ProblemAt({ text, template, index }: { text: string; template: string; index: number }) {
  const from = Math.max(0, index - 12);
  const snippet = template.slice(from, index + 12).replace(/\n/g, ' ');
  if (!snippet) return <>{text}</>;
  return (
    <FormattedMessage
      id="message.check.near"
      values={{ problem: text, snippet: (from > 0 ? '…' : '') + snippet, code: (chunks) => <code dir="auto">{chunks}</code> }}
    />
  );
}
