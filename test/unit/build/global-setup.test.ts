/** When test/global-setup.ts rebuilds out/: missing, or older than any source (a deleted source included). */
import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { staleReason } from '../../global-setup';

const outputs = [
  'out/main/main.js',
  'out/main/cli.js',
  'out/main/devhost.js',
  'out/main/import-worker.js',
  'out/preload/preload.js',
  'out/renderer/index.html',
];
const sources = ['src/core/phone.ts', 'preload/index.ts', 'renderer/App.tsx', 'scripts/build.mjs', 'scripts/worker-bundle.mjs', 'vite.config.ts'];
const roots: string[] = [];
afterEach(() => {
  for (const root of roots.splice(0)) rmSync(root, { recursive: true, force: true });
});

/** A checkout whose sources were written at `sourceTime` and whose out/ at `buildTime` (seconds). */
function checkout(sourceTime: number, buildTime: number): string {
  const root = mkdtempSync(path.join(os.tmpdir(), 'wa-global-setup-'));
  roots.push(root);
  const write = (file: string, at: number) => {
    mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
    writeFileSync(path.join(root, file), '');
    utimesSync(path.join(root, file), at, at);
    for (let dir = path.dirname(file); dir !== '.'; dir = path.dirname(dir)) utimesSync(path.join(root, dir), at, at);
  };
  for (const file of sources) write(file, sourceTime);
  for (const file of outputs) write(file, buildTime);
  return root;
}

describe('the global set-up rebuilds out/', () => {
  it('not when out/ is newer than every source (npm test has just built it)', () => {
    expect(staleReason(checkout(1_000, 2_000))).toBeNull();
  });

  it('when an output is missing', () => {
    const root = checkout(1_000, 2_000);
    rmSync(path.join(root, 'out/preload/preload.js'));
    expect(staleReason(root)).toBe('out/preload/preload.js is missing');
  });

  it('when any source is newer than the oldest output, naming it', () => {
    for (const file of sources) {
      const root = checkout(1_000, 2_000);
      utimesSync(path.join(root, file), 3_000, 3_000);
      expect(staleReason(root)).toBe(
        `${file.startsWith('scripts/') || !file.includes('/') ? file : file.split('/')[0]} changed since the last build`,
      );
    }
    const halfBuilt = checkout(1_500, 2_000);
    utimesSync(path.join(halfBuilt, 'out/main/cli.js'), 1_000, 1_000);
    expect(staleReason(halfBuilt)).toMatch(/^src, preload, renderer, .* changed since the last build$/);
  });

  it('when a source file was deleted (its folder changed)', () => {
    const root = checkout(1_000, 2_000);
    mkdirSync(path.join(root, 'src/old'));
    utimesSync(path.join(root, 'src/old'), 1_000, 1_000);
    utimesSync(path.join(root, 'src'), 1_000, 1_000);
    expect(staleReason(root)).toBeNull();
    rmSync(path.join(root, 'src/old'), { recursive: true });
    expect(staleReason(root)).toBe('src changed since the last build');
  });
});
