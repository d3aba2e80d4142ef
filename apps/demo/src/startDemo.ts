import { type DevDb, startDevDb } from '@activitykit/devdb';
import { MongoClient } from 'mongodb';
import { buildWeb } from './buildWeb.ts';
import { DEMO_DB_DIR, DEMO_DB_NAME, DEMO_JOURNAL_DIR, WEB_DIST_DIR } from './paths.ts';
import { runSeed } from './seed/runSeed.ts';
import { DEFAULT_SEED_EVENTS, isSeeded } from './seed/seedDemo.ts';
import { createDemoServer, type DemoServer } from './server/createDemoServer.ts';

/** Options of {@link startDemo}. */
export interface StartDemoOptions {
  /** HTTP port. Defaults to `PORT`, else `3000`. */
  port?: number;
  /** Events the first run seeds. Defaults to `30_000`. */
  seedEvents?: number;
  /** Progress lines. Defaults to stderr. */
  log?: (line: string) => void;
}

/** A running demo: its dev database and server. */
export interface RunningDemo {
  url: string;
  server: DemoServer;
  db: DevDb;
  /** Stops the server (flushing the activity writer) and the dev database. */
  stop(): Promise<void>;
}

/**
 * `pnpm demo`: starts the dev database (data kept in `.activitykit/demo-db`), seeds it on the first
 * run, builds the web app and serves everything on one port.
 */
export async function startDemo(options: StartDemoOptions = {}): Promise<RunningDemo> {
  const log = options.log ?? ((line: string) => process.stderr.write(`${line}\n`));
  const started = performance.now();
  const elapsed = () => `${((performance.now() - started) / 1000).toFixed(1)} s`;
  const db = await startDevDb({ dataDir: DEMO_DB_DIR });
  log(`database (${db.engine}) up after ${elapsed()}`);
  const client = await MongoClient.connect(db.uri);
  try {
    if (!(await isSeeded(client.db(DEMO_DB_NAME)))) {
      log('first run: seeding the demo history (pnpm demo:seed --events N re-seeds)');
      const summary = await runSeed({
        client,
        dbName: DEMO_DB_NAME,
        events: options.seedEvents ?? DEFAULT_SEED_EVENTS,
        journalDir: DEMO_JOURNAL_DIR,
      });
      log(
        `seeded ${summary.events.toLocaleString('en')} events in ${(summary.ms / 1000).toFixed(1)} s`,
      );
    }
  } finally {
    await client.close();
  }
  await buildWeb();
  log(`web app built after ${elapsed()}`);
  const server = await createDemoServer({
    mongoUri: db.uri,
    dbName: DEMO_DB_NAME,
    port: options.port ?? Number(process.env.PORT ?? 3000),
    host: process.env.HOST ?? '127.0.0.1',
    webDir: WEB_DIST_DIR,
    journalDir: DEMO_JOURNAL_DIR,
  });
  log(`ready after ${elapsed()}`);
  return {
    url: server.url,
    server,
    db,
    async stop() {
      await server.close();
      await db.stop();
    },
  };
}
