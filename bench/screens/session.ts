/**
 * A store over its own monitored client: counts the commands the driver sends (`commandStarted`
 * events of command monitoring), by name, so each screen reports how many round trips it costs.
 */
import { type ActivityStore, createActivityStore } from '@activitykit/core';
import { MongoClient } from 'mongodb';

/** A store, its client and the commands sent since the last `resetCount()`. */
export interface Session {
  store: ActivityStore;
  /** Commands by name (`find`, `aggregate`, `getMore`…) since the last reset. */
  commands(): Record<string, number>;
  resetCount(): void;
  /** Closes the client without waiting for an operation still running (after a timeout). */
  close(): Promise<void>;
}

/** Options of {@link openSession}. */
export interface SessionOptions {
  uri: string;
  dbName: string;
  journalDir: string;
  /** The store's clock: presets resolve against the end of the seeded history. */
  now: number;
}

/** Opens a monitored client and a store on it; indexes are checked before anything is measured. */
export async function openSession(options: SessionOptions): Promise<Session> {
  const client = new MongoClient(options.uri, { monitorCommands: true });
  await client.connect();
  let counts: Record<string, number> = {};
  client.on('commandStarted', (event) => {
    counts[event.commandName] = (counts[event.commandName] ?? 0) + 1;
  });
  const store = createActivityStore({
    client,
    dbName: options.dbName,
    journalDir: options.journalDir,
    clock: () => new Date(options.now),
  });
  await store.ensureIndexes();
  return {
    store,
    commands: () => ({ ...counts }),
    resetCount() {
      counts = {};
    },
    async close() {
      const quit = Promise.allSettled([store.close(), client.close()]);
      await Promise.race([quit, new Promise((resolve) => setTimeout(resolve, 5_000).unref())]);
    },
  };
}

/** The number of commands in a count by name. */
export const totalCommands = (counts: Record<string, number>): number =>
  Object.values(counts).reduce((a, b) => a + b, 0);
