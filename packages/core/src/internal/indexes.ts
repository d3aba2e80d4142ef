import type { Collection, IndexDescription } from 'mongodb';
import type { EventDocument } from './document.ts';

/**
 * The indexes every read path uses. Each list query is `tenantId` (scope) + optional field +
 * `occurredAt, _id` (sort and cursor), so one compound index answers it; the timeline of a record
 * is the multikey `refKeys` index; administrators reading every tenant use `time`.
 */
export const EVENT_INDEXES: IndexDescription[] = [
  { key: { tenantId: 1, occurredAt: -1, _id: -1 }, name: 'tenant_time' },
  { key: { tenantId: 1, refKeys: 1, occurredAt: -1, _id: -1 }, name: 'tenant_ref_time' },
  { key: { tenantId: 1, 'actor.id': 1, occurredAt: -1, _id: -1 }, name: 'tenant_actor_time' },
  { key: { tenantId: 1, kind: 1, occurredAt: -1, _id: -1 }, name: 'tenant_kind_time' },
  { key: { tenantId: 1, category: 1, occurredAt: -1, _id: -1 }, name: 'tenant_category_time' },
  { key: { tenantId: 1, action: 1, occurredAt: -1, _id: -1 }, name: 'tenant_action_time' },
  { key: { tenantId: 1, 'context.ip': 1, occurredAt: -1, _id: -1 }, name: 'tenant_ip_time' },
  { key: { occurredAt: -1, _id: -1 }, name: 'time' },
];

/** What the server could do when the indexes were made. */
export interface IndexReport {
  /** The server keeps a TTL index on `expiresAt` (MongoDB does; FerretDB 1.24 does not). */
  ttl: boolean;
}

/** Creates the event indexes (idempotent), and the TTL index where the server supports one. */
export async function ensureEventIndexes(
  collection: Collection<EventDocument>,
): Promise<IndexReport> {
  await collection.createIndexes(EVENT_INDEXES);
  try {
    await collection.createIndex(
      { expiresAt: 1 },
      { name: 'retention_ttl', expireAfterSeconds: 0 },
    );
    return { ttl: true };
  } catch {
    // FerretDB: "Index option expireAfterSeconds is not implemented yet" — the sweeper does it.
    return { ttl: false };
  }
}
