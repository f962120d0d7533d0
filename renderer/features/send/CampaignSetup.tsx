import { useState } from 'react';
import type { CampaignSummary } from '../../../src/shared/contract/campaign';
import { api } from '../../api';
import type { ScreenProps } from '../../screen-props';
import { useDraft } from '../message/draft';
import { DraftBar } from '../message/DraftBar';
import { formatSize } from '../message/formatSize';
import { useContactsSummary } from '../../useContactsSummary';
import { FormattedMessage, useT } from '../../i18n';
import { formatDateTime } from '../../i18n/format';
import { useTemplateCheck } from '../message/useTemplateCheck';
import { PaceCard, usePacingDefaults } from './PaceCard';
import { pacingProblems } from './pacing-check';
import { startBlockers } from './start-blockers';
import { StartCard } from './StartCard';
import { useStartEstimate } from './useStartEstimate';
import { SelectionAndTest, SelectionSummary, useContactSelection } from './ContactPicker';
import { ScheduleStart, useScheduleStart } from './ScheduleStart';

interface Props extends Pick<ScreenProps, 'status' | 'go'> {
  onStarted: (campaign: CampaignSummary) => void;
}

/** Before sending: what goes to whom, how fast, and the Start button (with why it cannot be pressed yet). */
export function CampaignSetup({ status, go, onStarted }: Props) {
  const { draft, setDraft, started } = useDraft();
  const contacts = useContactsSummary();
  const check = useTemplateCheck(draft.template, draft.attachmentFileId, contacts.summary);
  const [starting, setStarting] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const t = useT();

  const { defaults, problem: defaultsProblem } = usePacingDefaults(draft.pacing, (pacing) => setDraft({ pacing }));

  const pacing = draft.pacing;
  const problems = pacing ? pacingProblems(pacing, t) : {};
  const pacingOk = pacing === null ? null : Object.keys(problems).length === 0;
  const blockers = startBlockers(
    { status, contacts: contacts.summary, template: draft.template, check: check.check, pacingOk, otherRunning: false },
    t,
  );
  const selection = useContactSelection(contacts.summary?.counts.valid ?? 0);
  const schedule = useScheduleStart();
  const people = selection.count ?? contacts.summary?.counts.valid ?? 0;
  const estimate = useStartEstimate(pacing, Object.keys(problems).length === 0, people, draft.template, status, schedule.startAt);

  async function start() {
    if (!pacing) return;
    setStarting(true);
    setProblem(null);
    const name = draft.campaignName;
    try {
      const r = await api.startCampaign({
        // Named here, not in main, so an unnamed campaign reads in the operator's language in History.
        name: name.trim() || t('send.setup.defaultName', { when: formatDateTime(Date.now()) }),
        template: draft.template,
        ...(draft.attachmentFileId ? { attachmentFileId: draft.attachmentFileId } : {}),
        pacing,
        draftId: draft.draftId,
        ...selection.request,
        ...schedule.request,
      });
      if (r.ok) {
        started();
        onStarted(r.value);
      } else setProblem(t('send.start.failed', { reason: r.error.message }));
    } finally {
      setStarting(false);
    }
  }

  const firstLine = draft.template.split('\n')[0] ?? '';
  return (
    <>
      <div className="card">
        <h2>{t('send.setup.title')}</h2>
        <dl className="facts">
          <dt>{t('send.setup.to')}</dt>
          <dd data-testid="setup-contacts">
            {contacts.summary ? (
              <>
                <FormattedMessage
                  id="send.setup.contactsFrom"
                  values={{ count: contacts.summary.counts.valid, source: contacts.summary.source.name, b: (chunks) => <b dir="auto">{chunks}</b> }}
                />
                <SelectionSummary selection={selection} />
              </>
            ) : (
              <span className="muted">{t('send.setup.noContacts')}</span>
            )}
          </dd>
          <dt>{t('send.setup.message')}</dt>
          <dd>
            {draft.template.trim() ? (
              <span className="ellipsis-line" dir="auto">
                {firstLine}
                {draft.template.includes('\n') && ' …'}
              </span>
            ) : (
              <span className="muted">{t('send.setup.notWritten')}</span>
            )}{' '}
            <button className="link" onClick={() => go('message')}>
              {t('send.setup.edit')}
            </button>
          </dd>
          {draft.attachment && (
            <>
              <dt>{t('send.setup.attachment')}</dt>
              <dd data-testid="setup-attachment">
                {draft.attachment.name} ({formatSize(draft.attachment.size)})
              </dd>
            </>
          )}
        </dl>
        <SelectionAndTest selection={selection} draft={draft} status={status} />
        <label className="field name-field">
          <span>{t('send.setup.nameLabel')}</span>
          <input
            type="text"
            value={draft.campaignName}
            maxLength={200}
            placeholder={t('send.setup.namePlaceholder')}
            onChange={(e) => setDraft({ campaignName: e.target.value })}
          />
        </label>
        <DraftBar />
      </div>

      <PaceCard pacing={pacing} defaults={defaults} defaultsProblem={defaultsProblem} problems={problems} onChange={(p) => setDraft({ pacing: p })} />

      <ScheduleStart schedule={schedule} />
      <StartCard
        go={go}
        blockers={blockers}
        estimate={estimate}
        pacing={pacing}
        people={contacts.summary ? people : null}
        source={contacts.summary?.source.name ?? null}
        attachment={draft.attachment?.name ?? null}
        name={draft.campaignName}
        starting={starting}
        problem={problem}
        onStart={() => void start()}
      />
    </>
  );
}
