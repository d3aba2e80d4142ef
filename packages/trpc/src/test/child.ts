import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ActivityEventInput } from '@activitykit/schema';
import { runOnSources, type TestDb } from '@activitykit/test-utils';

const script = new URL('./recordFromChild.ts', import.meta.url);

/** Records `events` from a child Node process with its own store; resolves with their ids. */
export async function recordFromChild(
  testDb: TestDb,
  collection: string,
  events: ActivityEventInput[],
): Promise<string[]> {
  const journalDir = await mkdtemp(join(tmpdir(), 'ak-trpc-child-'));
  try {
    const args = [
      testDb.uri,
      testDb.db.databaseName,
      collection,
      journalDir,
      JSON.stringify(events),
    ];
    const stdout = await runOnSources(script, args, { timeoutMs: 30_000 });
    return stdout.trim().split('\n');
  } finally {
    await rm(journalDir, { recursive: true, force: true });
  }
}
