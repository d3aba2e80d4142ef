import type { Collection, Document, IndexDescription } from 'mongodb';
import type { ServerProfile } from '../query/server.ts';
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
  { key: { tenantId: 1, _id: 1 }, name: 'tenant_id' },
  { key: { tenantId: 1, quarter: 1 }, name: 'tenant_quarter' },
  // The few events the security signals mark (a month of permission changes is one read).
  {
    key: { tenantId: 1, marks: 1 },
    name: 'tenant_marks',
    partialFilterExpression: { marks: { $exists: true } },
  },
];

/**
 * FerretDB uses no compound index, but its PostgreSQL backend can serve top-level equality from
 * an index on the field (the dev database gives each a GIN twin): one per field the store reads by.
 */
export const EQUALITY_EVENT_INDEXES: IndexDescription[] = [
  // Each probe names a day or an hour (or a record, or the live hub's quarter hour): one selective
  // index per probe; the probe's other equalities (tenant, kind, actor) are checked on the few
  // rows it finds. Every further index slows each insert (measured: ~2,500 → ~900 events/s with
  // seven), so there are no more. Marks are the exception: few events carry one, and a month of
  // permission changes (`{ tenantId, marks }`, no day) would otherwise be read by scanning the tenant.
  { key: { day: 1 }, name: 'eq_day' },
  { key: { hour: 1 }, name: 'eq_hour' },
  { key: { refKeys: 1 }, name: 'eq_ref' },
  { key: { quarter: 1 }, name: 'eq_quarter' },
  { key: { marks: 1 }, name: 'eq_marks' },
  // A seal reads the events stored since its last checkpoint by the hour of their ids.
  { key: { idHour: 1 }, name: 'eq_id_hour' },
];
/** The rollup collection's indexes: by type and tenant, then month or day. */
export function rollupIndexes(profile: ServerProfile): IndexDescription[] {
  return profile === 'equality'
    ? [
        // Reads name a month or a day, and a type: PostgreSQL joins the type's index with the
        // month's or day's (month markers, named by type and tenant only, are found at once).
        // The tenant is checked on the rows those find.
        { key: { month: 1 }, name: 'eq_month' },
        { key: { day: 1 }, name: 'eq_day' },
        { key: { type: 1 }, name: 'eq_type' },
      ]
    : [
        { key: { type: 1, tenantId: 1, month: 1 }, name: 'type_tenant_month' },
        { key: { type: 1, tenantId: 1, day: 1 }, name: 'type_tenant_day' },
      ];
}

const UNUSED_ON_EQUALITY = [
  ...EVENT_INDEXES.map((index) => index.name as string),
  'eq_tenant',
  'eq_kind',
  'eq_actor_keys',
];

/** What the server could do when the indexes were made. */
export interface IndexReport {
  /** The server keeps a TTL index on `expiresAt` (MongoDB does; FerretDB 1.24 does not). */
  ttl: boolean;
}

/**
 * Creates the event indexes that are missing, and the TTL index where the server supports one.
 * Only missing ones are sent: FerretDB 1.24 drops the connection when `createIndexes` repeats several
 * indexes that exist already.
 */
export async function ensureEventIndexes(
  collection: Collection<EventDocument>,
  profile: ServerProfile,
): Promise<IndexReport> {
  await ensureIndexes(collection, profile === 'equality' ? EQUALITY_EVENT_INDEXES : EVENT_INDEXES);
  const names = new Set(
    (await collection.listIndexes().toArray()).map((index) => String(index.name)),
  );
  if (profile === 'equality') {
    // Indexes an earlier version made here: FerretDB reads none of them, and each slows inserts.
    for (const name of UNUSED_ON_EQUALITY) {
      if (names.has(name)) await collection.dropIndex(name);
    }
  }
  if (names.has('retention_ttl')) return { ttl: true };
  // FerretDB 1.24 refuses TTL indexes (and may drop the connection when asked again).
  if (profile === 'equality') return { ttl: false };
  try {
    await collection.createIndex(
      { expiresAt: 1 },
      { name: 'retention_ttl', expireAfterSeconds: 0 },
    );
    return { ttl: true };
  } catch {
    // Another server without TTL indexes: the sweeper does the work.
    return { ttl: false };
  }
}

/**
 * Creates the indexes of `wanted` that are missing. Only missing ones are sent: FerretDB 1.24 drops
 * the connection when `createIndexes` repeats several indexes that exist already.
 */
export async function ensureIndexes<T extends Document>(
  collection: Collection<T>,
  wanted: IndexDescription[],
): Promise<void> {
  const existing = await collection
    .listIndexes()
    .toArray()
    .catch(() => []); // a collection that does not exist yet has none
  const names = new Set(existing.map((index) => String(index.name)));
  const missing = wanted.filter((index) => !names.has(index.name ?? ''));
  if (missing.length > 0) await collection.createIndexes(missing);
}
