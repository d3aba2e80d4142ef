import type { Actor } from '@activitykit/schema';
import { findBursts, inTenant } from '@activitykit/schema';
import { BULK_DELETED } from '../integrity/explanations.ts';
import { type BurstEvent, burstSignal } from './bursts.ts';
import { makeSignal, type SecuritySignal, type SignalSettings } from './securitySignal.ts';
import { displayName, signalMessage } from './signalMessages.ts';
import type { SignalSource } from './signalReads.ts';

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
 * const signals = await bulkDeleteSignals(source, signalSettings({ match, range }));
 * ```
 */
export async function bulkDeleteSignals(
  source: SignalSource,
  settings: SignalSettings,
): Promise<SecuritySignal[]> {
  const [deletes, logDeletes] = await Promise.all([
    source.bursts('delete', settings.bulkDelete),
    source
      .candidates('bulk_log')
      .then((docs) => docs.filter((doc) => doc.action === BULK_DELETED).slice(0, MAX_LOG_DELETES)),
  ]);
  const bursts = findBursts(
    deletes.filter((doc) => doc.action !== BULK_DELETED),
    {
      keyOf: ({ tenantId, actor }) =>
        inTenant(
          tenantId,
          typeof actor?.id === 'string' ? { id: actor.id, key: actor.id } : undefined,
        ),
      threshold: settings.bulkDelete.threshold,
      windowMs: settings.bulkDelete.windowMinutes * 60_000,
    },
  );
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
