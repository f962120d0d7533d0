import type { App, Dialog } from 'electron';
import { inEnglish, type MainTranslate } from '../app/i18n/main-messages';
import { systemClock, type Clock } from '../platform/clock';
import { errorMessage } from '../shared/result';

/** How long a failed start or a crash waits for the services to stop (pause campaigns, close the browser). */
export const STOP_LIMIT_MS = 15_000;

export interface StartFailureDeps {
  app: Pick<App, 'releaseSingleInstanceLock' | 'exit'>;
  dialog: Pick<Dialog, 'showErrorBox'>;
  /** Writes an error line to the log file (synchronously, so it is there whatever happens next). */
  log(message: string): void;
  /** The log file's path, shown in the dialog. */
  logFile: string;
  /** Stops whatever was built before the failure (the services: it releases the data folder's lock). */
  cleanup(): Promise<void>;
  clock?: Clock;
  /** The dialog's words, in the system's language (the settings may be what failed); English when absent. */
  t?: MainTranslate;
}

/** The error with its stack, for the log file. */
export function describeError(err: unknown): string {
  return err instanceof Error && err.stack ? err.stack : errorMessage(err);
}

/** Waits for `work` to settle, at most `ms`; never rejects. */
export async function settleWithin(work: Promise<unknown>, ms: number, clock: Clock = systemClock): Promise<void> {
  const timer = new AbortController();
  await Promise.race([work.catch(() => {}), clock.sleep(ms, timer.signal).catch(() => {})]);
  timer.abort();
}

/**
 * A start that failed (before ready, in boot, or a rejection from it): written to the log, shown with its cause and
 * the log file's path, then the app exits non-zero. The single-instance lock is let go first, so the next launch
 * starts instead of quitting silently in favour of a copy that never showed a window.
 */
export async function failStart(err: unknown, deps: StartFailureDeps): Promise<void> {
  deps.log(`Could not start: ${describeError(err)}`);
  await settleWithin(deps.cleanup(), STOP_LIMIT_MS, deps.clock);
  const t = deps.t ?? inEnglish;
  deps.dialog.showErrorBox(t('main.failure.startTitle'), startFailureText(err, deps.logFile, t));
  deps.app.releaseSingleInstanceLock();
  deps.app.exit(1);
}

export function startFailureText(err: unknown, logFile: string, t: MainTranslate = inEnglish): string {
  const cause = errorMessage(err).trim() || t('main.failure.unknown');
  return `${cause}\n\n${t('main.failure.logFile', { file: logFile })}`;
}
