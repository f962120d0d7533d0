/**
 * The main window's remembered size and position: one small JSON file under the data folder, parsed with zod (a
 * damaged file is logged and the defaults are used; it is replaced the next time the window moves), and placed
 * back on a display that exists now, so a window saved on a monitor since removed comes back on screen.
 */
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';

export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

const coordinate = z.number().int().min(-100_000).max(100_000);
const extent = z.number().int().min(1).max(100_000);

export const WindowState = z.object({
  version: z.literal(1),
  x: coordinate,
  y: coordinate,
  width: extent,
  height: extent,
  maximized: z.boolean(),
});
export type WindowState = z.infer<typeof WindowState>;

export interface WindowLimits {
  width: number;
  height: number;
  minWidth: number;
  minHeight: number;
}

/** Where the window opens: its bounds (no x/y: let the system centre it) and whether to maximise it. */
export interface Placement {
  bounds: { width: number; height: number; x?: number; y?: number };
  maximized: boolean;
}

/** How much of a saved window must lie on a display for it to stay where it was (enough to grab its title bar). */
const MIN_VISIBLE = { width: 120, height: 40 };

const overlap = (a: Rect, b: Rect): Rect => {
  const x = Math.max(a.x, b.x);
  const y = Math.max(a.y, b.y);
  return { x, y, width: Math.max(0, Math.min(a.x + a.width, b.x + b.width) - x), height: Math.max(0, Math.min(a.y + a.height, b.y + b.height) - y) };
};

const clamp = (value: number, low: number, high: number): number => Math.min(Math.max(value, low), Math.max(low, high));

/** A size no smaller than the window's minimum and no larger than the display's work area (when it can be). */
const fit = (want: number, min: number, available: number): number => Math.max(min, Math.min(want, available));

/**
 * Places the window: the saved bounds on the display they overlap most, moved and shrunk to lie inside its work
 * area; centred on the primary display when they are on none (or nothing was saved).
 */
export function placeWindow(saved: WindowState | null, workAreas: readonly Rect[], primary: Rect, limits: WindowLimits): Placement {
  const want = saved ?? { width: limits.width, height: limits.height };
  let target = primary;
  let keepPosition = false;
  if (saved) {
    const best = [...workAreas]
      .map((area) => ({ area, seen: overlap(saved, area) }))
      .sort((a, b) => b.seen.width * b.seen.height - a.seen.width * a.seen.height)[0];
    if (best && best.seen.width >= MIN_VISIBLE.width && best.seen.height >= MIN_VISIBLE.height) {
      target = best.area;
      keepPosition = true;
    }
  }
  const width = fit(want.width, limits.minWidth, target.width);
  const height = fit(want.height, limits.minHeight, target.height);
  if (!saved) return { bounds: { width, height }, maximized: false };
  if (!keepPosition) {
    const centred = { x: target.x + Math.round((target.width - width) / 2), y: target.y + Math.round((target.height - height) / 2) };
    return { bounds: { width, height, ...centred }, maximized: saved.maximized };
  }
  return {
    bounds: {
      width,
      height,
      x: clamp(saved.x, target.x, target.x + target.width - width),
      y: clamp(saved.y, target.y, target.y + target.height - height),
    },
    maximized: saved.maximized,
  };
}

/** The window-state file. Reads never throw: a missing file is "nothing saved", a damaged one is logged. */
export class WindowStateFile {
  private last: WindowState | null = null;
  private saving: Promise<unknown> = Promise.resolve();

  constructor(
    readonly file: string,
    private readonly log: (message: string) => void,
  ) {}

  static in(userData: string, log: (message: string) => void): WindowStateFile {
    return new WindowStateFile(path.join(userData, 'window-state.json'), log);
  }

  /** The state last read or saved. */
  get current(): WindowState | null {
    return this.last;
  }

  async load(): Promise<WindowState | null> {
    let text: string;
    try {
      text = await readFile(this.file, 'utf8');
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT') this.log(`Window size not restored: ${this.file} cannot be read (${String(err)}).`);
      return (this.last = null);
    }
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch (err) {
      this.log(`Window size not restored: ${this.file} is not JSON (${(err as Error).message}); the default size is used.`);
      return (this.last = null);
    }
    const parsed = WindowState.safeParse(json);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const field = issue?.path.join('.') || '(the whole file)';
      this.log(`Window size not restored: ${this.file}, field ${field}: ${issue?.message ?? 'invalid'}; the default size is used.`);
      return (this.last = null);
    }
    return (this.last = parsed.data);
  }

  /** Saves atomically (temp file + rename), one save after another; a failure is logged, never thrown. */
  save(bounds: Rect, maximized: boolean): Promise<void> {
    const state: WindowState = {
      version: 1,
      x: Math.round(bounds.x),
      y: Math.round(bounds.y),
      width: Math.max(1, Math.round(bounds.width)),
      height: Math.max(1, Math.round(bounds.height)),
      maximized,
    };
    this.last = state;
    const done = this.saving.then(async () => {
      await mkdir(path.dirname(this.file), { recursive: true });
      const temp = `${this.file}.${process.pid}.tmp`;
      await writeFile(temp, JSON.stringify(state), { mode: 0o600 });
      await rename(temp, this.file);
    });
    this.saving = done.catch((err) => this.log(`Window size not saved to ${this.file}: ${String(err)}`));
    return this.saving.then(() => undefined);
  }
}
