/**
 * Remembers the main window's size and position: restored when it is created (clamped to the displays there are
 * now), saved shortly after it is resized or moved (debounced through the injected clock) and when it closes.
 */
import type { BrowserWindow, Display, Screen } from 'electron';
import type { Clock } from '../platform/clock';
import { placeWindow, type Placement, type WindowLimits, type WindowStateFile } from '../platform/window-bounds';

/** Saves wait this long after the last resize or move, so a drag writes once. */
export const SAVE_DEBOUNCE_MS = 500;

export type TrackedWindow = Pick<BrowserWindow, 'getNormalBounds' | 'isMaximized' | 'isDestroyed' | 'on'>;

/** Where the window opens, from the saved state and the displays attached now. */
export function restorePlacement(
  file: Pick<WindowStateFile, 'current'>,
  screen: Pick<Screen, 'getAllDisplays' | 'getPrimaryDisplay'>,
  limits: WindowLimits,
): Placement {
  const displays: Display[] = screen.getAllDisplays();
  return placeWindow(
    file.current,
    displays.map((d) => d.workArea),
    screen.getPrimaryDisplay().workArea,
    limits,
  );
}

/** Saves the window's state on resize, move, (un)maximise (debounced) and close (at once). */
export function trackWindowState(win: TrackedWindow, file: Pick<WindowStateFile, 'save'>, clock: Clock, debounceMs = SAVE_DEBOUNCE_MS): void {
  let pending: AbortController | null = null;
  const saveNow = () => {
    pending?.abort();
    pending = null;
    if (win.isDestroyed()) return;
    // The normal bounds, so a maximised window comes back maximised over the size it had before.
    void file.save(win.getNormalBounds(), win.isMaximized());
  };
  const saveSoon = () => {
    pending?.abort();
    const wait = new AbortController();
    pending = wait;
    clock.sleep(debounceMs, wait.signal).then(
      () => {
        if (pending === wait) saveNow();
      },
      () => undefined,
    );
  };
  for (const event of ['resize', 'move', 'maximize', 'unmaximize'] as const) win.on(event as 'resize', saveSoon);
  win.on('close', saveNow);
}
