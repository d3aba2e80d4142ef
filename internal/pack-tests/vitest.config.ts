import { fileURLToPath } from 'node:url';
import { activityKitProject } from '@activitykit/test-utils/vitest';

/** One build, pack and scratch-app install per run (beside the run's dev database). */
export default activityKitProject({
  test: {
    include: ['src/**/*.test.ts'],
    globalSetup: [fileURLToPath(new URL('./src/packAndInstall.ts', import.meta.url))],
    testTimeout: 120_000,
  },
});
