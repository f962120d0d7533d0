import { useState } from 'react';
import type { ImportSummary } from '../../../src/shared/contract/contacts';
import { CountryReading } from './CountryReading';
import { ImportCounts } from './ImportCounts';
import { PasteNumbers } from './PasteNumbers';
import { useT } from '../../i18n';
import { describeSource } from './format';

interface Props {
  summary: ImportSummary;
  busy: boolean;
  onChooseFile: () => void;
  onPaste: (text: string) => void;
  onClear: () => void;
  onNext: () => void;
  /** Take the summary after the country was chosen or changed. */
  onApplied: (summary: ImportSummary) => void;
}

/** What was imported, how it came out, and what to do next. */
export function ImportSummaryCard({ summary, busy, onChooseFile, onPaste, onClear, onNext, onApplied }: Props) {
  const t = useT();
  const [pasting, setPasting] = useState(false);
  const valid = summary.counts.valid;
  const asking = summary.country.needed;
  return (
    <div className="card" data-testid="import-summary">
      <div className="summary-head">
        <div>
          <h2 data-testid="import-source">
            {summary.source.kind === 'paste' ? t('contacts.summary.pastedTitle') : <bdi dir="auto">{summary.source.name}</bdi>}
          </h2>
          <p className="muted small">{describeSource(summary, t)}</p>
        </div>
        {valid > 0 && !asking && (
          <button className="next" onClick={onNext} data-testid="next-message">
            {t('contacts.summary.next')}
          </button>
        )}
      </div>
      <ImportCounts counts={summary.counts} kept={summary.keptDuplicates} provisional={asking} />
      <CountryReading summary={summary} busy={busy} onApplied={onApplied} />
      {asking ? null : valid === 0 ? (
        <p className="warning" role="status">
          {t('contacts.summary.noneMessageable')}
        </p>
      ) : (
        <p className="success" role="status">
          {t('contacts.summary.willGet', { count: valid })}
        </p>
      )}
      <div className="actions">
        <button className="secondary" onClick={onChooseFile} disabled={busy}>
          {t('contacts.summary.importAnother')}
        </button>
        <button className="secondary" onClick={() => setPasting((p) => !p)} disabled={busy} aria-expanded={pasting}>
          {t('contacts.summary.paste')}
        </button>
        <button className="danger" onClick={onClear} disabled={busy}>
          {t('contacts.summary.clear')}
        </button>
      </div>
      {pasting && (
        <PasteNumbers
          disabled={busy}
          onImport={(text) => {
            setPasting(false);
            onPaste(text);
          }}
        />
      )}
    </div>
  );
}
