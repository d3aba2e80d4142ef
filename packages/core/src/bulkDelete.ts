import type {
  ActivityEvent,
  ActivityEventInput,
  ActivityQuery,
  ActivityQueryInput,
  ActivityScope,
  ActivityScopeInput,
  Actor,
  BulkDeleteResult,
} from '@activitykit/schema';
import { bulkDeletedEventInputs, isUlid } from '@activitykit/schema';
import type { Collection, Filter } from 'mongodb';
import { ActivityError } from './errors.ts';
import { type RequestContext, requestContext } from './internal/auditText.ts';
import type { EventDocument } from './internal/document.ts';
import { scopeClauses } from './query/buildFilter.ts';
import { parseQuery, parseScope } from './query/readInputs.ts';

export type { BulkDeleteResult };

/** Options of `store.bulkDelete()`. */
export interface BulkDeleteOptions {
  /** Who deletes; stamped on the `activity.bulk_deleted` events. */
  actor: Actor;
  /** Where the delete was asked from (IP, user agent, request id). Defaults to none. */
  context?: RequestContext;
}

/** Which events a bulk delete removes: explicit ids, or everything a filter matches. */
export type BulkDeleteTarget =
  | { ids: string[]; filter?: never }
  | { filter: Filter<EventDocument>; ids?: never };

export interface BulkDeleteDeps {
  collection: Collection<EventDocument>;
  scope: ActivityScope;
  /** The scope's own MongoDB clauses, applied to every delete. */
  scopeFilter: Filter<EventDocument>;
  actor: Actor;
  /** Where the delete was asked from (IP, user agent, request id). Defaults to none. */
  context?: RequestContext | undefined;
  maxEvents: number;
  /** Called with each part deleted (the store takes them out of its rollups). Defaults to none. */
  onDeleted?: ((docs: EventDocument[]) => Promise<void>) | undefined;
  record: (
    event: ActivityEventInput,
    options: { durable: true },
  ) => Promise<ActivityEvent | undefined>;
}

/**
 * Deletes events within the scope, recording first — durably, per tenant, with the actor and the ids —
 * what it is about to delete, so that `verify` reads the gap as a bulk delete and not as tampering,
 * even if the process dies half-way. The records carry facts only (ids, total, the part, the IP):
 * the store describes them like any event, and readers re-word them in their own language.
 */
export async function bulkDelete(
  target: BulkDeleteTarget,
  deps: BulkDeleteDeps,
): Promise<BulkDeleteResult> {
  if (!deps.scope.canDelete) {
    throw new ActivityError('FORBIDDEN', 'This scope may not delete events (canDelete is false).');
  }
  const selector: Filter<EventDocument> = target.ids
    ? { _id: { $in: checkIds(target.ids) } }
    : (target.filter ?? {});
  const docs = await deps.collection
    .find({ $and: [selector, deps.scopeFilter] } as Filter<EventDocument>)
    .limit(deps.maxEvents + 1)
    .toArray();
  if (docs.length > deps.maxEvents) {
    throw new ActivityError(
      'INVALID_QUERY',
      `That would delete more than ${deps.maxEvents} events at once; narrow the filter or raise bulkDelete.maxEvents.`,
    );
  }
  const byTenant = new Map<string, string[]>();
  const byId = new Map(docs.map((doc) => [doc._id, doc]));
  for (const doc of docs)
    byTenant.set(doc.tenantId, [...(byTenant.get(doc.tenantId) ?? []), doc._id]);

  let deleted = 0;
  const context = requestContext(deps.context);
  for (const [tenantId, ids] of byTenant) {
    // Each record lists its ids (400 at most), and is stored before they are deleted.
    for (const record of bulkDeletedEventInputs({ tenantId, ids, actor: deps.actor, context })) {
      const chunk = (record.metadata as { ids: string[] }).ids;
      await deps.record(record, { durable: true });
      const result = await deps.collection.deleteMany({
        $and: [{ _id: { $in: chunk } }, deps.scopeFilter],
      } as Filter<EventDocument>);
      deleted += result.deletedCount;
      await deps.onDeleted?.(chunk.map((id) => byId.get(id) as EventDocument));
    }
  }
  return { deleted, ids: docs.map((doc) => doc._id) };
}

function checkIds(ids: unknown): string[] {
  if (!Array.isArray(ids) || ids.length === 0 || !ids.every(isUlid)) {
    throw new ActivityError(
      'INVALID_QUERY',
      'ids must be a non-empty list of event ids (26-character ULIDs).',
    );
  }
  return ids;
}

/** What `store.bulkDelete` needs from the store. */
export interface StoreBulkDeleteDeps
  extends Pick<BulkDeleteDeps, 'collection' | 'onDeleted' | 'record'> {
  /** The store's `bulkDelete` option: off unless enabled. */
  settings: { enabled: boolean; maxEvents?: number } | undefined;
  /** The store's MongoDB filter of a query within a scope (the reader's). */
  mongoFilter: (query: ActivityQuery, scope: ActivityScope) => Filter<EventDocument>;
}

/**
 * `store.bulkDelete(target, scope, options)`: refused with `DISABLED` unless the store enables it;
 * a query target is the reader's filter within the scope.
 *
 * @example
 * ```ts
 * const remove = storeBulkDelete({ collection, settings: { enabled: true }, mongoFilter, record });
 * await remove({ ids }, { tenants: ['acme'], canDelete: true }, { actor });
 * ```
 */
export function storeBulkDelete(deps: StoreBulkDeleteDeps) {
  return async (
    target: { ids: string[] } | { query: ActivityQueryInput },
    scopeInput: ActivityScopeInput,
    options: BulkDeleteOptions,
  ): Promise<BulkDeleteResult> => {
    const { settings } = deps;
    if (!settings?.enabled) {
      throw new ActivityError(
        'DISABLED',
        'Bulk delete is off for this store; enable it with bulkDelete: { enabled: true }.',
      );
    }
    const scope = parseScope(scopeInput);
    const clauses = scopeClauses(scope);
    const selection =
      'query' in target
        ? { filter: deps.mongoFilter(parseQuery(target.query), scope) }
        : { ids: target.ids };
    return bulkDelete(selection, {
      ...deps,
      scope,
      scopeFilter: clauses.length > 0 ? { $and: clauses } : {},
      actor: options.actor,
      context: options.context,
      maxEvents: settings.maxEvents ?? 100_000,
    });
  };
}
