import type { ActivityContext } from '@activitykit/core';
import type { Actor } from '@activitykit/schema';
import type { CapturedRequest } from './capturedRequest.ts';
import { ANONYMOUS } from './config.ts';
import { clientIp } from './facts.ts';

/**
 * The activity context a request's handlers run in, as a function the store reads when each event
 * is recorded: the actor and tenant come from the capture's resolvers then (the authentication
 * middleware may run after the capture; a handler may name the tenant once it has loaded the
 * record); the actor is kept once someone is signed in. Resolver errors go to `onError` and leave
 * the actor anonymous.
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
  let signedIn: Actor | undefined;
  return () => {
    const context: ActivityContext = { ...fixed, actor: signedIn ?? ANONYMOUS };
    try {
      if (!signedIn) {
        const actor = activity.early?.actor ?? config.actor(req) ?? ANONYMOUS;
        if (actor.type !== 'anonymous') signedIn = actor;
        context.actor = actor;
      }
      // The tenant may be named late too (a handler that loads the record first): read each time.
      const tenantId = activity.early?.tenantId ?? config.tenant(req);
      if (tenantId) context.tenantId = tenantId;
      const location = config.location?.(req);
      if (location) context.location = location.slice(0, 200);
    } catch (error) {
      config.onError(error, req);
    }
    return context;
  };
}
