import type { ActivityStore, WatchOptions } from '@activitykit/core';
import { tracked } from '@trpc/server';
import { toTRPCError } from '../errors.ts';
import { type ActivityAuthorize, type AuthorizedProcedure, resolveAccess } from './access.ts';
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
}

/** The `live` subscription: `tracked(event.id, event)` for every new event in the scope. */
export function liveProcedure<TContext>(
  procedure: AuthorizedProcedure,
  options: {
    store: ActivityStore;
    authorize: ActivityAuthorize<TContext>;
    live?: ActivityLiveOptions;
  },
) {
  const { reauthorizeMs = 60_000, ...watch } = options.live ?? {};
  return procedure.input(input(liveInput)).subscription(async function* ({ ctx, input, signal }) {
    const query = input?.query ?? { sort: 'desc' as const, limit: 50 };
    let access = ctx.access;
    let authorizedAt = Date.now();
    const scope = async () => {
      if (Date.now() - authorizedAt >= reauthorizeMs) {
        access = await resolveAccess(options.authorize, ctx as TContext);
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
        yield tracked(event.id, event);
      }
    } catch (error) {
      throw toTRPCError(error);
    }
  });
}
