import {
  type ActivityPermissionsView,
  type ActivityStore,
  permissionsView,
  type StoreSignalOptions,
} from '@activitykit/core';
import type { AuthorizedProcedure } from './access.ts';
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
    list: procedure
      .input(input(listInput))
      .query(({ ctx, input }) => store.list(input, ctx.access.scope)),
    get: procedure
      .input(input(getInput))
      .query(({ ctx, input }) => store.get(input.id, ctx.access.scope)),
    timeline: procedure
      .input(input(timelineInput))
      .query(({ ctx, input }) => store.timeline(input.ref, input.query ?? {}, ctx.access.scope)),
    stats: procedure
      .input(input(statsInput))
      .query(({ ctx, input }) =>
        store.stats(
          input.query ?? {},
          ctx.access.scope,
          input.bucket ? { bucket: input.bucket } : {},
        ),
      ),
    signals: procedure
      .input(input(signalsInput))
      .query(({ ctx, input }) =>
        store.securitySignals(input.query ?? {}, ctx.access.scope, options.signals),
      ),
  };
}
