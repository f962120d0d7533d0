import { useEffect, useMemo, useRef } from 'react';
import { formatTime } from './format';
import { useCampaignLog } from './campaign-log-store';

/** What the sender is doing for this campaign, newest last (waits, sends, failures, pauses). */
export function CampaignLog({ campaignId }: { campaignId: string }) {
  const all = useCampaignLog();
  const lines = useMemo(() => all.filter((l) => l.campaignId === campaignId), [all, campaignId]);
  const box = useRef<HTMLDivElement>(null);

  // Follow the newest line unless the operator scrolled up to read.
  useEffect(() => {
    const el = box.current;
    if (el && el.scrollHeight - el.scrollTop - el.clientHeight < 60) el.scrollTop = el.scrollHeight;
  }, [lines]);

  return (
    <div className="card">
      <h2>Campaign log</h2>
      <div className="campaign-log" ref={box} data-testid="campaign-log">
        {lines.length === 0 && <p className="muted small">Nothing yet: lines appear here as the campaign runs.</p>}
        {lines.map((l, i) => (
          <div key={i} className={`log-line ${l.level}`}>
            <time>{formatTime(l.at)}</time> {l.message}
          </div>
        ))}
      </div>
    </div>
  );
}
