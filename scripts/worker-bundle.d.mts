import type { BuildOptions, Plugin } from 'esbuild';

export declare const resolveAsRequire: Plugin;
export declare function workerBundleOptions(options: {
  entryPoints: Record<string, string>;
  outdir: string;
  sourcemap?: boolean;
  logLevel?: BuildOptions['logLevel'];
}): BuildOptions;
