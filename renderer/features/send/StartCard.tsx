import { useState } from 'react';
import type { PacingSettings } from '../../../src/shared/contract/campaign';
import { ErrorNote } from '../../components/ErrorNote';
import type { ScreenProps } from '../../screen-props';
import { EstimateLine, StartConfirm } from './StartConfirm';
import type { Blocker } from './start-blockers';
import type { StartEstimate } from './useStartEstimate';

interface Props extends Pick<ScreenProps, 'go'> {
  blockers: Blocker[];
  estimate: StartEstimate | null;
  pacing: PacingSettings | null;
  /** How many people the campaign would message; null while no contacts are imported. */
  people: number | null;
  source: string | null;
  attachment: string | null;
  name: string;
  starting: boolean;
  problem: string | null;
  /** Really start (the operator confirmed). */
  onStart: () => void;
}

/**
 * Why Start cannot be pressed yet, or the estimate and the Start button; Start asks first, with the figures
 * (StartConfirm), so nothing is sent by a stray click.
 */
export function StartCard({ go, blockers, estimate, pacing, people, source, attachment, name, starting, problem, onStart }: Props) {
  const [confirming, setConfirming] = useState(false);
  return (
    <div className="card start-card">
      {blockers.length > 0 && (
        <ul className="blockers" data-testid="start-blockers">
          {blockers.map((b) => (
            <li key={b.text}>
              {b.text}{' '}
              {b.fix && (
                <button className="link" onClick={() => go(b.fix!)}>
                  Go to {b.fix}
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
      {blockers.length === 0 && <EstimateLine estimate={estimate} pacing={pacing} />}
      <div className="actions">
        <button onClick={() => setConfirming(true)} disabled={blockers.length > 0 || starting || people === 0}>
          {starting ? 'Starting…' : `Start sending${people !== null ? ` to ${people.toLocaleString()}` : ''}`}
        </button>
        {starting && <span className="muted">Preparing the campaign…</span>}
      </div>
      <ErrorNote message={problem} />
      {pacing && people !== null && (
        <StartConfirm
          open={confirming}
          onStart={() => {
            setConfirming(false);
            onStart();
          }}
          onCancel={() => setConfirming(false)}
          people={people}
          source={source}
          estimate={estimate}
          pacing={pacing}
          attachment={attachment}
          name={name}
        />
      )}
    </div>
  );
}
