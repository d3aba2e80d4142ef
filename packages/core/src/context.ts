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
  userAgent?: string;
  requestId?: string;
  /**
   * The records whose writes were recorded at the data layer (`@activitykit/mongodb`) inside this
   * context, set by the capture adapters for each request: a route-level event for one of these
   * records is not recorded a second time. See {@link noteDataLayerWrite}.
   */
  dataLayerWrites?: DataLayerWrites;
}

/** The records (`type` and `id`) the data layer recorded changes to inside one context. */
export class DataLayerWrites {
  readonly #keys = new Set<string>();

  add(subject: { type: string; id: string }): void {
    this.#keys.add(keyOf(subject));
  }

  has(subject: { type: string; id: string }): boolean {
    return this.#keys.has(keyOf(subject));
  }

  get size(): number {
    return this.#keys.size;
  }
}

const keyOf = (subject: { type: string; id: string }) => `${subject.type}\u0000${subject.id}`;

/** An activity context, or a function that gives it when an event is recorded (read late). */
export type ActivityContextSource = ActivityContext | (() => ActivityContext);

interface Frame {
  source: ActivityContextSource;
  outer: Frame | undefined;
}

const storage = new AsyncLocalStorage<Frame>();

/** The actor of changes that no person made (seed 002: "SPSA"). */
export const SYSTEM_ACTOR: Actor = Object.freeze({ id: 'system', type: 'system', name: 'System' });

/**
 * Runs `fn` with an activity context: every event recorded inside (at any depth, across `await`)
 * takes its actor, tenant and correlation id from it unless the event names its own. Nested
 * contexts inherit the outer one's fields. Pass a function to resolve the fields when each event
 * is recorded (a request's actor is known only after the authentication middleware has run).
 *
 * @example
 * ```ts
 * await withActivityContext({ tenantId: 'acme', correlationId: 'nightly-1' }, async () => {
 *   store.record({ action: 'booking.status_changed', subject: { type: 'booking', id: '7' } });
 * }); // recorded by the system actor, tenant acme
 * ```
 */
export function withActivityContext<T>(context: ActivityContextSource, fn: () => T): T {
  return storage.run({ source: context, outer: storage.getStore() }, fn);
}

/** The activity context of the running code, if any. */
export function getActivityContext(): ActivityContext | undefined {
  const frame = storage.getStore();
  return frame && resolve(frame);
}

/**
 * Tells the request's capture that the data layer recorded a change to `subject`, so that the
 * route-level event for it is not recorded a second time. A no-op outside a request.
 */
export function noteDataLayerWrite(subject: { type: string; id: string }): void {
  getActivityContext()?.dataLayerWrites?.add(subject);
}

function resolve(frame: Frame): ActivityContext {
  const own = typeof frame.source === 'function' ? frame.source() : frame.source;
  const merged = frame.outer ? resolve(frame.outer) : {};
  for (const [key, value] of Object.entries(own)) {
    if (value !== undefined) (merged as Record<string, unknown>)[key] = value;
  }
  return merged;
}
