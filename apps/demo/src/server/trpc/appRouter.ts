import { createActivityRouter } from '@activitykit/trpc';
import { authorizeUser } from '../access.ts';
import { bookingsRouter } from './bookingsRouter.ts';
import { type ProcedureDeps, router, type TrpcContext } from './init.ts';
import { ordersRouter } from './ordersRouter.ts';
import { posRouter } from './posRouter.ts';

/**
 * The demo's tRPC API at `/trpc`: the business procedures, and ActivityKit's ready-made
 * `activity` router (list, timeline, stats, signals, export, restore, notes, live subscription)
 * with the same access policy as the REST API.
 */
export function createAppRouter(deps: ProcedureDeps) {
  return router({
    orders: ordersRouter(deps),
    bookings: bookingsRouter(deps),
    pos: posRouter(deps),
    activity: createActivityRouter({
      t: { router },
      store: deps.store,
      authorize: (ctx: TrpcContext) => authorizeUser(ctx.user),
    }),
  });
}

/** The type of the demo's tRPC router, for the web client. */
export type AppRouter = ReturnType<typeof createAppRouter>;
