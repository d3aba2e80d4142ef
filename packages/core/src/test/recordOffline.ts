/**
 * A separate process for the journal test: records `count` events to a MongoDB that does not answer,
 * closes the store (so they all go to the journal) and exits. Usage:
 *   node --conditions=@activitykit/source recordOffline.ts <journalDir> <count> <idsFile>
 */
import { writeFile } from 'node:fs/promises';
import { createActivityStore } from '../index.ts';

const [journalDir = '', count = '0', idsFile = ''] = process.argv.slice(2);
const store = createActivityStore({
  uri: 'mongodb://127.0.0.1:9/',
  journalDir,
  defaultTenantId: 'acme',
  writer: { maxRetries: 1, retryBaseMs: 10, insertTimeoutMs: 300, flushIntervalMs: 10 },
  onError: () => {},
});
const ids: string[] = [];
for (let i = 0; i < Number(count); i++) {
  ids.push(
    store.record({ action: 'order.created', subject: { type: 'order', id: String(i) } })?.id ?? '',
  );
}
await store.close();
await writeFile(idsFile, JSON.stringify({ ids, metrics: store.metrics() }));
