/**
 * What the tests that run the built app (out/) need to know about the build test/global-setup.ts made before the
 * workers started: whether it failed, and why.
 */
import { inject } from 'vitest';

/** The outcome of the global set-up's build: `built` false and no error when out/ was already up to date. */
export interface AppBuild {
  built: boolean;
  error: string | null;
}

declare module 'vitest' {
  export interface ProvidedContext {
    appBuild: AppBuild;
  }
}

/**
 * Throws the build's failure, so a test that runs out/ fails with the reason instead of testing an old or half
 * build. Outside the repository's vitest config (no global set-up ran) there is nothing to check.
 */
export function assertAppBuilt(): void {
  let build: AppBuild | undefined;
  try {
    build = inject('appBuild');
  } catch {
    build = undefined;
  }
  if (build?.error) throw new Error(`The app could not be built, so the built files cannot be tested:\n${build.error}`);
}
