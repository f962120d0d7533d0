import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts', 'test/**/*.test.tsx'],
    environment: 'node',
    // Builds out/ once, before the workers start, when a source is newer than it (the CLI, browser-host and
    // packaging tests run the built files).
    globalSetup: ['test/global-setup.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // Integration and e2e tests start Chromium; two cores do not take more than two at once.
    maxWorkers: 2,
    // UI and process tests wait for the app; a busy CI machine may take seconds where a quiet one takes ms.
    expect: { poll: { timeout: 15_000 } },
  },
});
