/**
 * One writer-and-sealer process for the integrity test: records `count` events over about a second
 * while sealing in the background every 100 ms (events older than 500 ms), then closes.
 *   node --conditions=@activitykit/source writeAndSeal.ts <uri> <dbName> <collection> <keyFile> <count> <journalDir>
 */
import { readFile } from 'node:fs/promises';
import { createActivityStore } from '../index.ts';

const [uri = '', dbName = '', collection = '', keyFile = '', count = '0', journalDir = ''] =
  process.argv.slice(2);
const store = createActivityStore({
  uri,
  dbName,
  collection,
  journalDir,
  defaultTenantId: 'acme',
  writer: { flushIntervalMs: 10 },
  integrity: {
    privateKey: await readFile(keyFile, 'utf8'),
    sealIntervalMs: 100,
    sealDelayMs: 500,
    maxEntries: 50,
  },
});
for (let i = 0; i < Number(count); i++) {
  store.record({ action: 'order.created', subject: { type: 'order', id: `${process.pid}-${i}` } });
  if (i % 10 === 9) await new Promise((resolve) => setTimeout(resolve, 25));
}
await store.flush();
await new Promise((resolve) => setTimeout(resolve, 300));
await store.close();
