import { afterAll, expect, onTestFinished } from 'vitest';

type CleanUp = () => Promise<unknown> | unknown;

/** Clean-ups of resources made outside a test, run after the test file's tests, last made first. */
const afterFile: CleanUp[] = [];
// This module is evaluated once per test file (vitest isolates files), while the file is collected:
// the hook belongs to the file. Hooks registered later — inside a test or a `beforeAll` — never run.
afterAll(async () => {
  for (const cleanup of afterFile.splice(0).reverse()) await cleanup();
});

/**
 * Runs `cleanup` once the caller's resource is no longer needed: when the current test finishes if
 * it was made inside a test, else after the test file's tests. (A bare `afterAll` called inside a
 * test or a `beforeAll` is never run: stores made there were left open and their journal
 * directories behind.)
 *
 * @example
 * ```ts
 * const dir = await mkdtemp(join(tmpdir(), 'ak-journal-'));
 * cleanUp(() => rm(dir, { recursive: true, force: true }));
 * ```
 */
export function cleanUp(cleanup: CleanUp): void {
  if (expect.getState().currentTestName !== undefined)
    onTestFinished(async () => void (await cleanup()));
  else afterFile.push(cleanup);
}
