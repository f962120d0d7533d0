import { useEffect, useMemo, useRef, useState } from 'react';
import { ErrorNote } from '../../components/ErrorNote';
import { useT } from '../../i18n';
import { formatTime } from './format';
import { loadCampaignLog, useCampaignLog } from './campaign-log-store';

/** What the sender is doing for this campaign, newest last (waits, sends, failures, pauses). */
export function CampaignLog({ campaignId }: { campaignId: string }) {
  const t = useT();
  const all = useCampaignLog();
  const lines = useMemo(() => all.filter((l) => l.campaignId === campaignId), [all, campaignId]);
  const box = useRef<HTMLDivElement>(null);
  const [problem, setProblem] = useState<string | null>(null);

  // Lines said before this page loaded (a reload, or the app window reopened) come from main once.
  useEffect(() => {
    let live = true;
    setProblem(null);
    void loadCampaignLog(campaignId).then((error) => {
      if (live && error) setProblem(t('send.progress.log.loadFailed', { error }));
    });
    return () => {
      live = false;
    };
  }, [campaignId, t]);

  // Follow the newest line unless the operator scrolled up to read.
  useEffect(() => {
    const el = box.current;
    if (el && el.scrollHeight - el.scrollTop - el.clientHeight < 60) el.scrollTop = el.scrollHeight;
  }, [lines]);

  return (
    <div className="card">
      <h2>{t('send.progress.log.title')}</h2>
      <div className="campaign-log" ref={box} data-testid="campaign-log">
        {lines.length === 0 && <p className="muted small">{t('send.progress.log.empty')}</p>}
        {lines.map((l, i) => (
          <div key={i} className={`log-line ${l.level}`}>
            <time>{formatTime(l.at)}</time> {l.message}
          </div>
        ))}
      </div>
      <ErrorNote message={problem} />
    </div>
  );
}
