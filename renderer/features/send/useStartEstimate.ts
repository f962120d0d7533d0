import { useEffect, useMemo, useState } from 'react';
import { estimateFinish, type Eta } from '../../../src/core/eta';
import type { PacingSettings } from '../../../src/shared/contract/campaign';
import type { WaStatus } from '../../../src/shared/status';
import { api } from '../../api';

export interface StartEstimate {
  eta: Eta;
  now: number;
  /** Messages the account already sent today (the daily cap counts them); null when unknown (not connected). */
  sentToday: number | null;
}

/**
 * When a campaign started now would send its first and last message, from the pacing on the form (src/core/eta.ts,
 * the same estimate the runner gives while sending), from a scheduled start when there is one. Refreshed every half minute, and with the account's count of
 * today's sends once it is connected. Null while the pacing is not valid or nobody is to be messaged.
 */
export function useStartEstimate(
  pacing: PacingSettings | null,
  valid: boolean,
  count: number,
  template: string,
  status: WaStatus | null,
  /** A scheduled start (epoch ms); null: now. */
  startAt: number | null = null,
): StartEstimate | null {
  const [now, setNow] = useState(() => Date.now());
  const [sentToday, setSentToday] = useState<number | null>(null);
  const ready = status?.kind === 'ready';

  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 30_000);
    return () => clearInterval(timer);
  }, []);
  useEffect(() => {
    if (!ready) return;
    let live = true;
    void api.getSentToday().then((r) => {
      if (live && r.ok) setSentToday(r.value.sentToday);
    });
    return () => {
      live = false;
    };
  }, [ready, now]);

  const length = template.length;
  return useMemo(() => {
    if (!pacing || !valid || count <= 0) return null;
    const eta = estimateFinish({ pacing, remaining: count, now, nextSendAt: startAt, sentToday: sentToday ?? 0, meanLength: length });
    return { eta, now, sentToday };
  }, [pacing, valid, count, now, sentToday, length, startAt]);
}
