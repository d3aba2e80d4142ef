import {
  type ActivityScopeInput,
  type ActorSuggestion,
  type ActorSuggestionQueryInput,
  actorSuggestionQuerySchema,
  collectActorSuggestions,
  describeIssues,
  escapeRegExp,
} from '@activitykit/schema';
import type { Collection, Filter } from 'mongodb';
import { ActivityError } from '../errors.ts';
import type { EventDocument } from '../internal/document.ts';
import { scopeClauses, scopeIsEmpty } from './buildFilter.ts';
import { parseScope } from './readInputs.ts';

/**
 * How many of the newest matching events a suggestion reads at most: enough to find every actor
 * active lately, bounded so that typing stays cheap on a large log.
 */
export const SUGGESTION_SCAN_LIMIT = 2000;

/**
 * Actors within `scope` whose name (or a word of it), e-mail or id starts with the prefix,
 * ignoring case, as `collectActorSuggestions` ranks them, among the newest
 * {@link SUGGESTION_SCAN_LIMIT} matching events.
 */
export async function suggestActors(
  collection: Collection<EventDocument>,
  input: ActorSuggestionQueryInput,
  scopeInput: ActivityScopeInput,
): Promise<ActorSuggestion[]> {
  const scope = parseScope(scopeInput);
  const parsed = actorSuggestionQuerySchema.safeParse(input);
  if (!parsed.success) {
    const problems = describeIssues(parsed.error.issues, { root: '(root)' });
    throw new ActivityError('INVALID_QUERY', `Invalid suggestion query: ${problems}.`, {
      cause: parsed.error,
    });
  }
  const query = parsed.data;
  if (scopeIsEmpty(scope)) return [];
  const text = escapeRegExp(query.prefix);
  const filter = {
    $and: [
      ...scopeClauses(scope),
      {
        $or: [
          { 'actor.name': { $regex: `(?:^|\\s)${text}`, $options: 'i' } },
          { 'actor.email': { $regex: `^${text}`, $options: 'i' } },
          { 'actor.id': { $regex: `^${text}`, $options: 'i' } },
        ],
      },
    ],
  } as Filter<EventDocument>;
  const docs = await collection
    .find(filter, { projection: { actor: 1 } })
    .sort({ occurredAt: -1, _id: -1 })
    .limit(SUGGESTION_SCAN_LIMIT)
    .toArray();
  return collectActorSuggestions(
    docs.map((doc) => doc.actor),
    query,
  );
}
