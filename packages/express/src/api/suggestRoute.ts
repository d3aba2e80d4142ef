import { actorSuggestionQuerySchema } from '@activitykit/schema';
import type { Router } from 'express';
import { ActivityHttpError } from '../errors.ts';
import { route } from './handler.ts';
import { checkWith, searchParams, single } from './input.ts';
import type { ActivityApiOptions } from './options.ts';

const PARAMS = new Set(['prefix', 'limit']);

/**
 * `GET /actors?prefix=tom&limit=8` → `{ items: ActorSuggestion[] }`: actors within the caller's
 * scope whose name (or a word of it), e-mail or id starts with `prefix`, for suggestions as a
 * reader types a user filter.
 */
export function mountSuggestRoute(router: Router, options: ActivityApiOptions): void {
  router.get(
    '/actors',
    route(options, async (req, res, { scope }) => {
      const params = searchParams(req);
      for (const name of params.keys()) {
        if (!PARAMS.has(name)) {
          throw new ActivityHttpError(
            'INVALID_INPUT',
            `Unknown query parameter "${name.slice(0, 60)}": /actors takes prefix and limit.`,
            { errors: [{ path: name.slice(0, 60), message: 'unknown parameter' }] },
          );
        }
      }
      const limit = single(params, 'limit');
      const query = checkWith(actorSuggestionQuerySchema, {
        prefix: single(params, 'prefix') ?? '',
        ...(limit === undefined ? {} : { limit }),
      });
      res.json({ items: await options.store.suggestActors(query, scope) });
    }),
  );
}
