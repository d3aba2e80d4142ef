import type { ActorCount, ActorSummary } from '@activitykit/schema';
import type { Collection } from 'mongodb';
import type { EventDocument } from '../internal/document.ts';
import type { EventMatch, GroupRow } from './shared.ts';

export type { ActorCount, ActorSummary };

/**
 * The `limit` actors with the most events matching `match` (ties by id), each described by their
 * most recent matching event: one `$group` on `actor.id`, then one indexed `find` per actor — no
 * `$lookup`, which FerretDB lacks.
 *
 * @example
 * ```ts
 * const top = await topActors(collection, { match: { tenantId: 'acme' }, limit: 5 });
 * // [{ actor: { id: 'u1', type: 'user', name: 'Alice' }, count: 42 }, …]
 * ```
 */
export async function topActors(
  collection: Collection<EventDocument>,
  options: { match: EventMatch; limit: number },
): Promise<ActorCount[]> {
  const { match, limit } = options;
  const rows = await collection
    .aggregate<GroupRow<string>>([
      { $match: match },
      { $group: { _id: '$actor.id', n: { $sum: 1 } } },
      { $sort: { n: -1, _id: 1 } },
      { $limit: limit },
    ])
    .toArray();
  return Promise.all(
    rows.map(async (row) => {
      const latest = await collection
        .find({ $and: [match, { 'actor.id': row._id }] } as EventMatch, {
          projection: { actor: 1 },
          sort: { occurredAt: -1, _id: -1 },
          limit: 1,
        })
        .next();
      const actor = latest?.actor;
      const summary: ActorSummary = { id: row._id, type: actor?.type ?? 'user' };
      if (actor?.name) summary.name = actor.name;
      if (actor?.role) summary.role = actor.role;
      return { actor: summary, count: row.n };
    }),
  );
}
