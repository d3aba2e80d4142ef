import type { ActivityContext } from '@activitykit/core';
import type { Actor } from '@activitykit/schema';
import type { CapturedRequest } from './capturedRequest.ts';
import { ANONYMOUS } from './config.ts';
import { clientIp } from './facts.ts';

/**
 * The activity context a request's handlers run in, as a function the store reads when each event
 * is recorded: the actor and tenant come from the capture's resolvers then (the authentication
 * middleware may run after the capture), kept once someone is signed in. Resolver errors go to
 * `onError` and leave the actor anonymous.
 */
export function requestContextSource(activity: CapturedRequest): () => ActivityContext {
  const { req, config } = activity;
  const fixed: ActivityContext = {
    requestId: activity.requestId,
    correlationId: activity.correlationId,
    dataLayerWrites: activity.dataLayerWrites,
  };
  const ip = clientIp(req.ip);
  if (ip) fixed.ip = ip;
  const userAgent = req.headers['user-agent'];
  if (userAgent) fixed.userAgent = userAgent.slice(0, 1000);
  let settled: ActivityContext | undefined;
  return () => {
    if (settled) return settled;
    const context = { ...fixed };
    let actor: Actor = ANONYMOUS;
    try {
      actor = activity.early?.actor ?? config.actor(req) ?? ANONYMOUS;
      const tenantId = activity.early?.tenantId ?? config.tenant(req);
      if (tenantId) context.tenantId = tenantId;
      const location = config.location?.(req);
      if (location) context.location = location.slice(0, 200);
    } catch (error) {
      config.onError(error, req);
    }
    context.actor = actor;
    if (actor.type !== 'anonymous') settled = context;
    return context;
  };
}
