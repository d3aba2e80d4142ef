import type {
  ActivityEvent,
  ActivityEventInput,
  ActivityScope,
  ActivityScopeInput,
  Actor,
  RecordRef,
} from '@activitykit/schema';
import { restoredEventInput } from '@activitykit/schema';
import { type Collection, MongoServerError } from 'mongodb';
import { ActivityError } from './errors.ts';
import { type RequestContext, requestContext } from './internal/auditText.ts';
import { parseScope } from './query/readInputs.ts';
import { DUPLICATE_KEY } from './writer/classify.ts';

/**
 * How a deleted record of one type comes back: a function that re-creates it from the delete's
 * snapshot, or `false` for types that cannot be restored from the log (orders, in seed 001).
 */
export type Restorer =
  | ((snapshot: Record<string, unknown>, event: ActivityEvent) => Promise<void>)
  | false;

/** Restorers by subject type. */
export type Restorers = Record<string, Restorer>;

/** Options of `store.restore()`. */
export interface RestoreOptions {
  /** Who restores; stamped on the `<type>.restored` event. */
  actor: Actor;
  /** Restorers for this call, over the store's. Defaults to the store's `restorers`. */
  restorers?: Restorers;
  /** Where the restore was asked from (IP, user agent, request id). Defaults to none. */
  context?: RequestContext;
}

/** The `<type>.restored` event of a restored delete, by `options.actor`, from `options.context`. */
export function restoredEvent(deleted: ActivityEvent, options: RestoreOptions): ActivityEventInput {
  return restoredEventInput(deleted, {
    actor: options.actor,
    context: requestContext(options.context),
  });
}

/** A claim per restored delete: its `_id` is the delete's event id, so a second claim fails. */
export interface RestoreClaim {
  _id: string;
  restoredAt: Date;
  by: string;
}

/** Checks that a delete event can be restored and claims it; returns the restorer to run. */
export async function claimRestore(
  event: ActivityEvent,
  {
    restorers,
    claims,
    actor,
  }: { restorers: Restorers; claims: Collection<RestoreClaim>; actor: Actor },
): Promise<Exclude<Restorer, false>> {
  const type = event.subject?.type;
  if (event.kind !== 'delete' || !type || !event.snapshot) {
    throw new ActivityError(
      'NOT_RESTORABLE',
      `Event ${event.id} (${event.action}) is not a delete with a snapshot; only deletes recorded ` +
        'with the record as it was can be restored.',
    );
  }
  const restorer = restorers[type];
  if (restorer === false) {
    throw new ActivityError(
      'NOT_RESTORABLE',
      `A deleted ${type} cannot be restored from the activity log; ask support to recover it.`,
    );
  }
  if (!restorer) {
    throw new ActivityError(
      'NOT_RESTORABLE',
      `No restorer is configured for "${type}"; pass restorers: { ${type}: async (snapshot) => … }.`,
    );
  }
  try {
    await claims.insertOne({ _id: event.id, restoredAt: new Date(), by: actor.id });
  } catch (error) {
    if (error instanceof MongoServerError && error.code === DUPLICATE_KEY) {
      throw new ActivityError(
        'ALREADY_RESTORED',
        `The ${type} deleted by event ${event.id} was restored already.`,
      );
    }
    throw error;
  }
  return restorer;
}

/** What `restoreDeleted` needs from the store. */
export interface RestoreDeps {
  /** The store's `get`: the delete event, if the scope may see it. */
  get: (id: string, scope: ActivityScope) => Promise<ActivityEvent>;
  claims: Collection<RestoreClaim>;
  /** The store's options: its `restorers` (read at each call), under those of the call. */
  options: { restorers?: Restorers | undefined };
  record: (
    event: ActivityEventInput,
    options: { durable: true },
  ) => Promise<ActivityEvent | undefined>;
}

/**
 * `store.restore()`: claims a delete the scope may restore (`canRestore`), runs its type's restorer
 * on the snapshot (the claim is dropped again if it fails) and records `<type>.restored` durably.
 */
export async function restoreDeleted(
  request: { eventId: string; scope: ActivityScopeInput; options: RestoreOptions },
  deps: RestoreDeps,
): Promise<ActivityEvent> {
  const scope = parseScope(request.scope);
  if (!scope.canRestore) {
    throw new ActivityError(
      'FORBIDDEN',
      'This scope may not restore records (canRestore is false).',
    );
  }
  const deleted = await deps.get(request.eventId, scope);
  const restorers = { ...deps.options.restorers, ...request.options.restorers };
  const restorer = await claimRestore(deleted, {
    restorers,
    claims: deps.claims,
    actor: request.options.actor,
  });
  const subject = deleted.subject as RecordRef;
  try {
    await restorer(deleted.snapshot ?? {}, deleted);
  } catch (error) {
    await deps.claims.deleteOne({ _id: deleted.id });
    throw new ActivityError(
      'RESTORE_FAILED',
      `Restoring ${subject.type} ${subject.id} failed: ${String(error)}`,
      { cause: error },
    );
  }
  const restored = await deps.record(restoredEvent(deleted, request.options), { durable: true });
  return restored as ActivityEvent;
}
