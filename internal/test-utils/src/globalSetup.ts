import { startDevDb } from '@activitykit/devdb';
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The dev database of this test run (see `createTestDb`). */
    mongoUri: string;
  }
}

/**
 * Vitest global setup: one dev database for the whole test run. Under the root `pnpm test` it is the
 * server that `activitykit-devdb` started (MONGODB_URI); a package tested on its own starts one.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const db = await startDevDb();
  project.provide('mongoUri', db.uri);
  return () => db.stop();
}
