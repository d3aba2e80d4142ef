import { type ActivityVerifyOptions, createActivityRouter } from '@activitykit/trpc';
import { authorizeUser } from '../access.ts';
import { bookingsRouter } from './bookingsRouter.ts';
import { type ProcedureDeps, router, type TrpcContext } from './init.ts';
import { ordersRouter } from './ordersRouter.ts';
import { posRouter } from './posRouter.ts';

/** Options of {@link createAppRouter}. */
export interface AppRouterOptions {
  /** The public key and anchor `activity.verify` checks with. Defaults to none (verify answers 501). */
  verify?: ActivityVerifyOptions;
}

/**
 * The demo's tRPC API at `/trpc`: the business procedures, and ActivityKit's ready-made
 * `activity` router (list, timeline, stats, signals, export, integrity, verify, restore, notes,
 * live subscription) with the same access policy as the REST API.
 */
export function createAppRouter(deps: ProcedureDeps, options: AppRouterOptions = {}) {
  return router({
    orders: ordersRouter(deps),
    bookings: bookingsRouter(deps),
    pos: posRouter(deps),
    activity: createActivityRouter({
      t: { router },
      store: deps.store,
      authorize: (ctx: TrpcContext) =>
        authorizeUser(ctx.user, { verifying: callsProcedure(ctx, 'activity.verify') }),
      ...(options.verify && { verify: options.verify }),
    }),
  });
}

/**
 * Whether the request calls a procedure (alone, or in a batch: `/trpc/activity.verify,orders.create`).
 * `authorize` sees the context of the whole request, not which procedure of it runs.
 */
function callsProcedure(ctx: TrpcContext, path: string): boolean {
  return decodeURIComponent(ctx.req.path.slice(1)).split(',').includes(path);
}

/** The type of the demo's tRPC router, for the web client. */
export type AppRouter = ReturnType<typeof createAppRouter>;
