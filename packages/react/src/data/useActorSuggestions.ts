import type { ActorSuggestion } from '@activitykit/schema';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useActivityContext } from './ActivityContext.ts';
import { retryTransient } from './queries.ts';

/** Options of {@link useActorSuggestions}. */
export interface ActorSuggestionsOptions {
  /** Set `false` to ask nothing (e.g. while the list is closed). Defaults to `true`. */
  enabled?: boolean;
  /** How many to suggest, 1–20. Defaults to `8`. */
  limit?: number;
  /** Milliseconds of typing pause before asking. Defaults to `150`. */
  debounceMs?: number;
}

/** What {@link useActorSuggestions} gives. */
export interface ActorSuggestionsResult {
  /** The suggestions for the latest prefix asked (kept while the next one loads). */
  suggestions: ActorSuggestion[];
  /** The prefix `suggestions` answer, trimmed. */
  prefix: string;
  /** A request is under way. */
  loading: boolean;
  /** The source can suggest (`source.suggestActors` exists). */
  supported: boolean;
}

/**
 * Actor suggestions for what the reader typed, from the provider's source, after a short typing
 * pause; nothing for an empty prefix or a source without `suggestActors`.
 *
 * @example
 * ```tsx
 * const { suggestions } = useActorSuggestions(draft);
 * suggestions.map((s) => <li key={s.id}>{s.name ?? s.id}</li>);
 * ```
 */
export function useActorSuggestions(
  prefix: string,
  options: ActorSuggestionsOptions = {},
): ActorSuggestionsResult {
  const { source, queryClient, keys } = useActivityContext();
  const { enabled = true, limit = 8, debounceMs = 150 } = options;
  const wanted = prefix.trim().slice(0, 100);
  const [asked, setAsked] = useState(wanted);
  useEffect(() => {
    if (wanted === asked) return;
    const timer = setTimeout(() => setAsked(wanted), debounceMs);
    return () => clearTimeout(timer);
  }, [wanted, asked, debounceMs]);
  const suggest = source.suggestActors?.bind(source);
  const active = enabled && suggest !== undefined && asked !== '';
  const query = useQuery(
    {
      queryKey: [...keys.all, 'actor-suggestions', asked.toLowerCase(), limit],
      queryFn: ({ signal }) =>
        suggest ? suggest({ prefix: asked, limit }, { signal }) : Promise.resolve([]),
      enabled: active,
      staleTime: 60_000,
      retry: retryTransient,
      placeholderData: keepPreviousData,
    },
    queryClient,
  );
  return {
    suggestions: active && !query.isError ? (query.data ?? []) : [],
    prefix: asked,
    loading: active && query.isFetching,
    supported: suggest !== undefined,
  };
}
