import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
// @ts-expect-error: a plain .mjs build script, without type declarations
import { electronUnavailableText, findElectronBinary, installFailureReason } from '../../../scripts/electron-binary.mjs';

/** What Electron 45's installer printed on this offline machine (`npm start`, 2026-11-30). */
const OFFLINE_INSTALL_OUTPUT = `Downloading Electron binary...
TypeError: fetch failed
    at node:internal/deps/undici/undici:14976:13
    at process.processTicksAndRejections (node:internal/process/task_queues:95:5)
    at async FetchDownloader.download (file:///work/main/node_modules/@electron/get/dist/FetchDownloader.js:46:30)
`;

let electronDir: string;
beforeEach(() => {
  electronDir = fs.mkdtempSync(path.join(os.tmpdir(), 'wa-electron-pkg-'));
});
afterEach(() => fs.rmSync(electronDir, { recursive: true, force: true }));

const placeBinary = () => {
  fs.writeFileSync(path.join(electronDir, 'path.txt'), 'electron');
  fs.mkdirSync(path.join(electronDir, 'dist'), { recursive: true });
  fs.writeFileSync(path.join(electronDir, 'dist', 'electron'), '');
};

describe('npm start finding Electron', () => {
  it('uses an installed binary without running the installer', () => {
    placeBinary();
    const installs: string[] = [];
    const found = findElectronBinary({ electronDir, env: {}, install: (dir: string) => (installs.push(dir), { ok: true }) });
    expect(found).toEqual({ ok: true, path: path.join(electronDir, 'dist', 'electron') });
    expect(installs).toEqual([]);
  });

  it('installs a missing binary once, then uses it', () => {
    const installs: string[] = [];
    const found = findElectronBinary({ electronDir, env: {}, install: (dir: string) => (installs.push(dir), placeBinary(), { ok: true }) });
    expect(found).toEqual({ ok: true, path: path.join(electronDir, 'dist', 'electron') });
    expect(installs).toEqual([electronDir]);
  });

  it('turns a failed download into one reason, without stack frames', () => {
    const found = findElectronBinary({ electronDir, env: {}, install: () => ({ ok: false, output: OFFLINE_INSTALL_OUTPUT }) });
    expect(found).toEqual({ ok: false, reason: 'fetch failed' });
  });

  it('names an installer that reported success but left nothing', () => {
    expect(findElectronBinary({ electronDir, env: {}, install: () => ({ ok: true }) })).toEqual({
      ok: false,
      reason: 'the installer finished but left no binary',
    });
  });

  it('honours ELECTRON_OVERRIDE_DIST_PATH as Electron itself does', () => {
    expect(
      findElectronBinary({ electronDir, env: { ELECTRON_OVERRIDE_DIST_PATH: '/opt/electron' }, install: () => ({ ok: false, output: '' }) }),
    ).toEqual({
      ok: true,
      path: path.join('/opt/electron', 'electron'),
    });
  });

  it('explains in one paragraph, pointing at the browser host (with --demo when asked for the demo)', () => {
    const text = electronUnavailableText(installFailureReason(OFFLINE_INSTALL_OUTPUT), true);
    expect(text).toContain('(fetch failed)');
    expect(text).toContain('npm run host -- --demo');
    expect(text).not.toMatch(/node_modules|\bat \S+:\d+/);
    expect(electronUnavailableText('x', false)).toMatch(/npm run host\n/);
  });

  it('falls back to a plain reason when the installer printed nothing', () => {
    expect(installFailureReason('\n  \n')).toBe('the download did not complete');
  });
});
