import { useEffect, useState } from 'react';
import type { PacingDefaults, PacingSettings } from '../../../src/shared/contract/campaign';
import { api } from '../../api';
import { ErrorNote } from '../../components/ErrorNote';
import { useT } from '../../i18n';
import { PacingForm } from './PacingForm';
import { riskyWarning } from './pacing-check';

/** The safe defaults from main, or why they could not be had. */
export function useSafePacingDefaults(): { defaults: PacingDefaults | null; problem: string | null } {
  const [defaults, setDefaults] = useState<PacingDefaults | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const t = useT();
  useEffect(() => {
    let live = true;
    void api.getPacingDefaults().then((r) => {
      if (!live) return;
      if (!r.ok) return setProblem(t('send.pacing.defaultsFailed', { reason: r.error.message }));
      setDefaults(r.value);
    });
    return () => {
      live = false;
    };
  }, []);
  return { defaults, problem };
}

/**
 * The safe defaults from main, and the draft's pacing set to them when it has none (a first start, or a discarded
 * draft); a kept draft's own pacing is left as it is.
 */
export function usePacingDefaults(pacing: PacingSettings | null, setPacing: (p: PacingSettings) => void) {
  const { defaults, problem } = useSafePacingDefaults();
  useEffect(() => {
    if (defaults && !pacing) setPacing(defaults.pacing);
  }, [defaults, pacing]);
  return { defaults, problem };
}

interface Props {
  pacing: PacingSettings | null;
  defaults: PacingDefaults | null;
  defaultsProblem: string | null;
  problems: Partial<Record<keyof PacingSettings, string>>;
  onChange: (pacing: PacingSettings) => void;
}

/** How fast to send: the form, a way back to the safe defaults, and a warning when faster than them. */
export function PaceCard({ pacing, defaults, defaultsProblem, problems, onChange }: Props) {
  const t = useT();
  const risky = pacing && defaults ? riskyWarning(pacing, defaults.pacing, t) : null;
  return (
    <div className="card">
      <h2>{t('send.pacing.title')}</h2>
      {pacing && defaults ? (
        <>
          <PacingForm pacing={pacing} defaults={defaults} problems={problems} onChange={onChange} />
          <div className="actions">
            <button className="secondary" onClick={() => onChange(defaults.pacing)}>
              {t('send.pacing.useDefaults')}
            </button>
          </div>
          {risky && (
            <p className="warning" data-testid="risky-pacing">
              {risky}
            </p>
          )}
        </>
      ) : defaultsProblem ? (
        <ErrorNote message={defaultsProblem} />
      ) : (
        <p className="muted">{t('send.pacing.loadingDefaults')}</p>
      )}
    </div>
  );
}
