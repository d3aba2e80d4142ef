import type { ActivityEventInput } from '@activitykit/schema';
import { accessEvent, authEvent, resourceEvent } from './autoEvents.ts';
import type { CapturedRequest, PendingEvent } from './capturedRequest.ts';
import { type RequestFacts, requestFacts } from './facts.ts';
import { isSignIn, recordSignIn } from './signIn.ts';

/**
 * Records what a finished request did: the events its handler recorded, then the route's own
 * event (a login step, a create / update / delete, or an access). Never throws: every failure goes
 * to `onError`.
 */
export function recordFinished(activity: CapturedRequest): void {
  const { req, config } = activity;
  try {
    const facts = requestFacts(activity, activity.path);
    let handledAuth = false;
    for (const pending of activity.pending ?? []) {
      handledAuth ||= pending.auth === true;
      record(activity, complete(pending, facts));
    }
    // A sign-in step the handler recorded is what this request did: no route event besides it.
    if (activity.skipped || handledAuth) return;
    const event =
      authEvent(activity, facts) ?? resourceEvent(activity, facts) ?? accessEvent(activity, facts);
    if (event) record(activity, event);
  } catch (error) {
    config.onError(error, req);
  }
}

/** Records an event; a sign-in attempt without a tenant is placed by `signInTenant` first. */
function record(activity: CapturedRequest, event: ActivityEventInput): void {
  if (event.tenantId === undefined && isSignIn(event)) {
    void recordSignIn(activity, event, store);
    return;
  }
  store(activity, event);
}

function store(activity: CapturedRequest, event: ActivityEventInput): void {
  try {
    activity.config.store.record(event);
  } catch (error) {
    activity.config.onError(error, activity.req);
  }
}

/** A handler's own event, with the request's actor, tenant and context filled in. */
function complete(pending: PendingEvent, facts: RequestFacts): ActivityEventInput {
  const event: ActivityEventInput = { ...pending.event };
  if (!event.actor) {
    const actor = facts.actor();
    const identifier = event.metadata?.identifier;
    event.actor =
      event.kind === 'login' && actor.type === 'anonymous' && typeof identifier === 'string'
        ? { id: identifier, type: 'user' }
        : actor;
  }
  if (event.tenantId === undefined) {
    const tenantId = facts.tenantId();
    if (tenantId !== undefined) event.tenantId = tenantId;
  }
  event.context = pending.event.context
    ? { ...facts.context, ...pending.event.context }
    : facts.context;
  return event;
}
