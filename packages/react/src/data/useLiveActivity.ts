import type { ActivityEvent, ActivityQueryInput } from '@activitykit/schema';
import { hashKey } from '@tanstack/react-query';
import { useCallback, useEffect, useRef, useState } from 'react';
import { useActivityContext } from './ActivityContext.ts';
import type { ActivitySourceError } from './source.ts';

/** Options of {@link useLiveActivity}. */
export interface LiveActivityOptions {
  /** Subscribe only while `true`. Defaults to `true`. */
  enabled?: boolean;
  /** Called for every event as it arrives. Defaults to none. */
  onEvent?(event: ActivityEvent): void;
  /** How many received events to keep in `events`. Defaults to `500`. */
  max?: number;
}

/** The state of a live subscription. */
export type LiveStatus = 'off' | 'connecting' | 'open' | 'error';

/** What {@link useLiveActivity} returns. */
export interface LiveActivity {
  /** Events received since subscribing (or since `clear()`), newest first, without duplicates. */
  events: ActivityEvent[];
  status: LiveStatus;
  /** The last stream error; sources reconnect by themselves unless access was denied. */
  error: ActivitySourceError | undefined;
  /** Forgets the received events (e.g. after merging them into a list). */
  clear(): void;
}

/**
 * Subscribes to new events matching a query (SSE for REST, a subscription for tRPC) while
 * mounted and enabled; resubscribes when the query changes, resuming after the last event seen.
 *
 * @example
 * ```tsx
 * const live = useLiveActivity({ kinds: ['login_failed'] }, { enabled: following });
 * return <p aria-live="polite">{live.events.length} new</p>;
 * ```
 */
export function useLiveActivity(
  query: ActivityQueryInput,
  options: LiveActivityOptions = {},
): LiveActivity {
  const { source } = useActivityContext();
  const { enabled = true, max = 500 } = options;
  const [events, setEvents] = useState<ActivityEvent[]>([]);
  const [status, setStatus] = useState<LiveStatus>('off');
  const [error, setError] = useState<ActivitySourceError | undefined>();
  const onEvent = useRef(options.onEvent);
  onEvent.current = options.onEvent;
  const queryRef = useRef(query);
  queryRef.current = query;
  const queryHash = hashKey([query]);

  useEffect(() => {
    // Each subscription starts fresh: a new query means a new stream.
    void queryHash;
    if (!enabled) {
      setStatus('off');
      return;
    }
    setStatus('connecting');
    setError(undefined);
    setEvents([]);
    const seen = new Set<string>();
    return source.subscribe(queryRef.current, {
      onOpen: () => {
        setStatus('open');
        setError(undefined);
      },
      onError: (streamError) => {
        setStatus('error');
        setError(streamError);
      },
      onEvent: (event) => {
        if (seen.has(event.id)) return;
        seen.add(event.id);
        setStatus('open');
        setEvents((current) => [event, ...current].slice(0, max));
        onEvent.current?.(event);
      },
    });
  }, [source, enabled, queryHash, max]);

  const clear = useCallback(() => setEvents([]), []);
  return { events, status, error, clear };
}
