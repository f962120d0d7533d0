import { useEffect, useState } from 'react';
import type { LimitsStatus } from '../../../src/shared/contract/limits';
import { api } from '../../api';

/** The connected account's limits, kept current by limits:changed. */
export function useLimits(): { limits: LimitsStatus | null; error: string | null; set: (limits: LimitsStatus) => void } {
  const [limits, setLimits] = useState<LimitsStatus | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    void api.getLimits().then((r) => {
      if (!live) return;
      if (r.ok) setLimits(r.value);
      else setError(r.error.message);
    });
    const off = api.onLimitsChanged((next) => {
      setLimits(next);
      setError(null);
    });
    return () => {
      live = false;
      off();
    };
  }, []);
  return { limits, error, set: setLimits };
}
