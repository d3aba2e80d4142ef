import { startDevDb } from '@activitykit/devdb';
import type { TestProject } from 'vitest/node';

import './providedContext.ts';

/**
 * Vitest global setup: one dev database for the whole test run. Under the root `pnpm test` it is the
 * server that `activitykit-devdb` started (MONGODB_URI); a package tested on its own starts one.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const db = await startDevDb();
  project.provide('mongoUri', db.uri);
  return () => db.stop();
}
