import { fileURLToPath } from 'node:url';
import { activityKitProject } from '@activitykit/test-utils/vitest';

/**
 * End-to-end tests in headless Chromium against the demo server (one per test file, on its own
 * database of the run's dev database). The web app is built once before the suite.
 */
export default activityKitProject({
  test: {
    include: ['e2e/**/*.test.ts'],
    globalSetup: [fileURLToPath(new URL('./e2e/buildWebOnce.ts', import.meta.url))],
    fileParallelism: false,
    testTimeout: 90_000,
    // Each filter change is a new query; on a loaded machine FerretDB takes seconds to answer one,
    // so polled expectations wait well past vitest's default second.
    expect: { poll: { timeout: 20_000, interval: 200 } },
  },
});
