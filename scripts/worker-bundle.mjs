// How the contact-import worker is bundled: with its dependencies (xlsx, libphonenumber-js). An installed app starts
// it from app.asar.unpacked, where Node finds no node_modules: those stay inside app.asar, which a plain file outside
// it cannot require from (issue 8). scripts/build.mjs and the tests' own worker builds both use this.

/**
 * Resolves every package import as Node's `require` would (the "require" export condition), so a bundled entry runs
 * the same files as the external `require` of the other bundles: for xlsx that is xlsx.js, which loads its codepage
 * tables, where the "import" condition would pick xlsx.mjs without them.
 */
export const resolveAsRequire = {
  name: 'resolve-as-require',
  setup(build) {
    build.onResolve({ filter: /^[^./]/ }, (args) => {
      if (args.kind !== 'import-statement' || args.pluginData === 'as-require') return undefined;
      return build.resolve(args.path, { kind: 'require-call', resolveDir: args.resolveDir, importer: args.importer, pluginData: 'as-require' });
    });
  },
};

/** esbuild options for the self-contained worker bundle, from `entryPoints` into `outdir`. */
export function workerBundleOptions({ entryPoints, outdir, sourcemap = true, logLevel = 'warning' }) {
  return { entryPoints, outdir, bundle: true, platform: 'node', target: 'node20', format: 'cjs', sourcemap, logLevel, plugins: [resolveAsRequire] };
}
