import { activityKitProject } from '@activitykit/test-utils/vitest';

export default activityKitProject({
  test: {
    // Type tests (`*.test-d.ts`) run with tsc alongside the other tests.
    typecheck: { enabled: true, include: ['src/**/*.test-d.ts'], tsconfig: './tsconfig.json' },
  },
});
