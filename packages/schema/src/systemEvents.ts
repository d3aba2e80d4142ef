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

/** The action of a bulk delete of the activity log. */
export const BULK_DELETED = 'activity.bulk_deleted';
/** The ids one `activity.bulk_deleted` record lists at most. */
const IDS_PER_RECORD = 400;

/**
 * The `activity.bulk_deleted` records of a bulk delete of one tenant's events: a `delete` of the
 * `activity_log` by `by.actor`, listing the ids (400 per record; a delete recorded in several parts
 * says which of the `total` each part holds).
 *
 * @example
 * ```ts
 * bulkDeletedEventInputs({ tenantId: 'acme', ids, actor: { id: 'u-ann', type: 'user' } });
 * // [{ action: 'activity.bulk_deleted', kind: 'delete', metadata: { ids, total: ids.length }, … }]
 * ```
 */
export function bulkDeletedEventInputs(deleted: {
  tenantId: string;
  ids: readonly string[];
  actor: Actor;
  context?: Partial<EventContext> | undefined;
}): ActivityEventInput[] {
  const { tenantId, ids, actor, context } = deleted;
  const inputs: ActivityEventInput[] = [];
  for (let start = 0; start < ids.length; start += IDS_PER_RECORD) {
    const chunk = ids.slice(start, start + IDS_PER_RECORD);
    const metadata: Record<string, unknown> = { ids: chunk, total: ids.length };
    if (chunk.length < ids.length) metadata.part = { from: start + 1, to: start + chunk.length };
    inputs.push({
      tenantId,
      action: BULK_DELETED,
      kind: 'delete',
      category: 'system',
      actor,
      subject: { type: 'activity_log', id: tenantId },
      ...(context ? { context } : {}),
      metadata,
    });
  }
  return inputs;
}
