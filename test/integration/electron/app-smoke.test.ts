import { existsSync, readFileSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { _electron as electron } from 'playwright-core';
import { describe, expect, it } from 'vitest';

const root = path.resolve(__dirname, '../../..');

/** The Electron binary, when this machine has one: ELECTRON_OVERRIDE_DIST_PATH, or one npm already fetched. */
function electronBinary(): string | null {
  const pkg = path.join(root, 'node_modules', 'electron');
  const relative = existsSync(path.join(pkg, 'path.txt')) ? readFileSync(path.join(pkg, 'path.txt'), 'utf8') : 'electron';
  const override = process.env.ELECTRON_OVERRIDE_DIST_PATH;
  const candidate = override ? path.join(override, relative) : path.join(pkg, 'dist', relative);
  return existsSync(candidate) ? candidate : null;
}

const binary = electronBinary();
if (!binary) {
  console.warn(
    'Skipping the Electron smoke test: no Electron binary here (it cannot be downloaded on this machine). ' +
      'Set ELECTRON_OVERRIDE_DIST_PATH to a folder holding one to run it.',
  );
}

describe.skipIf(!binary)('the real Electron app (smoke)', () => {
  it('opens the hardened window in demo mode and shows a QR code', async () => {
    const userData = await mkdtemp(path.join(os.tmpdir(), 'wa-electron-'));
    const app = await electron.launch({
      executablePath: binary!,
      args: [root, '--demo', `--user-data-dir=${userData}`],
      cwd: root,
    });
    try {
      const window = await app.firstWindow();
      await window.getByText('DEMO', { exact: true }).waitFor();
      await window.getByTestId('qr').waitFor({ timeout: 20_000 });
      // The page has no Node and no ipcRenderer: only the purpose-named api.
      expect(await window.evaluate(() => typeof (globalThis as { require?: unknown }).require)).toBe('undefined');
      expect(await window.evaluate(() => Object.keys((window as unknown as { api: object }).api))).toContain('connect');
      expect(await window.evaluate(() => 'ipcRenderer' in (window as unknown as { api: object }).api)).toBe(false);
    } finally {
      await app.close();
    }
  });
});
