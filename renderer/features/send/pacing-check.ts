import { PacingSettings } from '../../../src/shared/contract/campaign';
import { formatNumber, intlLocale } from '../../i18n/format';
import type { MessageKey } from '../../i18n/messages';
import type { Translate } from '../../i18n/translate';

type Problems = Partial<Record<keyof PacingSettings, string>>;

/** A rule across two fields (the schema's refine), by the field the schema puts it on. */
const orderProblems: Partial<Record<keyof PacingSettings, MessageKey>> = {
  maxDelaySec: 'send.pacing.problem.delayOrder',
  batchSizeMax: 'send.pacing.problem.batchOrder',
  batchPauseMaxSec: 'send.pacing.problem.pauseOrder',
  autoPauseAfterFailures: 'send.pacing.problem.failureOrder',
  window: 'send.pacing.problem.windowEmpty',
};

interface Issue {
  code: string;
  expected?: unknown;
  minimum?: unknown;
  maximum?: unknown;
}

/** One of the schema's issues as a sentence about the field in the operator's language. */
function problemText(key: keyof PacingSettings, issue: Issue, t: Translate): string {
  switch (issue.code) {
    case 'invalid_type':
      return t(issue.expected === 'int' ? 'send.pacing.problem.whole' : 'send.pacing.problem.number');
    case 'too_small':
      return t('send.pacing.problem.tooSmall', { min: formatNumber(Number(issue.minimum)) });
    case 'too_big':
      return t('send.pacing.problem.tooBig', { max: formatNumber(Number(issue.maximum)) });
    case 'custom':
      return t(orderProblems[key] ?? 'send.pacing.problem.invalid');
    default:
      return t('send.pacing.problem.invalid');
  }
}

/**
 * Checks pacing with the contract's own schema (main checks it again), so the form refuses exactly what
 * campaign:start would, but says so beside the field before the operator presses Start.
 */
export function pacingProblems(pacing: PacingSettings, t: Translate): Problems {
  const r = PacingSettings.safeParse(pacing);
  if (r.success) return {};
  const out: Problems = {};
  for (const issue of r.error.issues) {
    const key = issue.path[0] as keyof PacingSettings | undefined;
    if (!key || out[key]) continue;
    out[key] = problemText(key, issue as Issue, t);
  }
  return out;
}

/** Settings that send faster than the safe defaults, to warn before an account gets banned: one phrase each. */
export function fasterThanSafe(pacing: PacingSettings, safe: PacingSettings, t: Translate): string[] {
  const out: string[] = [];
  if (pacing.minDelaySec < safe.minDelaySec) out.push(t('send.pacing.risky.delay', { seconds: safe.minDelaySec }));
  if (pacing.batchSizeMax > safe.batchSizeMax) out.push(t('send.pacing.risky.batch', { count: safe.batchSizeMax }));
  if (pacing.batchPauseMinSec < safe.batchPauseMinSec) out.push(t('send.pacing.risky.breaks'));
  if (pacing.dailyCap > safe.dailyCap) out.push(t('send.pacing.risky.daily', { count: safe.dailyCap }));
  return out;
}

/** The warning under the form, or null when the pace is no faster than the safe defaults. */
export function riskyWarning(pacing: PacingSettings, safe: PacingSettings, t: Translate): string | null {
  const risky = fasterThanSafe(pacing, safe, t);
  if (risky.length === 0) return null;
  const list = new Intl.ListFormat(intlLocale(), { style: 'long', type: 'conjunction' }).format(risky);
  return t('send.pacing.risky.warning', { list });
}
