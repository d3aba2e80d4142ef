import type { ActivityEvent, ActivityEventInput } from '@activitykit/schema';
import type { Collection } from 'mongodb';
import type { EventDocument } from './internal/document.ts';

/** How long events are kept. */
export interface RetentionOptions {
  /** Days an event is kept. Defaults to `365`. */
  days?: number;
  /** Days per tenant, e.g. `{ 'startup-plan-tenant': 30 }`; others get `days`. Defaults to `{}`. */
  tenants?: Record<string, number>;
  /** Run the sweeper this often in the background; `false` to run it yourself. Defaults to `false`. */
  sweepIntervalMs?: number | false;
  /** Events deleted per `deleteMany`. Defaults to `1000`. */
  batchSize?: number;
}

/** What one sweep deleted, per tenant (tenants with nothing expired are left out). */
export interface SweepResult {
  deleted: number;
  tenants: { tenantId: string; deleted: number; before: Date; days: number }[];
}

export interface Retention {
  /** Days kept for a tenant. */
  daysFor(tenantId: string): number;
  /** When an event of this tenant, at this time, expires. */
  expiresAt(tenantId: string, occurredAt: Date): Date;
  sweep(now: Date): Promise<SweepResult>;
}

const DAY_MS = 86_400_000;

export function createRetention(
  collection: Collection<EventDocument>,
  options: RetentionOptions,
  /** Called with each batch deleted (the store takes them out of its rollups). */
  onDeleted?: (docs: EventDocument[]) => Promise<void>,
): Retention {
  const days = options.days ?? 365;
  const batchSize = options.batchSize ?? 1000;
  const daysFor = (tenantId: string) => options.tenants?.[tenantId] ?? days;

  return {
    daysFor,
    expiresAt: (tenantId, occurredAt) =>
      new Date(occurredAt.getTime() + daysFor(tenantId) * DAY_MS),
    async sweep(now) {
      const result: SweepResult = { deleted: 0, tenants: [] };
      const tenants = (await collection.distinct('tenantId')) as string[];
      for (const tenantId of tenants.sort()) {
        const tenantDays = daysFor(tenantId);
        const before = new Date(now.getTime() - tenantDays * DAY_MS);
        let deleted = 0;
        for (;;) {
          const expired = await collection
            .find({ tenantId, occurredAt: { $lt: before } })
            .limit(batchSize)
            .toArray();
          if (expired.length === 0) break;
          const { deletedCount } = await collection.deleteMany({
            _id: { $in: expired.map((doc) => doc._id) },
          });
          deleted += deletedCount;
          await onDeleted?.(expired);
        }
        if (deleted > 0) result.tenants.push({ tenantId, deleted, before, days: tenantDays });
        result.deleted += deleted;
      }
      return result;
    },
  };
}

/** What `sweepAndRecord` needs from the store. */
export interface SweepDeps {
  retention: Pick<Retention, 'sweep'>;
  clock: () => Date;
  record: (
    event: ActivityEventInput,
    options: { durable: true },
  ) => Promise<ActivityEvent | undefined>;
}

/**
 * `store.sweepExpired()`: deletes what expired by `options.now` (the clock's now by default), then
 * records a `retention.swept` event per tenant swept, durably, so `verify` can tell it from tampering.
 */
export async function sweepAndRecord(
  deps: SweepDeps,
  options: { now?: Date } | undefined,
): Promise<SweepResult> {
  const result = await deps.retention.sweep(options?.now ?? deps.clock());
  for (const swept of result.tenants) {
    await deps.record(
      {
        tenantId: swept.tenantId,
        action: 'retention.swept',
        kind: 'delete',
        category: 'system',
        subject: { type: 'activity_log', id: swept.tenantId },
        metadata: {
          deleted: swept.deleted,
          before: swept.before.toISOString(),
          days: swept.days,
        },
      },
      { durable: true },
    );
  }
  return result;
}
