import type { RecordRef } from '@activitykit/schema';
import type { BookingDoc, CustomerDoc, OrderDoc, SaleDoc } from './model.ts';

/** How each record appears in the activity log, the same for live capture and seeded history. */
export const refs = {
  customer: (customer: Pick<CustomerDoc, '_id' | 'name'>): RecordRef => ({
    type: 'customer',
    id: customer._id,
    label: customer.name,
  }),
  order: (order: Pick<OrderDoc, '_id'>): RecordRef => ({
    type: 'order',
    id: order._id,
    label: `Order ${order._id}`,
  }),
  booking: (booking: Pick<BookingDoc, '_id' | 'resource' | 'startsAt'>): RecordRef => ({
    type: 'booking',
    id: booking._id,
    label: `${booking.resource}, ${booking.startsAt.toISOString().slice(0, 16).replace('T', ' ')} UTC`,
  }),
  sale: (sale: Pick<SaleDoc, '_id'>): RecordRef => ({
    type: 'sale',
    id: sale._id,
    label: `Sale ${sale._id}`,
  }),
};

/** A customer as the log keeps it in a delete's snapshot (dates as ISO strings). */
export function customerSnapshot(customer: CustomerDoc): Record<string, unknown> {
  return {
    ...customer,
    createdAt: customer.createdAt.toISOString(),
    updatedAt: customer.updatedAt.toISOString(),
  };
}

/** The sum of line items, rounded to cents. */
export function totalOf(items: readonly { qty: number; price: number }[]): number {
  return Math.round(items.reduce((sum, item) => sum + item.qty * item.price, 0) * 100) / 100;
}
