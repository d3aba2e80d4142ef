import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    // These tests start their own servers, so they skip the workspace's shared dev database.
    reporters: ['default', ['json', { outputFile: '.reports/vitest.json' }]],
    testTimeout: 60_000,
    hookTimeout: 600_000,
  },
});
