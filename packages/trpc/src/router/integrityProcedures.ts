import type { ActivityStore } from '@activitykit/core';
import type { CheckpointSummary, IntegrityStatus } from '@activitykit/schema';
import type { AuthorizedProcedure } from './access.ts';
import { getInput, input } from './inputs.ts';
import type { WriteProcedureOptions } from './writeProcedures.ts';

/** Options the integrity procedures use. */
export interface IntegrityProcedureOptions extends Pick<WriteProcedureOptions, 'verify'> {
  store: ActivityStore;
}

/**
 * `integrity` (how far each tenant of the caller's scope is sealed) and `checkpointOf` (the
 * checkpoint that seals one event): the answers of REST's `GET /integrity` and `GET /:id/checkpoint`.
 * `verify` is among the write procedures.
 */
export function integrityProcedures(
  procedure: AuthorizedProcedure,
  options: IntegrityProcedureOptions,
) {
  const { store } = options;
  return {
    integrity: procedure.query(async ({ ctx }): Promise<IntegrityStatus> => {
      const status = await store.integrityStatus(ctx.access.scope);
      // This router verifies only with its own public key, whatever the store holds.
      return { ...status, canVerify: Boolean(options.verify) };
    }),
    checkpointOf: procedure.input(input(getInput)).query(
      async ({ ctx, input }): Promise<{ checkpoint: CheckpointSummary | null }> => ({
        checkpoint: (await store.checkpointOf(input.id, ctx.access.scope)) ?? null,
      }),
    ),
  };
}
