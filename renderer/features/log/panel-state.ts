/** The activity panel's place on screen, remembered between runs (the page's own storage: nothing private in it). */
export interface LogPanelState {
  open: boolean;
  /** Height of the list when open, in CSS pixels. */
  height: number;
}

export const LOG_PANEL_KEY = 'wa-bulk-sender.log-panel';
export const MIN_HEIGHT = 60;
export const DEFAULT_HEIGHT = 160;
/** Never more than this share of the window: the screen above must stay usable. */
export const MAX_SHARE = 0.6;

/** Collapsed by default: the one-line strip shows the latest line. */
const DEFAULTS: LogPanelState = { open: false, height: DEFAULT_HEIGHT };

export function clampHeight(height: number, windowHeight: number): number {
  const max = Math.max(MIN_HEIGHT, Math.round(windowHeight * MAX_SHARE));
  return Math.min(max, Math.max(MIN_HEIGHT, Math.round(height)));
}

export function loadPanelState(storage: Pick<Storage, 'getItem'> | null): LogPanelState {
  try {
    const raw = JSON.parse(storage?.getItem(LOG_PANEL_KEY) ?? 'null') as Partial<LogPanelState> | null;
    return {
      open: typeof raw?.open === 'boolean' ? raw.open : DEFAULTS.open,
      height: typeof raw?.height === 'number' && Number.isFinite(raw.height) ? raw.height : DEFAULTS.height,
    };
  } catch {
    return { ...DEFAULTS };
  }
}

export function savePanelState(storage: Pick<Storage, 'setItem'> | null, state: LogPanelState): void {
  try {
    storage?.setItem(LOG_PANEL_KEY, JSON.stringify(state));
  } catch {
    // Storage full or disabled: the panel still works, it is only not remembered.
  }
}

/** The keys that resize the panel from the keyboard (on its handle), and by how much: up makes it taller. */
export function keyResize(key: string, height: number, windowHeight: number): number | null {
  const step = { ArrowUp: 16, ArrowDown: -16, PageUp: 80, PageDown: -80 }[key];
  if (step !== undefined) return clampHeight(height + step, windowHeight);
  if (key === 'Home') return MIN_HEIGHT;
  if (key === 'End') return clampHeight(Number.POSITIVE_INFINITY, windowHeight);
  return null;
}
