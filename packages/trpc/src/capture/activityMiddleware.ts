import { type ActivityStore, type DataLayerWrites, withActivityContext } from '@activitykit/core';
import type { ActivityEvent, ActivityEventInput, Actor, EventContext } from '@activitykit/schema';
import type { TRPCError, TRPCMiddlewareFunction } from '@trpc/server';
import type { ActivityMeta, ActivityProcedureMeta, CaptureArgs } from '../meta.ts';
import { buildEvent } from './buildEvent.ts';
import { type ActivityCapture, type CapturedState, createCaptureHelper } from './captureHelper.ts';
import { activityContextSource, callContext, capturedBelow } from './requestContext.ts';
import {
  type CaptureResolvers,
  defaultActor,
  defaultRequest,
  defaultTenant,
  requestOf,
} from './resolvers.ts';
import { type SignInAttempt, tenantOfSignIn } from './signIn.ts';

/** Options of {@link activityMiddleware}. */
export interface ActivityMiddlewareOptions<TContext> extends CaptureResolvers<TContext> {
  /** The store events are recorded into (only its non-blocking `record` is used). */
  store: Pick<ActivityStore, 'record'>;
  /**
   * The tenant of a sign-in step (`auth` meta) that neither its procedure (`ctx.activity.tenant()`)
   * nor the `tenant` resolver placed — e.g. a login that failed, or whose input failed validation
   * before the procedure ran, with nobody signed in — from the attempted identifier or the raw
   * input. When it names none (or is not set) the attempt is not recorded — the store's default
   * tenant could be another tenant's — and `onError` says so. Defaults to none.
   */
  signInTenant?: (
    attempt: SignInAttempt<TContext>,
  ) => string | undefined | Promise<string | undefined>;
  /**
   * Called with anything that went wrong while recording (an invalid event, a failing resolver);
   * never thrown into the procedure. Defaults to writing it to stderr.
   */
  onError?: (error: unknown, details: { path: string }) => void;
}

/** What the middleware adds to the context: `ctx.activity`. */
export interface ActivityCaptureContext {
  /** Tells the middleware about the call, or records events of your own. */
  activity: ActivityCapture;
}

const ANONYMOUS: Actor = { id: 'anonymous', type: 'anonymous' };

/**
 * The capture middleware: records every mutation (and queries marked `access`) from the
 * procedure's `meta.activity`, after the procedure settles, without delaying or failing it.
 * Failures (thrown errors) are recorded with outcome `failure` and the error's HTTP status;
 * `auth` steps become `auth.login` / `auth.login_failed` / `auth.logout` / `auth.otp_*` events.
 * Procedures read `ctx.activity` to add before/after state, a subject, refs or custom events; code
 * that calls `store.record()` directly while the procedure runs (the data layer,
 * `@activitykit/mongodb`, among it) gets the request's actor, tenant, IP, user agent, request id and
 * correlation id from the activity context (`withActivityContext`). A call whose subject the data
 * layer captured is not recorded a second time (the data-layer event has the exact changes).
 *
 * @example
 * ```ts
 * const t = initTRPC.context<Context>().meta<ActivityProcedureMeta>().create();
 * const audited = t.procedure.use(activityMiddleware({ store }));
 * const appRouter = t.router({
 *   deleteCustomer: audited
 *     .meta({ activity: { action: 'customer.deleted', subject: { type: 'customer', id: 'input.id' } } })
 *     .input(z.object({ id: z.string() }))
 *     .mutation(async ({ input, ctx }) => {
 *       ctx.activity.before(await db.customers.find(input.id));
 *       await db.customers.delete(input.id);
 *     }),
 * });
 * ```
 */
export function activityMiddleware<TContext extends object = object>(
  options: ActivityMiddlewareOptions<TContext>,
): TRPCMiddlewareFunction<
  TContext,
  ActivityProcedureMeta,
  object,
  ActivityCaptureContext,
  unknown
