import type { ActivityEvent } from './event.ts';

/**
 * Whether an event renders as a read-only status note (seed 002): an update whose changes include a
 * `status` field, e.g. an order going from `new` to `paid`.
 *
 * @example
 * ```ts
 * isStatusNote({ kind: 'update', changes: [{ path: 'status', before: 'new', after: 'paid' }] }); // true
 * ```
 */
export function isStatusNote(event: Pick<ActivityEvent, 'kind' | 'changes'>): boolean {
  return (
    event.kind === 'update' &&
    (event.changes ?? []).some(
      (change) => change.path === 'status' || change.path.endsWith('.status'),
    )
  );
}

/**
 * Whether no person made this change (seed 002's "SPSA" marker): the system actor acted.
 *
 * @example
 * ```ts
 * isSystemEvent({ actor: { id: 'system', type: 'system' } }); // true
 * ```
 */
export function isSystemEvent(event: Pick<ActivityEvent, 'actor'>): boolean {
  return event.actor.type === 'system';
}
