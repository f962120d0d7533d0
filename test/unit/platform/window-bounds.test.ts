import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { placeWindow, WindowStateFile, type WindowState } from '../../../src/platform/window-bounds';

const limits = { width: 1200, height: 820, minWidth: 900, minHeight: 600 };
const laptop = { x: 0, y: 0, width: 1440, height: 875 };
const rightMonitor = { x: 1440, y: -200, width: 2560, height: 1400 };
const saved = (extra: Partial<WindowState>): WindowState => ({ version: 1, x: 100, y: 50, width: 1000, height: 700, maximized: false, ...extra });

describe('window placement', () => {
  it('opens at the default size, centred by the system, when nothing was saved', () => {
    expect(placeWindow(null, [laptop], laptop, limits)).toEqual({ bounds: { width: 1200, height: 820 }, maximized: false });
    // A small screen: the default shrinks to fit, but not below the window's minimum.
    const small = { x: 0, y: 0, width: 1366, height: 728 };
    expect(placeWindow(null, [small], small, limits).bounds).toEqual({ width: 1200, height: 728 });
    const tiny = { x: 0, y: 0, width: 800, height: 560 };
    expect(placeWindow(null, [tiny], tiny, limits).bounds).toEqual({ width: 900, height: 600 });
  });

  it('puts a saved window back where it was, on whichever display it was', () => {
    expect(placeWindow(saved({}), [laptop, rightMonitor], laptop, limits)).toEqual({
      bounds: { x: 100, y: 50, width: 1000, height: 700 },
      maximized: false,
    });
    expect(placeWindow(saved({ x: 2000, y: 0, maximized: true }), [laptop, rightMonitor], laptop, limits)).toEqual({
      bounds: { x: 2000, y: 0, width: 1000, height: 700 },
      maximized: true,
    });
  });

  it('brings a window saved on a removed monitor back to the middle of the primary display', () => {
    expect(placeWindow(saved({ x: 2000, y: 0 }), [laptop], laptop, limits)).toEqual({
      bounds: { x: 220, y: 88, width: 1000, height: 700 },
      maximized: false,
    });
    // Only a sliver left on screen (less than a title bar to grab) counts as off screen.
    expect(placeWindow(saved({ x: 1400, y: 0 }), [laptop], laptop, limits).bounds).toMatchObject({ x: 220, y: 88 });
  });

  it('moves and shrinks a window that hangs over the edge into the display it is mostly on', () => {
    expect(placeWindow(saved({ x: 1000, y: 600, width: 1000, height: 700 }), [laptop], laptop, limits).bounds).toEqual({
      x: 440,
      y: 175,
      width: 1000,
      height: 700,
    });
    expect(placeWindow(saved({ x: -50, y: -30, width: 3000, height: 2000 }), [laptop], laptop, limits).bounds).toEqual({
      x: 0,
      y: 0,
      width: 1440,
      height: 875,
    });
    // Mostly on the right monitor (negative y there): it stays on that one.
    expect(placeWindow(saved({ x: 1300, y: -150 }), [laptop, rightMonitor], laptop, limits).bounds).toEqual({
      x: 1440,
      y: -150,
      width: 1000,
      height: 700,
    });
  });
});

describe('window state file', () => {
  const dir = () => mkdtempSync(path.join(os.tmpdir(), 'wa-window-state-'));

  it('saves and reads back the state, atomically and owner-only', async () => {
    const logs: string[] = [];
    const file = WindowStateFile.in(dir(), (m) => logs.push(m));
    expect(await file.load()).toBeNull();
    await file.save({ x: 10.4, y: 20, width: 1000, height: 700 }, true);
    expect(JSON.parse(readFileSync(file.file, 'utf8'))).toEqual({ version: 1, x: 10, y: 20, width: 1000, height: 700, maximized: true });
    const again = new WindowStateFile(file.file, (m) => logs.push(m));
    expect(await again.load()).toEqual({ version: 1, x: 10, y: 20, width: 1000, height: 700, maximized: true });
    expect(again.current).toEqual(await again.load());
    expect(logs).toEqual([]);
  });

  it('a damaged file gives the defaults and a log line naming the file and field, never a crash', async () => {
    const logs: string[] = [];
    const file = WindowStateFile.in(dir(), (m) => logs.push(m));
    writeFileSync(file.file, '{"version":1,"x":10,');
    expect(await file.load()).toBeNull();
    writeFileSync(file.file, JSON.stringify({ version: 1, x: 10, y: 20, width: -5, height: 700, maximized: false }));
    expect(await file.load()).toBeNull();
    writeFileSync(file.file, '[]');
    expect(await file.load()).toBeNull();
    expect(logs).toHaveLength(3);
    expect(logs[0]).toContain(`${file.file} is not JSON`);
    expect(logs[1]).toContain(`${file.file}, field width`);
    expect(logs[2]).toContain('(the whole file)');
    expect(placeWindow(file.current, [laptop], laptop, limits).bounds).toEqual({ width: 1200, height: 820 });
  });

  it('logs a failed save instead of throwing', async () => {
    const logs: string[] = [];
    const folder = dir();
    writeFileSync(path.join(folder, 'not-a-folder'), '');
    const file = new WindowStateFile(path.join(folder, 'not-a-folder', 'window-state.json'), (m) => logs.push(m));
    await file.save({ x: 0, y: 0, width: 900, height: 600 }, false);
    expect(logs).toEqual([expect.stringContaining('Window size not saved')]);
  });
});
