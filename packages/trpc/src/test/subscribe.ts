import type { ActivityEvent, WireActivityEvent } from '@activitykit/schema';
import { cleanUp } from '@activitykit/test-utils';
import type { TRPCClient } from '@trpc/client';
import type { RouterApp } from './routerApp.ts';

type LiveInput = Parameters<TRPCClient<RouterApp>['activity']['live']['subscribe']>[0];

/** A live subscription that collects what it receives. */
export interface Collected {
  events: { id: string; data: WireActivityEvent }[];
  error: Promise<{ data?: { code?: string } } | undefined>;
  started: Promise<void>;
  /** Resolves once `count` events arrived (rejects after `timeoutMs`). */
  waitFor(count: number, timeoutMs?: number): Promise<void>;
  stop(): void;
}

/**
 * Subscribes to `activity.live` and collects events and the error; unsubscribes when the test that
 * opened it finishes (test-utils' `cleanUp`), so a test's streams never outlive it.
 */
export function collect(client: TRPCClient<RouterApp>, input: LiveInput): Collected {
  const events: Collected['events'] = [];
  let resolveError: (error: { data?: { code?: string } } | undefined) => void = () => {};
  let resolveStarted: () => void = () => {};
  const error = new Promise<{ data?: { code?: string } } | undefined>((r) => (resolveError = r));
  const started = new Promise<void>((r) => (resolveStarted = r));
  const subscription = client.activity.live.subscribe(input, {
    onStarted: () => resolveStarted(),
    onData: (event) => void events.push(event as Collected['events'][number]),
    onError: (e) => resolveError(e as { data?: { code?: string } }),
  });
  cleanUp(() => subscription.unsubscribe());
  return {
    events,
    error,
    started,
    async waitFor(count, timeoutMs = 15_000) {
      const deadline = Date.now() + timeoutMs;
      while (events.length < count) {
        if (Date.now() > deadline) {
          throw new Error(`Got ${events.length} live events, expected ${count}.`);
        }
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    },
    stop: () => subscription.unsubscribe(),
  };
}

/** The actions of collected events. */
export const actions = (collected: Collected): string[] =>
  collected.events.map((e) => (e.data as Pick<ActivityEvent, 'action'>).action);
