import { useEffect, useState } from 'react';
import type { CampaignSummary, PacingDefaults, PacingSettings } from '../../../src/shared/contract/campaign';
import { api } from '../../api';
import { ErrorNote } from '../../components/ErrorNote';
import { PacingForm } from './PacingForm';
import { fasterThanSafe, pacingProblems } from './pacing-check';

interface Props {
  campaign: CampaignSummary;
  onSaved: (campaign: CampaignSummary) => void;
  onClose: () => void;
}

/** "Change the pace…" while nothing is being sent (paused, or waiting for the sending hours, the cap, WhatsApp). */
export function PaceControl({ campaign, onSaved }: Pick<Props, 'campaign' | 'onSaved'>) {
  const [editing, setEditing] = useState(false);
  const { state } = campaign;
  const editable = ((state === 'paused' || state === 'interrupted') && campaign.resumable) || state === 'waiting';
  if (!editable) return null;
  if (editing) return <PaceEdit campaign={campaign} onSaved={onSaved} onClose={() => setEditing(false)} />;
  return (
    <div className="actions">
      <button className="secondary" onClick={() => setEditing(true)}>
        Change the pace…
      </button>
      <span className="muted small">
        Now {campaign.pacing.minDelaySec}-{campaign.pacing.maxDelaySec} s between messages
        {campaign.pacing.window ? `, ${campaign.pacing.window.startHour}:00-${campaign.pacing.window.endHour}:00` : ', any hour'}.
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
  const [defaults, setDefaults] = useState<PacingDefaults | null>(null);
  const [saving, setSaving] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);

  useEffect(() => {
    let live = true;
    void api.getPacingDefaults().then((r) => {
      if (!live) return;
      if (r.ok) setDefaults(r.value);
      else setProblem(`Could not load the safe sending settings: ${r.error.message}`);
    });
    return () => {
      live = false;
    };
  }, []);

  const problems = pacingProblems(pacing);
  const risky = defaults ? fasterThanSafe(pacing, defaults.pacing) : [];

  async function save() {
    setSaving(true);
    setProblem(null);
    try {
      const r = await api.editCampaignPacing(campaign.id, pacing);
      if (!r.ok) return setProblem(`Could not change the pace: ${r.error.message}`);
      onSaved(r.value);
      onClose();
    } finally {
      setSaving(false);
    }
  }

  return (
    <div className="pace-edit" data-testid="pace-edit">
      <h3>Change the pace</h3>
      <p className="muted small">
        The new pace is saved with this campaign and used from the next message on, now and after a restart. Contacts already sent to are not
        affected.
      </p>
      {defaults ? (
        <PacingForm pacing={pacing} defaults={defaults} problems={problems} onChange={setPacing} />
      ) : (
        !problem && <p className="muted">Loading…</p>
      )}
      {risky.length > 0 && (
        <p className="warning" data-testid="risky-pacing">
          ⚠ Faster than the safe defaults ({risky.join(', ')}): the account is more likely to be banned.
        </p>
      )}
      <ErrorNote message={problem} />
      <div className="actions">
        <button onClick={() => void save()} disabled={saving || Object.keys(problems).length > 0 || !defaults}>
          {saving ? 'Saving…' : 'Save the new pace'}
        </button>
        <button className="secondary" onClick={onClose} disabled={saving}>
          Cancel
        </button>
      </div>
    </div>
  );
}
