import { useEffect, useState } from 'react';
import type { CampaignSummary, PacingDefaults } from '../../../src/shared/contract/campaign';
import { api } from '../../api';
import type { ScreenProps } from '../../screen-props';
import { newDraftId, useDraft } from '../message/draft';
import { formatSize } from '../message/formatSize';
import { useContactsSummary } from '../../useContactsSummary';
import { useTemplateCheck } from '../message/useTemplateCheck';
import { PacingForm } from './PacingForm';
import { fasterThanSafe, pacingProblems } from './pacing-check';
import { startBlockers } from './start-blockers';
import { ErrorNote } from '../../components/ErrorNote';
import { plural } from '../../components/plural';
import { SelectionAndTest, SelectionSummary, useContactSelection } from './ContactPicker';

interface Props extends Pick<ScreenProps, 'status' | 'go'> {
  onStarted: (campaign: CampaignSummary) => void;
}

/** Before sending: what goes to whom, how fast, and the Start button (with why it cannot be pressed yet). */
export function CampaignSetup({ status, go, onStarted }: Props) {
  const { draft, setDraft } = useDraft();
  const contacts = useContactsSummary();
  const check = useTemplateCheck(draft.template, draft.attachmentFileId, contacts.summary);
  const [defaults, setDefaults] = useState<PacingDefaults | null>(null);
  const [starting, setStarting] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const [defaultsProblem, setDefaultsProblem] = useState<string | null>(null);

  useEffect(() => {
    let live = true;
    void api.getPacingDefaults().then((r) => {
      if (!live) return;
      if (!r.ok) return setDefaultsProblem(`Could not load the safe sending settings: ${r.error.message}`);
      setDefaults(r.value);
      setDraft((d) => (d.pacing ? {} : { pacing: r.value.pacing }));
    });
    return () => {
      live = false;
    };
  }, []);

  const pacing = draft.pacing;
  const problems = pacing ? pacingProblems(pacing) : {};
  const blockers = startBlockers({
    status,
    contacts: contacts.summary,
    template: draft.template,
    check: check.check,
    pacingOk: pacing === null ? null : Object.keys(problems).length === 0,
    otherRunning: false,
  });
  const risky = pacing && defaults ? fasterThanSafe(pacing, defaults.pacing) : [];
  const selection = useContactSelection(contacts.summary?.counts.valid ?? 0);
  const people = selection.count ?? contacts.summary?.counts.valid ?? 0;

  async function start() {
    if (!pacing) return;
    setStarting(true);
    setProblem(null);
    const name = draft.campaignName;
    try {
      const r = await api.startCampaign({
        ...(name.trim() ? { name: name.trim() } : {}),
        template: draft.template,
        ...(draft.attachmentFileId ? { attachmentFileId: draft.attachmentFileId } : {}),
        pacing,
        draftId: draft.draftId,
        ...selection.request,
      });
      if (r.ok) {
        setDraft({ draftId: newDraftId(), campaignName: '' });
        onStarted(r.value);
      } else setProblem(`Could not start: ${r.error.message}`);
    } finally {
      setStarting(false);
    }
  }

  const firstLine = draft.template.split('\n')[0] ?? '';
  return (
    <>
      <div className="card">
        <h2>What will be sent</h2>
        <dl className="facts">
          <dt>To</dt>
          <dd data-testid="setup-contacts">
            {contacts.summary ? (
              <>
                {plural(contacts.summary.counts.valid, 'contact')} from <b>{contacts.summary.source.name}</b>
                <SelectionSummary selection={selection} />
              </>
            ) : (
              <span className="muted">no contacts imported</span>
            )}
          </dd>
          <dt>Message</dt>
          <dd>
            {draft.template.trim() ? (
              <span className="ellipsis-line">
                {firstLine}
                {draft.template.includes('\n') && ' …'}
              </span>
            ) : (
              <span className="muted">not written yet</span>
            )}{' '}
            <button className="link" onClick={() => go('message')}>
              Edit
            </button>
          </dd>
          {draft.attachment && (
            <>
              <dt>Attachment</dt>
              <dd data-testid="setup-attachment">
                {draft.attachment.name} ({formatSize(draft.attachment.size)})
              </dd>
            </>
          )}
        </dl>
        <SelectionAndTest selection={selection} draft={draft} status={status} />
        <label className="field name-field">
          <span>Campaign name (optional, shown in History)</span>
          <input
            type="text"
            value={draft.campaignName}
            maxLength={200}
            placeholder="e.g. March reminders"
            onChange={(e) => setDraft({ campaignName: e.target.value })}
          />
        </label>
      </div>

      <div className="card">
        <h2>Sending pace</h2>
        {pacing && defaults ? (
          <>
            <PacingForm pacing={pacing} defaults={defaults} problems={problems} onChange={(p) => setDraft({ pacing: p })} />
            <div className="actions">
              <button className="secondary" onClick={() => setDraft({ pacing: defaults.pacing })}>
                Use the safe defaults
              </button>
            </div>
            {risky.length > 0 && (
              <p className="warning" data-testid="risky-pacing">
                ⚠ Faster than the safe defaults ({risky.join(', ')}): the account is more likely to be banned.
              </p>
            )}
          </>
        ) : defaultsProblem ? (
          <ErrorNote message={defaultsProblem} />
        ) : (
          <p className="muted">Loading the safe defaults…</p>
        )}
      </div>

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
        <div className="actions">
          <button onClick={() => void start()} disabled={blockers.length > 0 || starting || people === 0}>
            {starting ? 'Starting…' : `Start sending${contacts.summary ? ` to ${people.toLocaleString()}` : ''}`}
          </button>
          {starting && <span className="muted">Preparing the campaign…</span>}
        </div>
        <ErrorNote message={problem} />
      </div>
    </>
  );
}
