import type { Actor } from '@activitykit/schema';
import type { Collection } from 'mongodb';
import { BULK_DELETED } from '../integrity/explanations.ts';
import type { EventDocument } from '../internal/document.ts';
import { type BurstEvent, burstSignal, findBursts, inTenant } from './bursts.ts';
import { makeSignal, type SecuritySignal, type SignalSettings } from './securitySignal.ts';
import { within } from './shared.ts';
import { displayName, signalMessage } from './signalMessages.ts';

/** `activity.bulk_deleted` records of one operation (one per 400 ids) are at most this far apart. */
const SAME_OPERATION_MS = 60_000;
/** The most `activity.bulk_deleted` records read for one call. */
const MAX_LOG_DELETES = 1000;

/**
 * Bulk deletes, both kinds, high severity: at least `bulkDelete.threshold` `delete` events by one
 * actor of one tenant within any `bulkDelete.windowMinutes`, and every bulk delete of the activity log itself
 * (`activity.bulk_deleted`; the records of one operation — same actor, tenant and total, less than a
 * minute apart — make one signal whose count is the number of entries deleted).
 *
 * @example
 * ```ts
 * const signals = await bulkDeleteSignals(collection, signalSettings({ match, range }));
 * ```
 */
export async function bulkDeleteSignals(
  collection: Collection<EventDocument>,
  settings: SignalSettings,
): Promise<SecuritySignal[]> {
  const [bursts, logDeletes] = await Promise.all([
    findBursts(collection, {
      match: within(settings.match, settings.range, {
        kind: 'delete',
        action: { $ne: BULK_DELETED },
      }),
      groupBy: { tn: '$tenantId', a: '$actor.id' },
      keyOf: ({ tn, a }) =>
        inTenant(
          tn,
          typeof a === 'string' ? { id: a, key: a, filter: { 'actor.id': a } } : undefined,
        ),
      threshold: settings.bulkDelete.threshold,
      windowMs: settings.bulkDelete.windowMinutes * 60_000,
    }),
    collection
      .find(within(settings.match, settings.range, { action: BULK_DELETED }), {
        projection: { _id: 1, occurredAt: 1, actor: 1, tenantId: 1, metadata: 1 },
        sort: { occurredAt: 1, _id: 1 },
        limit: MAX_LOG_DELETES,
      })
      .toArray(),
  ]);
  const signals = bursts.map((burst) =>
    burstSignal(burst, settings, {
      type: 'bulk_delete',
      facts: {
        type: 'bulk_delete',
        who: displayName((burst.events[0] as BurstEvent).actor),
        count: burst.events.length,
        rule: settings.bulkDelete,
      },
      high: true,
    }),
  );

  const operations: (typeof logDeletes)[] = [];
  for (const doc of logDeletes) {
    const operation = operations.at(-1);
    const previous = operation?.at(-1);
    const same =
      previous &&
      previous.actor.id === doc.actor.id &&
      previous.tenantId === doc.tenantId &&
      previous.metadata?.total === doc.metadata?.total &&
      doc.occurredAt.getTime() - previous.occurredAt.getTime() < SAME_OPERATION_MS;
    if (operation && same) operation.push(doc);
    else operations.push([doc]);
  }
  for (const operation of operations) {
    const first = operation[0] as (typeof operation)[number];
    const window = { from: first.occurredAt, to: (operation.at(-1) ?? first).occurredAt };
    const count = entriesOf(operation.map((doc) => doc.metadata));
    signals.push(
      makeSignal(
        {
          type: 'bulk_delete',
          severity: 'high',
          key: first.actor.id,
          tenantId: first.tenantId,
          window,
          count,
          description: signalMessage(
            { type: 'bulk_deleted_log', who: displayName(first.actor as Actor), count },
            { ...settings, window },
          ),
          events: operation,
        },
        settings.limitEvents,
      ),
    );
  }
  return signals;
}

/**
 * How many entries one operation deleted: the ids its records list, else the `total` (or `count`) in
 * its metadata, else one per record.
 */
function entriesOf(metadata: (Record<string, unknown> | undefined)[]): number {
  const lists = metadata.map((data) => data?.ids);
  if (lists.every((ids) => Array.isArray(ids))) {
    return lists.reduce((sum, ids) => sum + ids.length, 0);
  }
  const total = Number(metadata[0]?.total ?? metadata[0]?.count);
  return Number.isInteger(total) && total > 0 ? total : metadata.length;
}
