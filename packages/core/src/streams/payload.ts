import type { ActivityEvent } from '@activitykit/schema';

/** What a webhook delivery's JSON body holds (format version 1). */
export interface StreamPayload {
  /** `activity.events` for events, `activity.test` for a test delivery. */
  type: 'activity.events' | 'activity.test';
  formatVersion: 1;
  streamId: string;
  tenantId: string;
  /** The events, oldest first; each `id` is the key to deduplicate by (delivery is at least once). */
  events: ActivityEvent[];
}

/** The body of a webhook delivery: events as JSON (dates as ISO 8601 strings). */
export function payloadBody(payload: StreamPayload): string {
  return JSON.stringify(payload);
}

/**
 * The delivery id of a batch (the Standard Webhooks `webhook-id`): the same for the same events,
 * so a retried batch keeps its id.
 */
export function deliveryId(events: readonly ActivityEvent[]): string {
  const first = events[0]?.id ?? 'none';
  const last = events.at(-1)?.id ?? first;
  return first === last ? `msg_${first}` : `msg_${first}_${last}`;
}
