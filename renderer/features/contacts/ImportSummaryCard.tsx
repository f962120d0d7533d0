import { useState } from 'react';
import type { ImportSummary } from '../../../src/shared/contract/contacts';
import { CountryReading } from './CountryReading';
import { ImportCounts } from './ImportCounts';
import { PasteNumbers } from './PasteNumbers';
import { describeSource, plural } from './format';

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
  const [pasting, setPasting] = useState(false);
  const valid = summary.counts.valid;
  const asking = summary.country.needed;
  return (
    <div className="card" data-testid="import-summary">
      <div className="summary-head">
        <div>
          <h2 data-testid="import-source">{summary.source.kind === 'paste' ? 'Pasted numbers' : summary.source.name}</h2>
          <p className="muted small">{describeSource(summary)}</p>
        </div>
        {valid > 0 && !asking && (
          <button className="next" onClick={onNext} data-testid="next-message">
            Next: write the message →
          </button>
        )}
      </div>
      <ImportCounts counts={summary.counts} kept={summary.keptDuplicates} provisional={asking} />
      <CountryReading summary={summary} busy={busy} onApplied={onApplied} />
      {asking ? null : valid === 0 ? (
        <p className="warning" role="status">
          No one on this list can be messaged yet. Check the phone column and the country below, or fix the problem rows in the file and import it
          again.
        </p>
      ) : (
        <p className="success" role="status">
          {plural(valid, 'person', 'people')} will get your message.
        </p>
      )}
      <div className="actions">
        <button className="secondary" onClick={onChooseFile} disabled={busy}>
          Import another file…
        </button>
        <button className="secondary" onClick={() => setPasting((p) => !p)} disabled={busy} aria-expanded={pasting}>
          Paste numbers…
        </button>
        <button className="danger" onClick={onClear} disabled={busy}>
          Clear the list
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
