import type { MongoClient } from 'mongodb';
import type { ActivityStore } from '../activityStore.ts';
import { ActivityError } from '../errors.ts';

/** Options of {@link createConnection}. */
export interface ConnectionOptions {
  client: MongoClient;
  /** Least time between two connection attempts (an attempt itself lasts up to the client's server selection timeout). */
  retryMs: number;
  /** The first failed attempt is reported here. */
  onError: (error: unknown) => void;
}

/**
 * Keeps the store's client connected. The driver connects a client on its first operation, but when
 * that connection fails it keeps the closed topology, and every later operation fails with "Topology
 * is closed" for good. So the store connects the client itself: in the background from the start,
 * attempt after attempt until it answers, and before any operation while it has not. Once connected,
 * the driver's own monitoring rides out outages.
 */
export interface Connection {
  /**
   * Resolves at once when connected; otherwise makes (or joins) a connection attempt and rejects with
   * the driver's error if MongoDB does not answer.
   */
  ensure(): Promise<void>;
  /** Resolves `true` once connected, `false` if `stop()` came first. */
  ready(): Promise<boolean>;
  /** Ends the background attempts. */
  stop(): void;
  /** After this, `ensure()` never connects again (the client is about to be closed). */
  close(): void;
}

export function createConnection(options: ConnectionOptions): Connection {
  const { client, retryMs, onError } = options;
  let connected = false;
  let stopped = false;
  let closed = false;
  let reported = false;
  let attempt: Promise<void> | undefined;
  let wake: (() => void) | undefined;
  const waiters: ((connected: boolean) => void)[] = [];

  /** One connection attempt, shared by everyone who asks while it runs. */
  const tryOnce = (): Promise<void> => {
    if (connected) return Promise.resolve();
    if (closed) {
      return Promise.reject(
        new ActivityError('CLOSED', 'The store is closed and never reached MongoDB.'),
      );
    }
    attempt ??= client
      .connect()
      .then(() => {
        connected = true;
        for (const resolve of waiters.splice(0)) resolve(true);
      })
      .finally(() => {
        attempt = undefined;
      });
    return attempt;
  };

  /** Fails only when an attempt begun after the call fails: one begun earlier may end too soon. */
  const ensure = async (): Promise<void> => {
    if (connected) return;
    const joined = attempt !== undefined;
    try {
      await tryOnce();
    } catch (error) {
      if (!joined) throw error;
      await tryOnce();
    }
  };

  const keepTrying = async () => {
    while (!connected && !stopped && !closed) {
      const started = Date.now();
      try {
        await tryOnce();
      } catch (error) {
        if (stopped || closed) break;
        if (!reported) {
          reported = true;
          onError(
            new ActivityError(
              'NOT_STORED',
              `Could not connect to MongoDB (${String(error)}); trying again in the background. ` +
                'Events recorded meanwhile go to the journal and are stored once it answers.',
              { cause: error },
            ),
          );
        }
        // An attempt that failed fast (an unknown host) must not spin; a slow one (server
        // selection) is its own wait, so the next begins at once and the client is never left
        // without a topology that is trying.
        const rest = retryMs - (Date.now() - started);
        if (rest > 0) {
          await new Promise<void>((resolve) => {
            const timer = setTimeout(resolve, rest);
            timer.unref();
            wake = () => {
              clearTimeout(timer);
              resolve();
            };
          });
          wake = undefined;
        }
      }
    }
  };
  void keepTrying();

  const stop = () => {
    stopped = true;
    wake?.();
    for (const resolve of waiters.splice(0)) resolve(connected);
  };

  return {
    ensure,
    ready: () =>
      connected || stopped
        ? Promise.resolve(connected)
        : new Promise((resolve) => waiters.push(resolve)),
    stop,
    close() {
      stop();
      closed = true;
    },
  };
}

/**
 * The store, each of whose calls that reach MongoDB connects first (`record` does through the
 * writer): a store that started before its database reads as soon as the database answers.
 */
export function connectedFirst(store: ActivityStore, ensure: () => Promise<void>): ActivityStore {
  const first =
    <TArgs extends unknown[], TResult>(fn: (...args: TArgs) => Promise<TResult>) =>
    async (...args: TArgs): Promise<TResult> => {
      await ensure();
      return fn(...args);
    };
  return {
    ...store,
    list: first(store.list),
    async *stream(query, scope) {
      await ensure();
      yield* store.stream(query, scope);
    },
    async *watch(query, scope, options) {
      await ensure();
      yield* store.watch(query, scope, options);
    },
    get: first(store.get),
    timeline: first(store.timeline),
    stats: first(store.stats),
    securitySignals: first(store.securitySignals),
    addNote: first(store.addNote),
    restore: first(store.restore),
    bulkDelete: first(store.bulkDelete),
    seal: first(store.seal),
    verify: first(store.verify),
    sweepExpired: first(store.sweepExpired),
    explain: first(store.explain),
    ensureIndexes: first(store.ensureIndexes),
  };
}
