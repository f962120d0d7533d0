import { useEffect, useState } from 'react';
import type { ImportSummary } from '../../../src/shared/contract/contacts';
import { api } from '../../api';
import { ErrorNote } from '../../components/ErrorNote';
import { CountrySelect, useCountryLabel } from './CountrySelect';
import { formatCount, plural } from './format';

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
      else setProblem(`Could not read ${summary.source.name} again with that country: ${r.error.message}`);
    } finally {
      setApplying(false);
      setChanging(false);
    }
  }

  const have = country.withoutCode === 1 ? 'has' : 'have';
  // "6 numbers in uk.csv have", "2 of the pasted numbers have".
  const which =
    summary.source.kind === 'paste'
      ? `${formatCount(country.withoutCode)} of the pasted numbers`
      : `${plural(country.withoutCode, 'number')} in ${summary.source.name}`;
  if (country.needed) {
    return (
      <div className="country-question" role="group" aria-labelledby="country-question-title" data-testid="country-question">
        <h3 id="country-question-title">Which country are these numbers from?</h3>
        <p>
          {which} {have} no country code (such as +44 or +1), so the country decides who gets the message.
          {country.likely
            ? ` Most of them are mobile numbers in ${likelyLabel}, so it is selected.`
            : ' None of them is a mobile number of any one country: check the phone column, then choose the country.'}
        </p>
        <div className="country-question-row">
          <CountrySelect
            id="country-question-select"
            value={choice}
            onChange={setChoice}
            disabled={busy || applying}
            label="Country of the numbers without a country code"
          />
          <button onClick={() => void apply(choice)} disabled={busy || applying || choice === ''} data-testid="country-confirm">
            {applying ? 'Reading the numbers…' : 'Use this country'}
          </button>
        </div>
        <p className="muted small">The counts above read them as {usedLabel} until you choose.</p>
        <ErrorNote message={problem} />
      </div>
    );
  }
  return (
    <div className="country-note" data-testid="country-note">
      <p className="muted small">
        Numbers without a country code were read as <b>{usedLabel}</b>.
      </p>
      {changing ? (
        <CountrySelect
          id="country-change-select"
          value={summary.defaultCountry}
          onChange={(code) => code && code !== summary.defaultCountry && void apply(code)}
          disabled={busy || applying}
          label="Read the numbers without a country code as"
        />
      ) : (
        <button className="link-button small" onClick={() => setChanging(true)} disabled={busy || applying}>
          Change country
        </button>
      )}
      {applying && <span className="muted small">Reading every number again…</span>}
      <ErrorNote message={problem} />
    </div>
  );
}
