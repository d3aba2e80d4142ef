/**
 * How far each tenant's log is sealed (the last checkpoint, and how many events wait for the next
 * seal), and which checkpoint seals one event: what tamper evidence shows a reader, read without
 * loading checkpoint entries or decoding a tenant's events on servers that filter only by equality.
 */
import {
  type ActivityEvent,
  type ActivityScopeInput,
  type CheckpointSummary,
  type IntegrityStatus,
  ulidTime,
} from '@activitykit/schema';
import type { Collection } from 'mongodb';
import { type EventDocument, utcDay } from '../internal/document.ts';
import { parseScope } from '../query/readInputs.ts';
import type { ServerProfile } from '../query/server.ts';
import type { CheckpointDocument } from './checkpoint.ts';
import { type CheckpointHead, newestCheckpoint } from './sealerReads.ts';

/** What {@link integrityStatus} and {@link checkpointOf} read. */
export interface IntegrityStatusDeps {
  events: Collection<EventDocument>;
  checkpoints: Collection<CheckpointDocument>;
  /** Which query shapes the server answers in the database (FerretDB: equality only). */
  profile: () => Promise<ServerProfile>;
  clock: () => Date;
  /** Whether the store has a sealing key. */
  sealing: boolean;
  /** The store's scoped read of one event (`NOT_FOUND` outside the scope). */
  get: (id: string, scope: ActivityScopeInput) => Promise<ActivityEvent>;
  /**
   * Every tenant the store's counters know of: their month markers, a few small documents per
   * tenant (a `distinct` over the events decodes every event on FerretDB).
   */
  knownTenants: () => Promise<string[]>;
  /**
   * Each tenant's newest checkpoint as this store last saw it (shared with its seals): checked with
   * one probe by `_id` instead of reading every checkpoint of the tenant, entries and all.
   */
  heads: Map<string, CheckpointHead>;
  /**
   * The tenants with checkpoints whose counters may not know them (stored before counters, or the
   * counters dropped). Defaults to a `distinct` of the first checkpoints' tenants at each call.
   */
  checkpointTenants?: () => Promise<string[]>;
}

/** A checkpoint's summary fields (never its entries, up to thousands per checkpoint). */
const SUMMARY = {
  _id: 1,
  tenantId: 1,
  seq: 1,
  fromId: 1,
  toId: 1,
  count: 1,
  createdAt: 1,
} as const;

type SummaryDocument = Pick<CheckpointDocument, '_id' | keyof CheckpointSummary>;

const DAY_MS = 86_400_000;

/**
 * How far each tenant of `scope` is sealed: its newest checkpoint and the number of events stored
 * after it (ids above its `toId`). `'*'` means every tenant with events or checkpoints. `sealing`
 * and `canVerify` say whether the store has a sealing key (adapters answer `canVerify` from their
 * own `verify` option).
 *
 * On MongoDB the count is one indexed `countDocuments` per tenant. On FerretDB, which filters only
 * top-level equality in the database, it is counted by UTC day (`{ tenantId, day }`): the ids of the
 * last sealed id's day, then one count per later day up to today — so an event recorded after the
 * seal with an `occurredAt` before that day (a backdated import) or after today is not counted there.
 * Counts ignore the scope's `roles`: they are of the tenant's log, as checkpoints are.
 *
 * @example
 * ```ts
 * const status = await integrityStatus({ tenants: ['acme'] }, deps);
 * // { sealing: true, canVerify: true, tenants: [{ tenantId: 'acme', lastCheckpoint: { seq: 4, … }, unsealed: 12 }] }
 * ```
 */
