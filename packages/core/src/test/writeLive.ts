/**
 * One writer process for the live-hub test: records `count` events for the given tenants through
 * the batching writer (a few at a time, with short pauses, so the batches of several processes
 * interleave), flushes, closes and prints `[{ id, tenantId, action }]` as JSON.
 *   node --conditions=@activitykit/source writeLive.ts <uri> <dbName> <collection> <count> <tenants,…> <journalDir>
 */
import { createActivityStore } from '../index.ts';

const [uri = '', dbName = '', collection = '', count = '0', tenants = '', journalDir = ''] =
  process.argv.slice(2);
const store = createActivityStore({
  uri,
  dbName,
  collection,
  journalDir,
  writer: { flushIntervalMs: 40 },
});
const names = tenants.split(',');
const written: { id: string; tenantId: string; action: string }[] = [];
for (let i = 0; i < Number(count); i++) {
  const tenantId = names[i % names.length] as string;
  const action = i % 3 === 0 ? 'order.deleted' : 'order.created';
  const event = store.record({
    tenantId,
    action,
    actor: { id: `writer-${process.pid}`, type: 'system' },
    subject: { type: 'order', id: `${process.pid}-${i}` },
  });
  if (event) written.push({ id: event.id, tenantId, action });
  if (i % 5 === 4) await new Promise((resolve) => setTimeout(resolve, 15));
}
await store.flush();
await store.close();
process.stdout.write(JSON.stringify(written));
