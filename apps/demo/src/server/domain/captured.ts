import type { ActivityStore } from '@activitykit/core';
import { captureCollection } from '@activitykit/mongodb';
import type { ActivityEventInput, RecordRef } from '@activitykit/schema';
import type { Collection, Document } from 'mongodb';
import { refs } from './labels.ts';
import type { BookingDoc, Collections, CustomerDoc, OrderDoc } from './model.ts';

type Store = Pick<ActivityStore, 'record'>;

/**
 * `captureCollection` whose per-document events also refer to the records `related` names (an
 * order's customer), so they show on those records' timelines too. The subject's label is read
 * from the same document just before its event is recorded (synchronously), which is where the
 * related refs are taken from.
 */
function captured<T extends Document & { _id: string }>(
  collection: Collection<T>,
  options: {
    type: string;
    store: Store;
    label(document: T): string;
    related?(document: T): RecordRef[];
  },
): Collection<T> {
  const related = new Map<string, RecordRef[]>();
  const store = {
    record(event: ActivityEventInput) {
      const extra = event.subject && related.get(event.subject.id);
      if (!extra || !event.subject) return options.store.record(event);
      related.delete(event.subject.id);
      return options.store.record({ ...event, refs: [event.subject, ...extra] });
    },
  } as Store;
  return captureCollection(collection, {
    type: options.type,
    store,
    ignore: ['updatedAt'],
    label: (document) => {
      if (options.related) related.set(String(document._id), options.related(document as T));
      return options.label(document as T);
    },
  });
}

const customerOf = (record: { customerId: string; customerName: string }): RecordRef[] => [
  { type: 'customer', id: record.customerId, label: record.customerName },
];

/**
 * The demo's collections with customers and orders captured at the data layer: every write —
 * the REST routes', the tRPC procedures', the admin's `updateMany` — is recorded with its exact
 * changes and the request's actor, with no `before` / `after` in the handlers.
 */
export function capturedCollections(db: Collections, store: Store): Collections {
  return {
    ...db,
    customers: captured<CustomerDoc>(db.customers, {
      type: 'customer',
      store,
      label: (c) => c.name,
    }),
    orders: captured<OrderDoc>(db.orders, {
      type: 'order',
      store,
      label: (order) => refs.order(order).label ?? order._id,
      related: customerOf,
    }),
  };
}

/** The bookings, captured: the booking job's status changes are recorded as the `system` actor. */
export function capturedBookings(db: Collections, store: Store): Collection<BookingDoc> {
  return captured<BookingDoc>(db.bookings, {
    type: 'booking',
    store,
    label: (booking) => refs.booking(booking).label ?? booking._id,
    related: customerOf,
  });
}
