import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import type { ActivityEventInput } from '@activitykit/schema';
import type { TestDb } from '@activitykit/test-utils';

const script = fileURLToPath(new URL('./recordFromChild.ts', import.meta.url));

/** Records `events` from a child Node process with its own store; resolves with their ids. */
export async function recordFromChild(
  testDb: TestDb,
  collection: string,
  events: ActivityEventInput[],
): Promise<string[]> {
  const journalDir = await mkdtemp(join(tmpdir(), 'ak-trpc-child-'));
  try {
    const { stdout } = await promisify(execFile)(
      process.execPath,
      [
        '--conditions=@activitykit/source',
        script,
        testDb.uri,
        testDb.db.databaseName,
        collection,
        journalDir,
        JSON.stringify(events),
      ],
      { timeout: 30_000 },
    );
    return stdout.trim().split('\n');
  } finally {
    await rm(journalDir, { recursive: true, force: true });
  }
}
