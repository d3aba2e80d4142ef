import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    // These tests start their own servers (and build FerretDB on a cold cache).
    testTimeout: 60_000,
    hookTimeout: 600_000,
  },
});
