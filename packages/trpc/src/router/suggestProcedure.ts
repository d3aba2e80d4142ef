import type { ActivityStore } from '@activitykit/core';
import type { ActorSuggestion } from '@activitykit/schema';
import type { AuthorizedProcedure } from './access.ts';
import { input, suggestActorsInput } from './inputs.ts';

/**
 * `suggestActors({ prefix, limit? })` → `ActorSuggestion[]`: actors within the caller's scope
 * whose name (or a word of it), e-mail or id starts with `prefix`, for suggestions as a reader
 * types a user filter. Never names an actor of a tenant outside the scope.
 */
export function suggestProcedure(
  procedure: AuthorizedProcedure,
  options: { store: ActivityStore },
) {
  return procedure
    .input(input(suggestActorsInput))
    .query(
      ({ ctx, input }): Promise<ActorSuggestion[]> =>
        options.store.suggestActors(input, ctx.access.scope),
    );
}
