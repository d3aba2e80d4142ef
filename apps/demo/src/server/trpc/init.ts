import type { ActivityStore } from '@activitykit/core';
import { type ActivityProcedureMeta, activityMiddleware } from '@activitykit/trpc';
import { initTRPC, TRPCError } from '@trpc/server';
import type { CreateExpressContextOptions } from '@trpc/server/adapters/express';
import type { DemoUser } from '../auth/user.ts';
import type { Collections } from '../domain/model.ts';

/** The context of every tRPC call: the Express request and the signed-in user. */
export interface TrpcContext {
  req: CreateExpressContextOptions['req'];
  user: DemoUser | undefined;
}

/** Builds the context from the request the session middleware has already seen. */
export function createContext({ req }: CreateExpressContextOptions): TrpcContext {
  return { req, user: req.user };
}

const t = initTRPC.context<TrpcContext>().meta<ActivityProcedureMeta>().create();

/** tRPC's router builder, for the demo's routers. */
export const router = t.router;

/** What the demo's procedure builders need. */
export interface ProcedureDeps {
  db: Collections;
  store: ActivityStore;
}

/**
 * The procedure builders: `signedIn` for any signed-in user, `staff` for the roles that run the
 * business, with every mutation recorded by `activityMiddleware` (IP and venue from the request).
 */
export function procedures({ store }: Pick<ProcedureDeps, 'store'>) {
  const signedIn = t.procedure.use(({ ctx, next }) => {
    if (!ctx.user) throw new TRPCError({ code: 'UNAUTHORIZED', message: 'Sign in first.' });
    return next({ ctx: { user: ctx.user } });
  });
  const staff = signedIn
    .use(({ ctx, next }) => {
      if (ctx.user.role === 'customer') {
        throw new TRPCError({ code: 'FORBIDDEN', message: 'Your role may not do this.' });
      }
      return next();
    })
    .use(
      activityMiddleware<TrpcContext>({
        store,
        request: ({ req, user }) => ({
          ...(req.ip && { ip: req.ip }),
          ...(req.headers['user-agent'] && { userAgent: req.headers['user-agent'].slice(0, 1000) }),
          method: req.method,
          ...(user?.location && { location: user.location }),
        }),
      }),
    );
  return { signedIn, staff };
}

/** The tenant a user acts in: an admin names it, everyone else acts in their own business. */
export function actingTenant(user: DemoUser, requested: string | undefined): string {
  if (user.role !== 'admin') return user.tenantId;
  if (!requested) throw new TRPCError({ code: 'BAD_REQUEST', message: 'Choose a business.' });
  return requested;
}
