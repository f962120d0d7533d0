import { useState } from 'react';
import type { CampaignSummary, PacingSettings } from '../../../src/shared/contract/campaign';
import { api } from '../../api';
import { ErrorNote } from '../../components/ErrorNote';
import { useT } from '../../i18n';
import { formatHours } from './format';
import { useSafePacingDefaults } from './PaceCard';
import { PacingForm } from './PacingForm';
import { pacingProblems, riskyWarning } from './pacing-check';

interface Props {
  campaign: CampaignSummary;
  onSaved: (campaign: CampaignSummary) => void;
  onClose: () => void;
}

/** "Change the pace…" while nothing is being sent (paused, or waiting for the sending hours, the cap, WhatsApp). */
export function PaceControl({ campaign, onSaved }: Pick<Props, 'campaign' | 'onSaved'>) {
  const [editing, setEditing] = useState(false);
  const t = useT();
  const { state } = campaign;
  const editable = ((state === 'paused' || state === 'interrupted') && campaign.resumable) || state === 'waiting';
  if (!editable) return null;
  if (editing) return <PaceEdit campaign={campaign} onSaved={onSaved} onClose={() => setEditing(false)} />;
  return (
    <div className="actions">
      <button className="secondary" onClick={() => setEditing(true)}>
        {t('send.pacing.change')}
      </button>
      <span className="muted small">
        {t('send.pacing.now', { min: campaign.pacing.minDelaySec, max: campaign.pacing.maxDelaySec, hours: formatHours(campaign.pacing.window, t) })}
      </span>
    </div>
  );
}

/**
 * The pace of a paused or waiting campaign, editable: the same form as before the start, filled with what the
 * campaign uses now. Saved in the campaign's files, so it holds after a restart too; it applies from the next send.
 */
export function PaceEdit({ campaign, onSaved, onClose }: Props) {
  const [pacing, setPacing] = useState<PacingSettings>(campaign.pacing);
  const { defaults, problem: defaultsProblem } = useSafePacingDefaults();
  const [saving, setSaving] = useState(false);
  const [saveProblem, setProblem] = useState<string | null>(null);
  // Saving needs the defaults, so a save problem and a defaults problem never stand together.
  const problem = saveProblem ?? defaultsProblem;
  const t = useT();

  const problems = pacingProblems(pacing, t);
  const risky = defaults ? riskyWarning(pacing, defaults.pacing, t) : null;

  async function save() {
    setSaving(true);
    setProblem(null);
    try {
      const r = await api.editCampaignPacing(campaign.id, pacing);
      if (!r.ok) return setProblem(t('send.pacing.saveFailed', { reason: r.error.message }));
      onSaved(r.value);
      onClose();
    } finally {
      setSaving(false);
    }
  }

  return (
    <div className="pace-edit" data-testid="pace-edit">
      <h3>{t('send.pacing.editTitle')}</h3>
      <p className="muted small">{t('send.pacing.editNote')}</p>
      {defaults ? (
        <PacingForm pacing={pacing} defaults={defaults} problems={problems} onChange={setPacing} />
      ) : (
        !problem && <p className="muted">{t('send.pacing.loading')}</p>
      )}
      {risky && (
        <p className="warning" data-testid="risky-pacing">
          {risky}
        </p>
      )}
      <ErrorNote message={problem} />
      <div className="actions">
        <button onClick={() => void save()} disabled={saving || Object.keys(problems).length > 0 || !defaults}>
          {saving ? t('send.pacing.saving') : t('send.pacing.save')}
        </button>
        <button className="secondary" onClick={onClose} disabled={saving}>
          {t('send.pacing.cancel')}
        </button>
      </div>
    </div>
  );
}
