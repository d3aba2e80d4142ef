import {
  type ActivityEvent,
  queryToSearchParams,
  type RecordRef,
  refKey,
} from '@activitykit/schema';

/** The record types with a page of their own: `/customers/:id`, `/orders/:id`, … */
export const RECORD_PAGES = {
  customer: 'customers',
  order: 'orders',
  booking: 'bookings',
  sale: 'sales',
} as const;

/** A record type with a page. */
export type PageRecordType = keyof typeof RECORD_PAGES;

const hasPage = (type: string): type is PageRecordType => Object.hasOwn(RECORD_PAGES, type);

/** The log filtered to a query, e.g. every event of one record. */
export const logPath = (query: Parameters<typeof queryToSearchParams>[0]) =>
  `/activity?${queryToSearchParams(query)}`;

/**
 * Where a reference in the log or a timeline leads, so that every one of them opens something:
 * customers, orders, bookings and sales open their page (a deleted one shows its last snapshot);
 * a dependent or a waiver opens its customer; one event (a restore's "restored from") opens in the
 * log's detail view; a user opens the log of what they did; anything else — the activity log
 * itself (a bulk delete's subject), a report — opens the log of that record's own history.
 */
export function recordPath(ref: RecordRef, event?: ActivityEvent): string {
  if (hasPage(ref.type)) return `/${RECORD_PAGES[ref.type]}/${encodeURIComponent(ref.id)}`;
  if (ref.type === 'activity_event') return `/activity?event=${encodeURIComponent(ref.id)}`;
  if (ref.type === 'user') return logPath({ actors: [ref.id] });
  if (ref.type === 'dependent' || ref.type === 'waiver') {
    const customer = event?.refs.find((related) => related.type === 'customer');
    if (customer) return recordPath(customer);
  }
  return logPath({ refs: [refKey(ref)] });
}
