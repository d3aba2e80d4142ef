/**
 * Events the kit records about its own actions, shaped once for the store and the React kit's
 * memory source alike.
 */
import type { ActivityEvent, ActivityEventInput, Actor, EventContext, RecordRef } from './event.ts';

/**
 * The `<type>.restored` event of a restored delete: an update of the record, by `by.actor`,
 * linked to the delete it undoes (a ref to the delete's event and `metadata.restoredFrom`).
 *
 * @example
 * ```ts
 * restoredEventInput(deleteEvent, { actor: { id: 'u-ann', type: 'user' } });
 * // { action: 'customer.restored', kind: 'update', refs: [..., { type: 'activity_event', id: deleteEvent.id }], metadata: { restoredFrom: deleteEvent.id } }
 * ```
 */
export function restoredEventInput(
  deleted: ActivityEvent,
  by: { actor: Actor; context?: Partial<EventContext> | undefined },
): ActivityEventInput {
  const subject = deleted.subject as RecordRef;
  return {
    tenantId: deleted.tenantId,
    action: `${subject.type}.restored`,
    kind: 'update',
    category: deleted.category,
    actor: by.actor,
    subject,
    refs: [...deleted.refs, { type: 'activity_event', id: deleted.id, label: deleted.action }],
    ...(by.context ? { context: by.context } : {}),
    metadata: { restoredFrom: deleted.id },
  };
}
