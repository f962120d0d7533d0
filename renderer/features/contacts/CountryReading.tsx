import { useEffect, useState } from 'react';
import type { ImportSummary } from '../../../src/shared/contract/contacts';
import { api } from '../../api';
import { ErrorNote } from '../../components/ErrorNote';
import { CountrySelect, useCountryLabel } from './CountrySelect';
import { FormattedMessage, useT } from '../../i18n';

interface Props {
  summary: ImportSummary;
  busy: boolean;
  onApplied: (summary: ImportSummary) => void;
}

/**
 * The country of numbers written without a country code. Not chosen yet for this file: a question, with the
 * country most of the numbers are mobiles of selected, that must be answered before sending. Chosen: which country
 * was used, and a way to change it (every number is read again).
 */
export function CountryReading({ summary, busy, onApplied }: Props) {
  const t = useT();
  const { country } = summary;
  const suggested = country.likely ?? summary.defaultCountry;
  const [choice, setChoice] = useState(suggested);
  const [changing, setChanging] = useState(false);
  const [applying, setApplying] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const usedLabel = useCountryLabel(summary.defaultCountry);
  const likelyLabel = useCountryLabel(suggested);

  // Another file (or another phone column) starts from its own likely country.
  useEffect(() => {
    setChoice(suggested);
    setChanging(false);
  }, [suggested, summary.source.name]);

  if (country.withoutCode === 0) return null;

  async function apply(code: string) {
    setApplying(true);
    setProblem(null);
    try {
      const r = await api.setColumnMapping({ defaultCountry: code });
      if (r.ok) onApplied(r.value);
      else setProblem(t('contacts.country.readAgainFailed', { file: summary.source.name, message: r.error.message }));
    } finally {
      setApplying(false);
      setChanging(false);
    }
  }

  // "6 numbers in uk.csv have no country code…", "2 of the pasted numbers have no country code…".
  const question =
    summary.source.kind === 'paste'
      ? t('contacts.country.questionPasted', { count: country.withoutCode })
      : t('contacts.country.questionFile', { count: country.withoutCode, file: summary.source.name });
  if (country.needed) {
    return (
      <div className="country-question" role="group" aria-labelledby="country-question-title" data-testid="country-question">
        <h3 id="country-question-title">{t('contacts.country.title')}</h3>
        <p>
          {question} {country.likely ? t('contacts.country.likely', { country: likelyLabel }) : t('contacts.country.noLikely')}
        </p>
        <div className="country-question-row">
          <CountrySelect
            id="country-question-select"
            value={choice}
            onChange={setChoice}
            disabled={busy || applying}
            label={t('contacts.country.selectLabel')}
          />
          <button onClick={() => void apply(choice)} disabled={busy || applying || choice === ''} data-testid="country-confirm">
            {t(applying ? 'contacts.country.reading' : 'contacts.country.use')}
          </button>
        </div>
        <p className="muted small">{t('contacts.country.provisional', { country: usedLabel })}</p>
        <ErrorNote message={problem} />
      </div>
    );
  }
  return (
    <div className="country-note" data-testid="country-note">
      <p className="muted small">
        <FormattedMessage id="contacts.country.used" values={{ country: usedLabel, b: (chunks) => <b>{chunks}</b> }} />
      </p>
      {changing ? (
        <CountrySelect
          id="country-change-select"
          value={summary.defaultCountry}
          onChange={(code) => code && code !== summary.defaultCountry && void apply(code)}
          disabled={busy || applying}
          label={t('contacts.country.changeLabel')}
        />
      ) : (
        <button className="link-button small" onClick={() => setChanging(true)} disabled={busy || applying}>
          {t('contacts.country.change')}
        </button>
      )}
      {applying && <span className="muted small">{t('contacts.country.readingAgain')}</span>}
      <ErrorNote message={problem} />
    </div>
  );
}
