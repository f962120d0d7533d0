import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import path from 'node:path';
import { build } from 'esbuild';
import { workerBundleOptions } from '../../scripts/worker-bundle.mjs';

/**
 * Builds the import worker from the current source into its own folder (bundled as scripts/build.mjs bundles it), so a
 * test or bench never runs a stale out/ build or races a parallel `npm run build` that empties out/.
 */
export async function buildImportWorker(): Promise<{ file: string; remove: () => void }> {
  const root = path.resolve(__dirname, '../..');
  const cache = path.join(root, 'node_modules', '.cache');
  mkdirSync(cache, { recursive: true });
  const outdir = mkdtempSync(path.join(cache, 'wa-import-worker-'));
  await build(
    workerBundleOptions({
      entryPoints: { 'import-worker': path.join(root, 'src/contacts/import-worker.ts') },
      outdir,
      sourcemap: false,
      logLevel: 'error',
    }),
  );
  return { file: path.join(outdir, 'import-worker.js'), remove: () => rmSync(outdir, { recursive: true, force: true }) };
}
