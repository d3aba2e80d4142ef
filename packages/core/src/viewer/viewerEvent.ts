import type { ActivityEvent } from '@activitykit/schema';
import type { ActivityAccess } from '../access.ts';

/**
 * An event as the reader of `access` may see it: as it is, except through a viewer token minted
 * with `redact`, which shows events without where they came from — no request context (IP, user
 * agent, request ids, location), no actors' e-mails, no snapshot and no metadata; what happened,
 * to which record, by whom and what changed stay. The adapters pass every event they answer a
 * viewer token with through it (pages, events, live, exports).
 *
 * @example
 * ```ts
 * res.json({ ...page, items: page.items.map((event) => viewerEvent(access, event)) });
 * ```
 */
export function viewerEvent(access: ActivityAccess, event: ActivityEvent): ActivityEvent {
  if (!access.viewer?.redact) return event;
  const { snapshot: _snapshot, metadata: _metadata, ...rest } = event;
  const { email: _email, ...actor } = event.actor;
  return { ...rest, actor, context: {} };
}

/** {@link viewerEvent} over a stream of events (an export, a live stream). */
export async function* viewerEvents(
  access: ActivityAccess,
  events: AsyncIterable<ActivityEvent>,
): AsyncGenerator<ActivityEvent> {
  for await (const event of events) yield viewerEvent(access, event);
}
