import type { KeyObject } from 'node:crypto';
import type { ActivityStore, CheckpointAnchor, Restorers } from '@activitykit/core';
import {
  ActivityError,
  assertTenantInScope,
  bulkDeleteInputSchema,
  noteInputSchema,
  restoreInputSchema,
  verifyInputSchema,
} from '@activitykit/core';
import type { VerifyReport } from '@activitykit/schema';
import { defaultRequest } from '../capture/resolvers.ts';
import type { AuthorizedProcedure } from './access.ts';
import { input } from './inputs.ts';

/** How `verify` checks the checkpoints: the sealing key's public half, and the anchor. */
export interface ActivityVerifyOptions {
  /** Ed25519 public key (PEM) of the sealing key. */
  publicKey: string | KeyObject;
  /** Where checkpoints are also kept outside MongoDB. Defaults to the store's anchor. */
  anchor?: CheckpointAnchor;
}

/** Options the write procedures use. */
export interface WriteProcedureOptions {
  store: ActivityStore;
  /**
   * Enables `verify`; `integrity` answers `canVerify` by it. Defaults to none: `verify` answers
   * `NOT_IMPLEMENTED` (501, core's `NOT_CONFIGURED`).
   */
  verify?: ActivityVerifyOptions;
  /** Restorers for `restore`, over the store's. Defaults to the store's. */
  restorers?: Restorers;
}

/** `verify`, `restore`, `bulkDelete` and `addNote`. */
export function writeProcedures(procedure: AuthorizedProcedure, options: WriteProcedureOptions) {
  const { store } = options;
  return {
    verify: procedure
      .input(input(verifyInputSchema))
      .mutation(({ ctx, input }): Promise<VerifyReport> => {
        // As REST: another tenant is FORBIDDEN before a server without a key says so.
        assertTenantInScope(ctx.access.scope, input.tenantId);
        const verify = options.verify;
        if (!verify) {
          // Core's NOT_CONFIGURED: NOT_IMPLEMENTED (501), with the code REST answers it with.
          throw new ActivityError(
            'NOT_CONFIGURED',
            'Verifying is not set up; pass verify: { publicKey } to createActivityRouter (the public ' +
              'half of the sealing key from `activitykit keygen`).',
          );
        }
        return store.verify(input, verify);
      }),
    restore: procedure.input(input(restoreInputSchema)).mutation(({ ctx, input }) =>
      store.restore(input.id, ctx.access.scope, {
        actor: ctx.access.actor,
        context: defaultRequest(ctx),
        ...(options.restorers ? { restorers: options.restorers } : {}),
      }),
    ),
    bulkDelete: procedure.input(input(bulkDeleteInputSchema)).mutation(({ ctx, input }) =>
      store.bulkDelete(input, ctx.access.scope, {
        actor: ctx.access.actor,
        context: defaultRequest(ctx),
      }),
    ),
    addNote: procedure.input(input(noteInputSchema)).mutation(async ({ ctx, input }) => {
      const { scope, actor } = ctx.access;
      // Without a tenantId the store takes the scope's only tenant, else the record's.
      const { tenantId } = input;
      return store.addNote(
        {
          ref: input.ref,
          body: input.body,
          author: actor,
          context: defaultRequest(ctx),
          ...(tenantId ? { tenantId } : {}),
        },
        scope,
      );
    }),
  };
}
