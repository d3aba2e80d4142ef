/**
 * Run by the live-stream test as a separate `node` process: opens its own store on the same
 * database and collection, records the events given in `AK_EVENTS` (JSON), waits until they are
 * stored and prints their ids as JSON.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createActivityStore } from '@activitykit/core';
import type { ActivityEventInput } from '@activitykit/schema';

const journalDir = await mkdtemp(join(tmpdir(), 'ak-child-journal-'));
const store = createActivityStore({
  uri: String(process.env.AK_URI),
  dbName: String(process.env.AK_DB),
  collection: String(process.env.AK_COLLECTION),
  journalDir,
});
const inputs = JSON.parse(String(process.env.AK_EVENTS)) as ActivityEventInput[];
const ids: string[] = [];
for (const input of inputs) {
  const event = await store.record(input, { durable: true });
  if (event) ids.push(event.id);
}
await store.close();
await rm(journalDir, { recursive: true, force: true });
process.stdout.write(JSON.stringify(ids));
