import { setTimeout as sleep } from 'node:timers/promises';
import type { ActivityEvent, EventPredicate } from '@activitykit/schema';
import type { RecentEventsRequest } from './recentEvents.ts';

/** How one subscriber wants the store polled; the hub polls as its most demanding subscriber. */
export interface PollSettings {
  intervalMs: number;
  lookbackMs: number;
  maxPerPoll: number;
}

/** A watcher of the hub. */
export interface HubSubscriber {
  settings: PollSettings;
  /**
   * Asked before every poll: which events this subscriber takes (its scope is asked again here).
   * A rejection ends this subscriber with that error.
   */
  prepare(): Promise<EventPredicate>;
  /** The events of one poll it takes, oldest id first. `since`: no older event comes again. */
  deliver(events: ActivityEvent[], since: Date): void;
  /** The hub could not read, or `prepare` failed: the subscriber ends with this error. */
  fail(error: unknown): void;
  /** The store closed: the subscriber ends. */
  end(): void;
}

/** What the hub needs from the store. */
export interface LiveHubDeps {
  /** The one database read of a poll (`recentEvents` over the store's collection). */
  read(request: RecentEventsRequest): Promise<ActivityEvent[]>;
  clock: () => Date;
}

/** The live hub of one store: one poller, however many watchers. */
export interface LiveHub {
  /** Adds a subscriber (starting the poller if it is the first); returns how to remove it. */
  subscribe(subscriber: HubSubscriber): () => void;
  /** Ends every subscriber and stops polling. */
  close(): void;
}

/** How many events one read asks for. */
const PAGE = 200;

/**
 * The live hub: one poller per store, started by the first subscriber and stopped when the last
 * leaves, reading the events of every tenant stored in the last `lookbackMs` once per poll and
 * handing each subscriber the ones its predicate takes, each once. The window is read again at
 * every poll, since events from other processes' writer batches arrive with older ids than events
 * already seen; what was handed out is remembered until it leaves the window.
 */
export function createLiveHub(deps: LiveHubDeps): LiveHub {
  const subscribers = new Map<HubSubscriber, { primed: boolean }>();
  let running = false;
  let closed = false;
  let wake = new AbortController();

  const settings = (): PollSettings => {
    const all = [...subscribers.keys()].map((s) => s.settings);
    return {
      intervalMs: Math.min(...all.map((s) => s.intervalMs)),
      lookbackMs: Math.max(...all.map((s) => s.lookbackMs)),
      maxPerPoll: Math.max(...all.map((s) => s.maxPerPoll)),
    };
  };

  async function run(): Promise<void> {
    // Ids handed out, with their time, until they fall out of the window.
    const delivered = new Map<string, number>();
    let since: Date | undefined;
    while (subscribers.size > 0 && !closed) {
      const { intervalMs, lookbackMs, maxPerPoll } = settings();
      const pollStarted = deps.clock();
      since ??= new Date(pollStarted.getTime() - lookbackMs);
      const current = [...subscribers];
      const predicates = await Promise.all(
        current.map(([subscriber]) =>
          subscriber.prepare().catch((error: unknown) => {
            subscribers.delete(subscriber);
            subscriber.fail(error);
            return undefined;
          }),
        ),
      );
      let fetched: ActivityEvent[];
      try {
        fetched = await readWindow(since, maxPerPoll);
      } catch (error) {
        // The read failed: so do the watches it was for (as each one's own read did before).
        for (const [subscriber] of current) {
          if (subscribers.delete(subscriber)) subscriber.fail(error);
        }
        await sleep(intervalMs, undefined, { signal: wake.signal }).catch(() => undefined);
        continue;
      }
      const window = [...fetched].sort((a, b) => (a.id < b.id ? -1 : 1));
      const fresh = window.filter((event) => !delivered.has(event.id));
      // Read on from the last event when a poll stopped early; else from `lookback` before now.
      const stoppedEarly = fetched.length >= maxPerPoll;
      const last = fetched.at(-1);
      const next =
        stoppedEarly && last ? last.occurredAt : new Date(pollStarted.getTime() - lookbackMs);
      if (next > since) since = next;
      const windowStart = since;
      current.forEach(([subscriber, state], index) => {
        const accepts = predicates[index];
        if (!accepts || !subscribers.has(subscriber)) return;
        const events = (state.primed ? fresh : window).filter(accepts);
        state.primed = true;
        subscriber.deliver(events, windowStart);
      });
      for (const event of fresh) delivered.set(event.id, event.occurredAt.getTime());
      for (const [id, time] of delivered) if (time < windowStart.getTime()) delivered.delete(id);
      if (!stoppedEarly) {
        await sleep(intervalMs, undefined, { signal: wake.signal }).catch(() => undefined);
      }
    }
    running = false;
  }

  async function readWindow(since: Date, maxPerPoll: number): Promise<ActivityEvent[]> {
    const events: ActivityEvent[] = [];
    for (;;) {
      const last = events.at(-1);
      const limit = Math.min(PAGE, maxPerPoll - events.length);
      const page = await deps.read({
        since,
        after: last ? { occurredAt: last.occurredAt, id: last.id } : undefined,
        limit,
        now: deps.clock(),
      });
      events.push(...page);
      if (page.length < limit || events.length >= maxPerPoll) return events;
    }
  }

  return {
    subscribe(subscriber) {
      if (closed) {
        subscriber.end();
        return () => undefined;
      }
      subscribers.set(subscriber, { primed: false });
      if (wake.signal.aborted) wake = new AbortController();
      if (!running) {
        running = true;
        void run();
      }
      return () => {
        subscribers.delete(subscriber);
        if (subscribers.size === 0) wake.abort();
      };
    },
    close() {
      closed = true;
      wake.abort();
      for (const subscriber of subscribers.keys()) subscriber.end();
      subscribers.clear();
    },
  };
}
