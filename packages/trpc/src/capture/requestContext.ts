import { randomUUID } from 'node:crypto';
import { type ActivityContext, DataLayerWrites } from '@activitykit/core';
import type { ActivityEventInput, Actor, EventContext } from '@activitykit/schema';
import type { ActivityMeta } from '../meta.ts';
import type { CapturedState } from './captureHelper.ts';

const ANONYMOUS: Actor = { id: 'anonymous', type: 'anonymous' };

/** One call's request facts, correlation id and data-layer writes, shared by all its events. */
export interface CallContext {
  /** The request's IP, user agent, request id… with the call's correlation id. */
  request: EventContext & { correlationId: string };
  dataLayerWrites: DataLayerWrites;
}

/**
 * The call's context: the correlation id is the request's own (the `request` resolver's
 * `correlationId`, an `x-correlation-id` header), else its request id, else a new one.
 */
export function callContext(request: EventContext | undefined): CallContext {
  const correlationId = request?.correlationId ?? request?.requestId ?? randomUUID();
  return { request: { ...request, correlationId }, dataLayerWrites: new DataLayerWrites() };
}

/**
 * The activity context the procedure runs in, read when each event is recorded: the actor and
 * tenant the procedure named (`ctx.activity.actor()`, `.login()`, `.tenant()`) over the resolvers'.
 */
export function activityContextSource(
  call: CallContext,
  resolved: { actor: Actor | undefined; tenantId: string | undefined } | undefined,
  state: CapturedState,
): () => ActivityContext {
  const { ip, userAgent, requestId, location, correlationId } = call.request;
  const fixed: ActivityContext = { correlationId, dataLayerWrites: call.dataLayerWrites };
  for (const [key, value] of Object.entries({ ip, userAgent, requestId, location })) {
    if (value) (fixed as Record<string, unknown>)[key] = value;
  }
  return () => {
    const tenantId = state.tenantId ?? resolved?.tenantId;
    return {
      ...fixed,
      actor: state.actor ?? resolved?.actor ?? ANONYMOUS,
      ...(tenantId ? { tenantId } : {}),
    };
  };
}

/**
 * The rule against double events: the data layer recorded the call's subject (its event has the
 * exact changes), or the call names no subject and the data layer recorded what it wrote (its
 * events, a bulk write's summary among them, tell it) unless the procedure's meta names an action.
 * Sign-in steps and reads are always recorded.
 */
export function capturedBelow(
  event: ActivityEventInput,
  meta: ActivityMeta,
  writes: DataLayerWrites,
): boolean {
  if (meta.auth || event.kind === 'access' || writes.size === 0) return false;
  if (event.subject) return writes.has(event.subject);
  return meta.action === undefined;
}
