import {
  type ActivityStore,
  createStreamSlots,
  DEFAULT_MAX_STREAMS_PER_TENANT,
  viewerEvent,
  type WatchOptions,
} from '@activitykit/core';
import { TRPCError, tracked } from '@trpc/server';
import { toTRPCError } from '../errors.ts';
import {
  type ActivityAuthorize,
  type AuthorizedProcedure,
  resolveAccess,
  type ViewerTokenSetup,
} from './access.ts';
import { input, liveInput } from './inputs.ts';

/**
 * How `live` polls for new events: `store.watch`'s options (SPEC §8: FerretDB has no change
 * streams), and how often a running subscription is authorised again.
 */
export interface ActivityLiveOptions
  extends Pick<WatchOptions, 'pollIntervalMs' | 'lookbackMs' | 'maxPerPoll'> {
  /**
   * How often a running subscription calls `authorize` again, so a reader whose access was revoked
   * or narrowed stops getting events. Defaults to `60_000` ms.
   */
  reauthorizeMs?: number;
  /**
   * The most `live` subscriptions one tenant may hold open on this router (a scope of several
   * tenants takes a slot in each; an all-tenant scope counts as one tenant, `'*'`). The next one
   * fails with `TOO_MANY_REQUESTS`; ending a subscription frees its slot. Defaults to core's
   * `DEFAULT_MAX_STREAMS_PER_TENANT` (`100`).
   */
  maxStreamsPerTenant?: number;
}

/** The `live` subscription: `tracked(event.id, event)` for every new event in the scope. */
export function liveProcedure<TContext>(
  procedure: AuthorizedProcedure,
  options: {
    store: ActivityStore;
    authorize: ActivityAuthorize<TContext>;
    live?: ActivityLiveOptions;
    /** Viewer tokens, checked again before every poll (expiry, revocation). Defaults to none. */
    tokens?: ViewerTokenSetup<TContext>;
  },
) {
  const {
    reauthorizeMs = 60_000,
    maxStreamsPerTenant = DEFAULT_MAX_STREAMS_PER_TENANT,
    ...watch
  } = options.live ?? {};
  const slots = createStreamSlots({ maxPerTenant: maxStreamsPerTenant });
  return procedure.input(input(liveInput)).subscription(async function* ({ ctx, input, signal }) {
    const slot = slots.take(ctx.access.scope);
    if ('full' in slot) {
      const who = slot.full === '*' ? 'Readers of every tenant have' : `Tenant "${slot.full}" has`;
      throw new TRPCError({
        code: 'TOO_MANY_REQUESTS',
        message: `${who} ${maxStreamsPerTenant} live subscriptions open, the most allowed: end one (another tab or window) and subscribe again, or ask the server's operator to raise live.maxStreamsPerTenant.`,
      });
    }
    const query = input?.query ?? { sort: 'desc' as const, limit: 50 };
    let access = ctx.access;
    let authorizedAt = Date.now();
    const scope = async () => {
      // A viewer token's subscription ends as soon as the token expires or is revoked.
      if (access.viewer || Date.now() - authorizedAt >= reauthorizeMs) {
        access = await resolveAccess(options.authorize, ctx as TContext, options.tokens);
        authorizedAt = Date.now();
      }
      return access.scope;
    };
    try {
      const events = options.store.watch(query, scope, {
        ...watch,
        after: input?.lastEventId ?? undefined,
        signal,
      });
      for await (const event of events) {
        yield tracked(event.id, viewerEvent(access, event));
      }
    } catch (error) {
      throw toTRPCError(error);
    } finally {
      slot.release();
    }
  });
}
