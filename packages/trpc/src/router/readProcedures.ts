import {
  type ActivityPermissionsView,
  type ActivityStore,
  permissionsView,
  recordViewerView,
  type StoreSignalOptions,
  viewerEvent,
} from '@activitykit/core';
import { defaultRequest } from '../capture/resolvers.ts';
import { type AuthorizedProcedure, assertViewerMay } from './access.ts';
import { getInput, input, listInput, signalsInput, statsInput, timelineInput } from './inputs.ts';

export type { ActivityPermissionsView };

/** Options the read procedures use. */
export interface ReadProcedureOptions {
  store: ActivityStore;
  /** Business hours, burst thresholds, locale… of the security signals. Defaults to the store's. */
  signals?: StoreSignalOptions;
}

/** `scope`, `list`, `get`, `timeline`, `stats` and `signals`. */
export function readProcedures(procedure: AuthorizedProcedure, options: ReadProcedureOptions) {
  const { store } = options;
  return {
    scope: procedure.query(({ ctx }): ActivityPermissionsView => permissionsView(ctx.access)),
    list: procedure.input(input(listInput)).query(async ({ ctx, input }) => {
      const page = await store.list(input, ctx.access.scope);
      // A token's bearer opening the log (its first page) is recorded: who looked is audited too.
      if (!input.cursor) {
        recordViewerView(store, ctx.access, { page: 'list', context: defaultRequest(ctx) });
      }
      return { ...page, items: page.items.map((item) => viewerEvent(ctx.access, item)) };
    }),
    get: procedure.input(input(getInput)).query(async ({ ctx, input }) => {
      const event = await store.get(input.id, ctx.access.scope);
      const context = defaultRequest(ctx);
      recordViewerView(store, ctx.access, { page: 'event', target: input.id, context });
      return viewerEvent(ctx.access, event);
    }),
    timeline: procedure.input(input(timelineInput)).query(async ({ ctx, input }) => {
      const page = await store.timeline(input.ref, input.query ?? {}, ctx.access.scope);
      if (!input.query?.cursor) {
        const target = `${input.ref.type}:${input.ref.id}`;
        recordViewerView(store, ctx.access, {
          page: 'timeline',
          target,
          context: defaultRequest(ctx),
        });
      }
      return { ...page, items: page.items.map((item) => viewerEvent(ctx.access, item)) };
    }),
    stats: procedure
      .input(input(statsInput))
      .query(({ ctx, input }) =>
        store.stats(
          input.query ?? {},
          ctx.access.scope,
          input.bucket ? { bucket: input.bucket } : {},
        ),
      ),
    signals: procedure.input(input(signalsInput)).query(({ ctx, input }) => {
      assertViewerMay(ctx.access, 'none');
      return store.securitySignals(input.query ?? {}, ctx.access.scope, options.signals);
    }),
  };
}
