import {
  type ActivityEvent,
  type ActorSuggestion,
  actorSuggestionQuerySchema,
  collectActorSuggestions,
  suggestionMatches,
} from '@activitykit/schema';
import { ActivitySourceError } from '../source.ts';

/** The newest events a suggestion reads at most, as the store does. */
const SCAN_LIMIT = 2000;

/**
 * Actor suggestions among `events` (newest first), with the store's rules: name, a word of it,
 * e-mail or id starting with the prefix, ignoring case, among the newest 2,000 matching events.
 */
export function suggestFrom(
  events: readonly ActivityEvent[],
  input: { prefix: string; limit?: number },
): ActorSuggestion[] {
  const parsed = actorSuggestionQuerySchema.safeParse(input);
  if (!parsed.success) {
    throw new ActivitySourceError(
      'INVALID_INPUT',
      'Suggestions need a prefix of 1–100 characters.',
      {
        status: 400,
        serverCode: 'INVALID_QUERY',
        cause: parsed.error,
      },
    );
  }
  const { prefix } = parsed.data;
  const matching = events.filter((event) => suggestionMatches(event.actor, prefix));
  return collectActorSuggestions(
    matching.slice(0, SCAN_LIMIT).map((event) => event.actor),
    parsed.data,
  );
}
