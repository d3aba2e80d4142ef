/**
 * What a seal reads, kept cheap on servers that filter only by equality (FerretDB decodes every
 * document a range or a sort touches, ~300 µs each): the newest checkpoint without reading every
 * checkpoint of the tenant, and the events due without decoding every event of the tenant.
 */
import { ulidTime } from '@activitykit/schema';
import type { Collection } from 'mongodb';
import { type EventDocument, utcHoursBetween } from '../internal/document.ts';
import type { ServerProfile } from '../query/server.ts';
import { type CheckpointDocument, checkpointId } from './checkpoint.ts';

/** A tenant's newest checkpoint without its entries: what the next one chains on, and its summary. */
export type CheckpointHead = Pick<
  CheckpointDocument,
  'tenantId' | 'seq' | 'fromId' | 'toId' | 'count' | 'createdAt' | 'hash' | 'idHours'
>;

/**
 * What one store's seals remember between runs, per tenant: the newest checkpoint it read or wrote,
 * and whether it has read the tenant's due events in one whole pass (after which it reads on by
 * `idHour`). Lost with the process.
 */
export interface SealerMemory {
  heads: Map<string, CheckpointHead>;
  readWhole: Set<string>;
}

/** A memory with nothing in it yet. */
export function createSealerMemory(): SealerMemory {
  return { heads: new Map(), readWhole: new Set() };
}

export interface SealerReadDeps {
  events: Collection<EventDocument>;
  checkpoints: Collection<CheckpointDocument>;
  profile: () => Promise<ServerProfile>;
  memory: SealerMemory;
}

const HEAD = {
  _id: 0,
  tenantId: 1,
  seq: 1,
  fromId: 1,
  toId: 1,
  count: 1,
  createdAt: 1,
  hash: 1,
  idHours: 1,
} as const;
/** More hours than this since the last checkpoint are read in one whole pass instead. */
const MAX_HOUR_PROBES = 168;

/**
 * The tenant's newest checkpoint. Known from an earlier seal or read of this store, it is checked
 * with one probe by `_id` for a next one (another sealer went on: then all are read, sorted by
 * `seq`, which FerretDB does by decoding each, entries and all).
 */
export async function newestCheckpoint(
  tenantId: string,
  deps: { checkpoints: Collection<CheckpointDocument>; memory: Pick<SealerMemory, 'heads'> },
): Promise<CheckpointHead | undefined> {
  const known = deps.memory.heads.get(tenantId);
  if (known) {
    const next = await deps.checkpoints.findOne(
      { _id: checkpointId(tenantId, known.seq + 1) },
      { projection: { _id: 1 } },
    );
    if (!next) return known;
  }
  const [newest] = await deps.checkpoints
    .find({ tenantId }, { projection: HEAD })
    .sort({ seq: -1 })
    .limit(1)
    .toArray();
  if (newest) deps.memory.heads.set(tenantId, newest);
  else deps.memory.heads.delete(tenantId);
  return newest;
}

/**
 * The tenant's events with ids in `(fromId, upTo)`, in no particular order, streamed (a seal keeps
 * about 150 bytes of each, not the document).
 *
 * On MongoDB one range read of the `tenant_id` index. On a server that filters only by equality,
 * after a checkpoint of this version (`idHours`) or once this store has read the tenant in one
 * whole pass, it reads one probe per UTC hour of the ids from `fromId`'s to `upTo`'s
 * (`{ tenantId, idHour }`, an index lookup): the hour is the id's own, so no event in the range is
 * left out, whatever its `occurredAt`. Otherwise (the first seal after an earlier version's, or
 * one more than a week behind) it reads the whole tenant once, which also takes events stored
 * without `idHour`.
 */
export async function* dueEvents(
  request: {
    tenantId: string;
    /** The newest checkpoint, if any. */
    after: Pick<CheckpointHead, 'toId' | 'idHours'> | undefined;
    /** The exclusive upper bound of the ids. */
    upTo: string;
  },
  deps: SealerReadDeps,
): AsyncGenerator<EventDocument> {
  const { tenantId, after, upTo } = request;
  const fromId = after?.toId ?? '';
  const hours = fromId
    ? utcHoursBetween(ulidTime(fromId), ulidTime(upTo), MAX_HOUR_PROBES)
    : undefined;
  if (
    hours &&
    hours.length <= MAX_HOUR_PROBES &&
    (after?.idHours || deps.memory.readWhole.has(tenantId)) &&
    (await deps.profile()) === 'equality'
  ) {
    for (const idHour of hours) {
      const docs = await deps.events.find({ tenantId, idHour }).toArray();
      for (const doc of docs) if (doc._id > fromId && doc._id < upTo) yield doc;
    }
    return;
  }
  // One pass in the server's natural order (the caller sorts): servers without sort pushdown
  // (FerretDB sorts in its own memory, gigabytes for a million events) read the range once.
  yield* deps.events.find({ tenantId, _id: { $gt: fromId, $lt: upTo } }).batchSize(1000);
  deps.memory.readWhole.add(tenantId);
}
