import { useState } from 'react';
import type { PacingSettings } from '../../../src/shared/contract/campaign';
import { ErrorNote } from '../../components/ErrorNote';
import { useT, type MessageKey } from '../../i18n';
import type { ScreenKey, ScreenProps } from '../../screen-props';
import { EstimateLine, StartConfirm } from './StartConfirm';
import type { Blocker } from './start-blockers';
import type { StartEstimate } from './useStartEstimate';

/** Where each blocker is fixed, as the link to it says. */
const fixLabel: Partial<Record<ScreenKey, MessageKey>> = {
  connection: 'send.start.fix.connection',
  contacts: 'send.start.fix.contacts',
  message: 'send.start.fix.message',
};

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
  const t = useT();
  return (
    <div className="card start-card">
      {blockers.length > 0 && (
        <ul className="blockers" data-testid="start-blockers">
          {blockers.map((b) => (
            <li key={b.text}>
              {b.text}{' '}
              {b.fix && fixLabel[b.fix] && (
                <button className="link" onClick={() => go(b.fix!)}>
                  {t(fixLabel[b.fix]!)}
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
      {blockers.length === 0 && <EstimateLine estimate={estimate} pacing={pacing} />}
      <div className="actions">
        <button onClick={() => setConfirming(true)} disabled={blockers.length > 0 || starting || people === 0}>
          {starting ? t('send.start.starting') : people !== null ? t('send.start.buttonTo', { count: people }) : t('send.start.button')}
        </button>
        {starting && <span className="muted">{t('send.start.preparing')}</span>}
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
