import { type ActorSuggestion, actorSuggestionSchema } from '@activitykit/schema';
import { ActivitySourceError } from '../source.ts';

/** Actor suggestions as a server sent them (REST `items`, or the tRPC procedure's answer). */
export function readSuggestions(value: unknown): ActorSuggestion[] {
  const parsed = actorSuggestionSchema.array().safeParse(value);
  if (!parsed.success) {
    throw new ActivitySourceError('SERVER', 'The actor suggestions are not a list of actors.', {
      cause: parsed.error,
    });
  }
  return parsed.data;
}
