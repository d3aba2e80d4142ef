/**
 * The request facts the store's own operations (notes, restores, bulk deletes, exports) stamp on
 * the events they record.
 * @internal
 * @module
 */
import type { EventContext } from '@activitykit/schema';

/**
 * Where an operation of the store (a note, a restore, a bulk delete, an export) was asked from:
 * the request's IP, user agent and request id, stamped on the event it records.
 */
export type RequestContext = Pick<
  EventContext,
  'ip' | 'userAgent' | 'requestId' | 'traceId' | 'location'
>;

/** The request facts an operation stamps on its event (and nothing else of `context`). */
export function requestContext(context: RequestContext | undefined): RequestContext | undefined {
  if (!context) return undefined;
  const picked: RequestContext = {};
  if (context.ip) picked.ip = context.ip;
  if (context.userAgent) picked.userAgent = context.userAgent;
  if (context.requestId) picked.requestId = context.requestId;
  if (context.traceId) picked.traceId = context.traceId;
  if (context.location) picked.location = context.location;
  return Object.keys(picked).length > 0 ? picked : undefined;
}