> {
  const resolveActor = options.actor ?? defaultActor;
  const resolveTenant = options.tenant ?? defaultTenant;
  const resolveRequest = options.request ?? defaultRequest;
  let warnedNoRequest = options.request !== undefined;
  const onError =
    options.onError ??
    ((error: unknown, details: { path: string }) =>
      process.stderr.write(`[activitykit] recording ${details.path} failed: ${String(error)}\n`));

  return async (opts) => {
    const { ctx, path } = opts;
    const ctxValue = ctx as unknown as TContext;
    if (!warnedNoRequest && !requestOf(ctx)) {
      warnedNoRequest = true;
      warnNoRequest(path);
    }
    const safely = <T>(fn: () => T): T | undefined => {
      try {
        return fn();
      } catch (error) {
        onError(error, { path });
        return undefined;
      }
    };
    const call = callContext(safely(() => resolveRequest(ctxValue)));
    // Filled in on the request's actor, tenant and context; never throws into the procedure.
    const complete = (event: ActivityEventInput, state?: CapturedState): ActivityEventInput => {
      const context: EventContext = { ...call.request, ...event.context };
      const actor = event.actor ?? state?.actor ?? resolveActor(ctxValue) ?? ANONYMOUS;
      const tenantId = event.tenantId ?? state?.tenantId ?? resolveTenant(ctxValue);
      return { ...event, actor, ...(tenantId ? { tenantId } : {}), context };
    };
    const recordNow = (event: ActivityEventInput): ActivityEvent | undefined =>
      safely(() =>
        options.store.record(complete({ ...event, context: { route: path, ...event.context } })),
      );
    const { helper, state } = createCaptureHelper({ recordNow });

    // Code deep in the procedure that calls `store.record()` itself (the data layer among it) gets
    // the request's actor, tenant, IP, user agent, request id and correlation id.
    const resolved = safely(() => ({
      actor: resolveActor(ctxValue),
      tenantId: resolveTenant(ctxValue),
    }));
    const scoped = activityContextSource(call, resolved, state);
    const result = await withActivityContext(scoped, () =>
      opts.next({ ctx: { activity: helper } }),
    );

    const meta = opts.meta?.activity;
    if (meta === false || state.skipped || opts.type === 'subscription') return result;
    const activity: ActivityMeta = meta ?? {};
    if (opts.type === 'query' && !activity.access && !activity.auth) return result;
    const error = result.ok ? undefined : result.error;
    if (error && activity.failures === false) return result;

    // Record once the response is on its way: the procedure's result is returned untouched.
    const input = opts.input;
    setImmediate(() => {
      safely(() => {
        void recordSettled({
          input,
          output: result.ok ? result.data : undefined,
          error,
          activity,
          dataLayerWrites: call.dataLayerWrites,
        });
      });
    });
    return result;

    async function recordSettled(call: {
      input: unknown;
      output: unknown;
      error: TRPCError | undefined;
      activity: ActivityMeta;
      dataLayerWrites: DataLayerWrites;
    }): Promise<void> {
      const rawInput =
        call.input === undefined ? await opts.getRawInput().catch(() => undefined) : call.input;
      const args: CaptureArgs = { input: rawInput, output: call.output, ctx };
      const event = safely(() => {
        const built = buildEvent({
          path,
          type: opts.type,
          meta: call.activity,
          args,
          state,
          error: call.error,
        });
        if (call.activity.auth === 'login') {
          built.actor = call.error
            ? ANONYMOUS
            : (state.actor ?? call.activity.actor?.(args) ?? resolveActor(ctxValue) ?? ANONYMOUS);
        }
        return built;
      });
      if (!event || capturedBelow(event, call.activity, call.dataLayerWrites)) return;
      const placed = state.tenantId !== undefined || safely(() => resolveTenant(ctxValue));
      if (call.activity.auth && !placed) {
        const tenantId = await tenantOfSignIn(
          event,
          { ctx: ctxValue, input: rawInput },
          { signInTenant: options.signInTenant, onError: (error) => onError(error, { path }) },
        );
        if (!tenantId) return;
        event.tenantId = tenantId;
      }
      safely(() => options.store.record(complete(event, state)));
    }
  };
}

/** Says once per middleware that calls carry no request, so events will have no IP. */
function warnNoRequest(path: string): void {
  const message =
    `The tRPC context of "${path}" holds no request, so activity events get no IP or user agent. ` +
    'Wrap your createContext: createContext: withActivityRequest(({ req }) => ({ … })), or put ' +
    '`req` in the context, or pass `request` to activityMiddleware (`request: () => undefined` ' +
    'for server-side callers).';
  if (typeof process !== 'undefined' && typeof process.emitWarning === 'function') {
    process.emitWarning(message, { code: 'ACTIVITYKIT_NO_REQUEST' });
  } else {
    console.warn(`[activitykit] ${message}`);
  }
}
