import {
  type ActivityStore,
  createStreamInputSchema,
  streamIdSchema,
  updateStreamInputSchema,
} from '@activitykit/core';
import type { AnyTRPCRootTypes, TRPCBuiltRouter, TRPCRouterBuilder } from '@trpc/server';
import { z } from 'zod';
import { defaultRequest } from '../capture/resolvers.ts';
import { type ActivityAuthorize, authorizedProcedure, internalTRPC } from './access.ts';
import type { DefaultActivityRoot } from './createActivityRouter.ts';
import { input } from './inputs.ts';

/** Options of {@link createActivityStreamsRouter}. */
export interface ActivityStreamsRouterOptions<TContext> {
  /** The store whose `streams` the procedures manage. */
  store: ActivityStore;
  /**
   * Who may manage log streams: `{ scope, actor }` for an administrator, or nothing
   * (`UNAUTHORIZED`). The store also wants a scope over every role of the stream's tenant.
   */
  authorize: ActivityAuthorize<TContext>;
}

const byId = z.strictObject({ id: streamIdSchema });
const updateInput = z.strictObject({ id: streamIdSchema, patch: updateStreamInputSchema });
const rotateInput = z.strictObject({ id: streamIdSchema, keepPrevious: z.boolean().optional() });

function buildRecord<TContext>(options: ActivityStreamsRouterOptions<TContext>) {
  const { streams } = options.store;
  const procedure = authorizedProcedure(options.authorize);
  const who = (ctx: { access: { scope: unknown; actor: unknown } }) =>
    ({
      scope: ctx.access.scope,
      actor: ctx.access.actor,
      context: defaultRequest(ctx),
    }) as Parameters<typeof streams.pause>[1];
  return {
    list: procedure.query(({ ctx }) => streams.list(who(ctx))),
    get: procedure.input(input(byId)).query(({ ctx, input }) => streams.get(input.id, who(ctx))),
    create: procedure
      .input(input(createStreamInputSchema))
      .mutation(({ ctx, input }) => streams.create(input, who(ctx))),
    update: procedure
      .input(input(updateInput))
      .mutation(({ ctx, input }) => streams.update(input.id, input.patch, who(ctx))),
    pause: procedure
      .input(input(byId))
      .mutation(({ ctx, input }) => streams.pause(input.id, who(ctx))),
    resume: procedure
      .input(input(byId))
      .mutation(({ ctx, input }) => streams.resume(input.id, who(ctx))),
    sendTest: procedure
      .input(input(byId))
      .mutation(({ ctx, input }) => streams.sendTest(input.id, who(ctx))),
    rotateSecret: procedure.input(input(rotateInput)).mutation(({ ctx, input }) =>
      streams.rotateSecret(input.id, who(ctx), {
        ...(input.keepPrevious === undefined ? {} : { keepPrevious: input.keepPrevious }),
      }),
    ),
    remove: procedure.input(input(byId)).mutation(async ({ ctx, input }) => {
      await streams.remove(input.id, who(ctx));
      return { removed: true as const };
    }),
  };
}

/** Every procedure of the log streams router. */
export type ActivityStreamsRouterRecord = ReturnType<typeof buildRecord>;

/** The log streams router: nest it into the app router (`activityStreams: …`). */
export type ActivityStreamsRouter<TRoot extends AnyTRPCRootTypes = DefaultActivityRoot<object>> =
  TRPCBuiltRouter<TRoot, ActivityStreamsRouterRecord>;

/**
 * The log streams of core's `store.streams` as tRPC procedures, for administrators: `list`, `get`,
 * `create` (a webhook's `secret` is in its answer only), `update`, `pause`, `resume`, `sendTest`,
 * `rotateSecret` and `remove`. Each change is recorded as an audit event; a secret never comes back
 * after it was made. Pass the app's `t` to build it with the app's config.
 *
 * @example
 * ```ts
 * const appRouter = t.router({
 *   activityStreams: createActivityStreamsRouter({
 *     t,
 *     store,
 *     authorize: (ctx: Context) =>
 *       ctx.user?.role === 'admin' ? { scope: { tenants: '*' }, actor: ctx.user } : null,
 *   }),
 * });
 * ```
 */
export function createActivityStreamsRouter<TRoot extends AnyTRPCRootTypes>(
  options: ActivityStreamsRouterOptions<TRoot['ctx']> & {
    t: { router: TRPCRouterBuilder<TRoot> };
  },
): ActivityStreamsRouter<TRoot>;
export function createActivityStreamsRouter<TContext extends object = object>(
  options: ActivityStreamsRouterOptions<TContext> & { t?: undefined },
): ActivityStreamsRouter<DefaultActivityRoot<TContext>>;
export function createActivityStreamsRouter(
  options: ActivityStreamsRouterOptions<object> & {
    t?: { router: TRPCRouterBuilder<AnyTRPCRootTypes> };
  },
): ActivityStreamsRouter<AnyTRPCRootTypes> {
  const router = options.t?.router ?? internalTRPC.router;
  return router(buildRecord(options)) as ActivityStreamsRouter<AnyTRPCRootTypes>;
}
