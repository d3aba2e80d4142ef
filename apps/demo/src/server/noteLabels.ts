import type { ActivityStore } from '@activitykit/core';
import type { ActivityScopeInput, RecordRef } from '@activitykit/schema';
import { refs } from './domain/labels.ts';
import type { Collections } from './domain/model.ts';

/**
 * The store, with notes that name their record: the note composer sends only `customer:C-1`, so
 * without this a note reads "customer C-1" in the log. The label is looked up within the tenants
 * of the writer's scope only, so a name never travels to another business's log.
 */
export function withNoteLabels(store: ActivityStore, db: Collections): ActivityStore {
  return {
    ...store,
    async addNote(note, scope) {
      const label = note.ref.label ?? (await labelOf(db, note.ref, scope));
      return store.addNote(label ? { ...note, ref: { ...note.ref, label } } : note, scope);
    },
  };
}

async function labelOf(
  db: Collections,
  ref: RecordRef,
  scope: ActivityScopeInput,
): Promise<string | undefined> {
  const inScope = scope.tenants === '*' ? {} : { tenantId: { $in: scope.tenants } };
  const filter = { _id: ref.id, ...inScope };
  switch (ref.type) {
    case 'customer': {
      const customer = await db.customers.findOne(filter, { projection: { name: 1 } });
      return customer ? refs.customer(customer).label : undefined;
    }
    case 'order':
      return (await db.orders.countDocuments(filter)) > 0
        ? refs.order({ _id: ref.id }).label
        : undefined;
    case 'booking': {
      const booking = await db.bookings.findOne(filter);
      return booking ? refs.booking(booking).label : undefined;
    }
    case 'sale':
      return (await db.sales.countDocuments(filter)) > 0
        ? refs.sale({ _id: ref.id }).label
        : undefined;
    default:
      return undefined;
  }
}
