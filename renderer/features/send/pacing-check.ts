import { PacingSettings } from '../../../src/shared/contract/campaign';

type Problems = Partial<Record<keyof PacingSettings, string>>;

/** The operator's words for each setting, to turn the schema's messages into sentences about the form. */
const names: Record<keyof PacingSettings, string> = {
  minDelaySec: 'the shortest delay',
  maxDelaySec: 'the longest delay',
  batchSizeMin: 'the fewest messages before a break',
  batchSizeMax: 'the most messages before a break',
  batchPauseMinSec: 'the shortest break',
  batchPauseMaxSec: 'the longest break',
  dailyCap: 'the daily limit',
  hourlyCap: 'the hourly limit',
  window: 'the sending hours',
  typingDelay: 'typing time',
  backoffAfterFailures: 'slow down after',
  backoffBaseSec: 'the extra wait',
  autoPauseAfterFailures: 'pause after',
  sendTimeoutSec: 'the send timeout',
};

/**
 * Checks pacing with the contract's own schema (main checks it again), so the form refuses exactly what
 * campaign:start would, but says so beside the field before the operator presses Start.
 */
export function pacingProblems(pacing: PacingSettings): Problems {
  const r = PacingSettings.safeParse(pacing);
  if (r.success) return {};
  const out: Problems = {};
  for (const issue of r.error.issues) {
    const key = issue.path[0] as keyof PacingSettings | undefined;
    if (!key || out[key]) continue;
    let text = issue.message;
    for (const [k, name] of Object.entries(names)) text = text.replaceAll(k, name);
    if (/expected number/i.test(text)) text = 'Enter a number.';
    out[key] = text.charAt(0).toUpperCase() + text.slice(1);
  }
  return out;
}

/** Settings that send faster than the safe defaults, to warn before an account gets banned. */
export function fasterThanSafe(pacing: PacingSettings, safe: PacingSettings): string[] {
  const out: string[] = [];
  if (pacing.minDelaySec < safe.minDelaySec) out.push(`delays shorter than ${safe.minDelaySec} s`);
  if (pacing.batchSizeMax > safe.batchSizeMax) out.push(`more than ${safe.batchSizeMax} messages without a break`);
  if (pacing.batchPauseMinSec < safe.batchPauseMinSec) out.push('shorter breaks');
  if (pacing.dailyCap > safe.dailyCap) out.push(`more than ${safe.dailyCap} messages a day`);
  return out;
}