export async function integrityStatus(
  scopeInput: ActivityScopeInput,
  deps: IntegrityStatusDeps,
): Promise<IntegrityStatus> {
  const scope = parseScope(scopeInput);
  const tenantIds =
    scope.tenants === '*' ? await everyTenant(deps) : [...new Set(scope.tenants)].sort();
  const tenants = await Promise.all(
    tenantIds.map(async (tenantId) => {
      const head = await newestCheckpoint(tenantId, {
        checkpoints: deps.checkpoints,
        memory: { heads: deps.heads },
      });
      const lastCheckpoint = head && summaryOf(head);
      const unsealed = await countUnsealed(tenantId, lastCheckpoint?.toId, deps);
      return { tenantId, ...(lastCheckpoint ? { lastCheckpoint } : {}), unsealed };
    }),
  );
  return { sealing: deps.sealing, canVerify: deps.sealing, tenants };
}

/**
 * The checkpoint that seals event `id` — the one whose range `(fromId, toId]` holds it and whose
 * entries list it — or `undefined` while it is not sealed (newer than the last checkpoint, or stored
 * late into a sealed range from a writer's journal). `NOT_FOUND` when `scope` may not see the event.
 *
 * @example
 * ```ts
 * const checkpoint = await checkpointOf(event.id, { tenants: ['acme'] }, deps);
 * checkpoint?.seq; // 3
 * ```
 */
export async function checkpointOf(
  id: string,
  scope: ActivityScopeInput,
  deps: IntegrityStatusDeps,
): Promise<CheckpointSummary | undefined> {
  const event = await deps.get(id, scope);
  // A tenant has one checkpoint per up to `maxEntries` events: few documents, read without entries.
  const all = await deps.checkpoints
    .find({ tenantId: event.tenantId }, { projection: SUMMARY })
    .toArray();
  const range = (all as SummaryDocument[]).find(
    (checkpoint) => checkpoint.fromId < id && id <= checkpoint.toId,
  );
  if (!range) return undefined;
  const held = await deps.checkpoints.findOne(
    { _id: range._id },
    { projection: { 'entries.i': 1 } },
  );
  return held?.entries?.some((entry) => entry.i === id) ? summaryOf(range) : undefined;
}

/**
 * Every tenant with events, or with checkpoints left after their events expired: the counters'
 * month markers (kept when the events go) and the tenants with checkpoints.
 */
async function everyTenant(deps: IntegrityStatusDeps): Promise<string[]> {
  const [withEvents, withCheckpoints] = await Promise.all([
    deps.knownTenants(),
    deps.checkpointTenants?.() ?? firstCheckpointTenants(deps.checkpoints),
  ]);
  return [...new Set([...withEvents, ...withCheckpoints].map(String))].sort();
}

/** Events of `tenantId` with ids above `toId` (all of them without a checkpoint). */
/**
 * The tenants of first checkpoints (`seq: 1`, an equality FerretDB filters in the database: a
 * `distinct` over every checkpoint decodes each one, entries and all).
 */
export async function firstCheckpointTenants(
  checkpoints: Collection<CheckpointDocument>,
): Promise<string[]> {
  return (await checkpoints.distinct('tenantId', { seq: 1 })).map(String);
}

async function countUnsealed(
  tenantId: string,
  toId: string | undefined,
  deps: IntegrityStatusDeps,
): Promise<number> {
  const { events } = deps;
  if (toId === undefined) return events.countDocuments({ tenantId });
  if ((await deps.profile()) === 'mongodb') {
    return events.countDocuments({ tenantId, _id: { $gt: toId } });
  }
  // Equality probes only: a range on `_id` would decode every event of the tenant in Go.
  const first = utcDay(ulidTime(toId));
  const sameDay = await events.find({ tenantId, day: first }, { projection: { _id: 1 } }).toArray();
  let count = sameDay.filter((doc) => doc._id > toId).length;
  const today = utcDay(deps.clock());
  for (let at = Date.parse(`${first}T00:00:00Z`) + DAY_MS; utcDay(at) <= today; at += DAY_MS) {
    count += await events.countDocuments({ tenantId, day: utcDay(at) });
  }
  return count;
}

function summaryOf(doc: Pick<CheckpointDocument, keyof CheckpointSummary>): CheckpointSummary {
  const { tenantId, seq, fromId, toId, count, createdAt } = doc;
  return { tenantId, seq, fromId, toId, count, createdAt };
}
