import { DEFAULT_PACING } from '../../src/core/pacing';
import type { PacingSettings } from '../../src/shared/contract/campaign';

/** Pacing with every wait at zero (no delays, batch pauses, typing or sending window), for real-time runs. */
export const noWaitPacing = (change: Partial<PacingSettings> = {}): PacingSettings => ({
  ...DEFAULT_PACING,
  minDelaySec: 0,
  maxDelaySec: 0,
  batchPauseMinSec: 0,
  batchPauseMaxSec: 0,
  typingDelay: false,
  window: null,
  ...change,
});
