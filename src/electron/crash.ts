import type { Dialog, MessageBoxOptions } from 'electron';
import { inEnglish, type MainTranslate } from '../app/i18n/main-messages';
import { systemClock, type Clock } from '../platform/clock';
import type { LogLine } from '../shared/status';
import { errorMessage } from '../shared/result';
import { describeError, settleWithin, STOP_LIMIT_MS } from './start-failure';

/** The window's contents as the crash handler uses them. */
export interface CrashedContents {
  isDestroyed(): boolean;
  reload(): void;
}

interface GoneDetails {
  reason: string;
  exitCode: number;
}

interface ChildGoneDetails extends GoneDetails {
  type: string;
  name?: string;
  serviceName?: string;
}

/** The two app events the handler listens to (Electron's `app` has them). */
export interface CrashEvents {
  on(event: 'render-process-gone', listener: (event: unknown, contents: CrashedContents, details: GoneDetails) => void): unknown;
  on(event: 'child-process-gone', listener: (event: unknown, details: ChildGoneDetails) => void): unknown;
}

export interface CrashHandlingDeps {
  app: CrashEvents & { quit(): void; exit(code: number): void; releaseSingleInstanceLock(): void };
  dialog: Pick<Dialog, 'showErrorBox'> & {
    showMessageBox(options: MessageBoxOptions): Promise<{ response: number }>;
  };
  /** Where uncaught errors come from (the main process). */
  process: { on(event: 'uncaughtException' | 'unhandledRejection', listener: (err: unknown) => void): unknown };
  /** Writes to the log (the file, synchronously). */
  log(level: LogLine['level'], message: string): void;
  logFile: string;
  /** Pauses what is sending (journalled) and closes the browser: the app's shutdown. */
  shutdown(): Promise<void>;
  clock?: Clock;
  /** The dialogs' words, in the operator's language; English when absent. */
  t?: MainTranslate;
  /** A renderer that stops again within this long of being reloaded is not reloaded again without asking. */
  crashLoopMs?: number;
}

const RELOAD = 0;

/**
 * Crashes are written down and handled instead of leaving a blank window or a dead process:
 * - the window's page stops (`render-process-gone`): it is reloaded once; if it stops again soon after, a dialog
 *   asks (Reload / Quit) instead of reloading in a loop;
 * - a helper process (GPU, utility) stops (`child-process-gone`): logged (Chromium restarts it);
 * - an uncaught error in main: logged, the services stop (campaigns pause, journalled, so nothing is sent twice
 *   and resume continues where they were), a dialog names the error and the log file, the app exits.
 */
export function handleCrashes(deps: CrashHandlingDeps): void {
  const clock = deps.clock ?? systemClock;
  const t = deps.t ?? inEnglish;
  const loopMs = deps.crashLoopMs ?? 60_000;
  let lastReloadAt = Number.NEGATIVE_INFINITY;
  let asking = false;

  const reload = (contents: CrashedContents) => {
    lastReloadAt = clock.now();
    deps.log('info', 'Reloading the window');
    contents.reload();
  };

  deps.app.on('render-process-gone', (_event, contents, details) => {
    deps.log(details.reason === 'clean-exit' ? 'info' : 'error', `The window's page stopped (${details.reason}, exit code ${details.exitCode})`);
    if (details.reason === 'clean-exit' || contents.isDestroyed() || asking) return;
    if (clock.now() - lastReloadAt > loopMs) return reload(contents);
    asking = true;
    void deps.dialog
      .showMessageBox({
        type: 'error',
        title: 'WA Bulk Sender',
        message: t('main.failure.windowStopping'),
        detail: `${t('main.failure.windowStoppingDetail', { reason: details.reason })}\n\n${t('main.failure.logFile', { file: deps.logFile })}`,
        buttons: [t('main.failure.reload'), t('main.failure.quit')],
        defaultId: RELOAD,
        cancelId: 1,
      })
      .then(({ response }) => {
        asking = false;
        if (response !== RELOAD) return deps.app.quit();
        if (!contents.isDestroyed()) reload(contents);
      });
  });

  deps.app.on('child-process-gone', (_event, details) => {
    if (details.reason === 'clean-exit') return;
    const name = details.name ?? details.serviceName;
    deps.log(
      details.type === 'GPU' ? 'error' : 'warn',
      `The ${details.type}${name ? ` (${name})` : ''} process stopped (${details.reason}, exit code ${details.exitCode})`,
    );
  });

  let dying = false;
  deps.process.on('uncaughtException', (err) => {
    deps.log('error', `Uncaught error in the main process: ${describeError(err)}`);
    if (dying) return;
    dying = true;
    void settleWithin(deps.shutdown(), STOP_LIMIT_MS, clock).then(() => {
      deps.dialog.showErrorBox(
        t('main.failure.crashTitle'),
        `${errorMessage(err)}\n\n${t('main.failure.crashPaused')}\n\n${t('main.failure.logFile', { file: deps.logFile })}`,
      );
      deps.app.releaseSingleInstanceLock();
      deps.app.exit(1);
    });
  });
  deps.process.on('unhandledRejection', (reason) => deps.log('error', `Unhandled: ${describeError(reason)}`));
}
