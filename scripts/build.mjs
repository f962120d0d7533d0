// Builds every part: Node-side bundles with esbuild (main, CLI, browser host, workers), the sandboxed
// preload as one file, and the renderer with Vite. Output goes to out/ (never committed).
import { build as esbuild } from 'esbuild';
import { build as viteBuild } from 'vite';
import { rmSync } from 'node:fs';
import { workerBundleOptions } from './worker-bundle.mjs';

const quiet = process.argv.includes('--quiet');
// vite.config.ts is loaded as CommonJS (this package is CommonJS for Electron's main process); Vite only warns
// that a future default loader would not do that. Nothing to act on today.
process.env.VITE_CONFIG_NATIVE_IGNORE_WARNING ??= 'true';
rmSync('out', { recursive: true, force: true });

/** Node-side entry points: name -> source. Each runs in plain Node or Electron's main process. */
export const nodeEntries = {
  main: 'src/main.ts',
  cli: 'src/cli.ts',
  devhost: 'src/devhost/server.ts',
};

/** The contact-import worker thread, bundled with its dependencies (see worker-bundle.mjs). */
export const selfContainedEntries = {
  'import-worker': 'src/contacts/import-worker.ts',
};

const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: true,
  logLevel: quiet ? 'error' : 'warning',
};

await Promise.all([
  esbuild({
    ...common,
    entryPoints: nodeEntries,
    outdir: 'out/main',
    // Dependencies stay in node_modules: whatsapp-web.js and puppeteer must not be bundled (WHATSAPP.md #6).
    packages: 'external',
  }),
  esbuild(workerBundleOptions({ entryPoints: selfContainedEntries, outdir: 'out/main', logLevel: common.logLevel })),
  esbuild({
    ...common,
    entryPoints: { preload: 'preload/index.ts' },
    outdir: 'out/preload',
    // A sandboxed preload may require only 'electron': everything else is bundled in.
    external: ['electron'],
    platform: 'browser',
    format: 'cjs',
  }),
  viteBuild({ configFile: 'vite.config.ts', logLevel: quiet ? 'error' : 'warn' }),
]);
if (!quiet) console.log('built out/main, out/preload, out/renderer');
