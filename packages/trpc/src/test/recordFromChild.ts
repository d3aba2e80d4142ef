/**
 * Records events from another process, as a second app server would:
 *   node --conditions=@activitykit/source recordFromChild.ts <uri> <dbName> <collection> <journalDir> <events JSON>
 */
import { createActivityStore } from '@activitykit/core';
import type { ActivityEventInput } from '@activitykit/schema';

const [uri = '', dbName = '', collection = '', journalDir = '', json = '[]'] =
  process.argv.slice(2);
const store = createActivityStore({ uri, dbName, collection, journalDir });
for (const event of JSON.parse(json) as ActivityEventInput[]) {
  const stored = await store.record(event, { durable: true });
  process.stdout.write(`${stored?.id}\n`);
}
await store.close();
