/**
 * What the current writer stores, in short: the fields of a stored event and the collections beside
 * the events collection that writing fills (rollups, meta…). A seed made by another version of the
 * writer has another shape, and the benchmark seeds again rather than measure the new queries on
 * documents the old writer made.
 */
import { createActivityStore } from '@activitykit/core';
import type { MongoClient } from 'mongodb';
import type { EventInput } from './historyParts.ts';

const PROBE = 'bench_probe';
const PROBE_EVENT: EventInput = {
  tenantId: 'acme',
  occurredAt: new Date('2026-01-05T10:00:00Z'),
  actor: { id: 'acme-bob', type: 'user', name: 'Bob Jones', email: 'bob@acme.test', role: 'staff' },
  action: 'order.status_changed',
  subject: { type: 'order', id: 'acme-o1', label: 'Order #1' },
  refs: [{ type: 'customer', id: 'acme-c1', label: 'Anna Lee' }],
  changes: [{ path: 'status', before: 'new', after: 'paid' }],
  context: { ip: '10.1.0.11', requestId: 'req-probe' },
  metadata: { amount: 42 },
};

/** Writes one probe event through a store on a scratch collection and describes what was stored. */
export async function writerShape(
  client: MongoClient,
  { dbName, journalDir }: { dbName: string; journalDir: string },
): Promise<string> {
  const db = client.db(dbName);
  const scratch = async () =>
    (await db.listCollections({}, { nameOnly: true }).toArray())
      .map(({ name }) => name)
      .filter((name) => name.startsWith(PROBE))
      .sort();
  for (const name of await scratch()) await db.dropCollection(name);
  const store = createActivityStore({ client, dbName, collection: PROBE, journalDir });
  await store.record(PROBE_EVENT, { durable: true });
  await store.close();
  const stored = await db.collection(PROBE).findOne({});
  const collections = await scratch();
  for (const name of collections) await db.dropCollection(name);
  const fields = Object.keys(stored ?? {}).sort();
  return `fields ${fields.join(',')}; collections ${collections.map((name) => name.slice(PROBE.length) || '.').join(',')}`;
}
