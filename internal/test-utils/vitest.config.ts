import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    // The root `pnpm test` sums these reports (this package's own tests need no database).
    reporters: ['default', ['json', { outputFile: '.reports/vitest.json' }]],
    include: ['src/**/*.test.ts'],
  },
});
