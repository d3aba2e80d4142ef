import { AsyncLocalStorage } from 'node:async_hooks';
import type { Actor } from '@activitykit/schema';

/** Who is acting and for whom, for code that runs without a request (jobs, scripts, cascades). */
export interface ActivityContext {
  /** Defaults to the system actor. */
  actor?: Actor;
  tenantId?: string;
  /** Shared by every event recorded inside: one user action that changes several records. */
  correlationId?: string;
  /** Branch or site. */
  location?: string;
  ip?: string;
  requestId?: string;
}

const storage = new AsyncLocalStorage<ActivityContext>();

/** The actor of changes that no person made (seed 002: "SPSA"). */
export const SYSTEM_ACTOR: Actor = Object.freeze({ id: 'system', type: 'system', name: 'System' });

/**
 * Runs `fn` with an activity context: every event recorded inside (at any depth, across `await`)
 * takes its actor, tenant and correlation id from it unless the event names its own. Nested
 * contexts inherit the outer one's fields.
 *
 * @example
 * ```ts
 * await withActivityContext({ tenantId: 'acme', correlationId: 'nightly-1' }, async () => {
 *   store.record({ action: 'booking.status_changed', subject: { type: 'booking', id: '7' } });
 * }); // recorded by the system actor, tenant acme
 * ```
 */
export function withActivityContext<T>(context: ActivityContext, fn: () => T): T {
  const outer = storage.getStore();
  return storage.run({ ...outer, ...context }, fn);
}

/** The activity context of the running code, if any. */
export function getActivityContext(): ActivityContext | undefined {
  return storage.getStore();
}
