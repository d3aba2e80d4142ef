import { type DevDb, startDevDb } from '@activitykit/devdb';
import { MongoClient } from 'mongodb';
import { buildWeb } from './buildWeb.ts';
import {
  DEMO_DB_DIR,
  DEMO_DB_NAME,
  DEMO_JOURNAL_DIR,
  DEMO_SEALING_DIR,
  WEB_DIST_DIR,
} from './paths.ts';
import { loadSealing } from './sealing.ts';
import { runSeed, sealedLine } from './seed/runSeed.ts';
import { DEFAULT_SEED_EVENTS, isSeeded } from './seed/seedDemo.ts';
import { createDemoServer, type DemoServer } from './server/createDemoServer.ts';
import { loadStreamsKey } from './server/streams/streamsKey.ts';

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
 * `pnpm demo`: starts the dev database (data kept in `.activitykit/demo-db`), seeds and seals it on
 * the first run, builds the web app and serves everything on one port, sealing new events in the
 * background with the key pair kept in `.activitykit/demo-sealing` (made on the first run).
 */
export async function startDemo(options: StartDemoOptions = {}): Promise<RunningDemo> {
  const log = options.log ?? ((line: string) => process.stderr.write(`${line}\n`));
  const started = performance.now();
  const elapsed = () => `${((performance.now() - started) / 1000).toFixed(1)} s`;
  const sealing = await loadSealing(DEMO_SEALING_DIR);
  if (sealing.created) log(`made a sealing key pair in ${DEMO_SEALING_DIR}`);
  const db = await startDevDb({ dataDir: DEMO_DB_DIR });
  // Its address, for looking behind the kit's back (README: "Tamper evidence").
  log(`database (${db.engine}) at ${db.uri} up after ${elapsed()}`);
  const client = await MongoClient.connect(db.uri);
  try {
    if (!(await isSeeded(client.db(DEMO_DB_NAME)))) {
      log('first run: seeding the demo history (pnpm demo:seed --events N re-seeds)');
      const summary = await runSeed({
        client,
        dbName: DEMO_DB_NAME,
        events: options.seedEvents ?? DEFAULT_SEED_EVENTS,
        journalDir: DEMO_JOURNAL_DIR,
        sealing,
      });
      log(
        `seeded ${summary.events.toLocaleString('en')} events in ${(summary.ms / 1000).toFixed(1)} s`,
      );
      if (summary.sealed) log(sealedLine(summary.sealed));
    } else if (sealing.created && (await hasCheckpoints(client))) {
      log(
        'the history was sealed with another key: Verify reports a wrong key until `pnpm demo:seed` starts afresh',
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
    sealing,
    // Log-stream secrets stay readable across runs: the key is kept beside the sealing keys.
    streamsKey: await loadStreamsKey(`${DEMO_SEALING_DIR}/../demo-streams.key`),
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

/** Whether the demo's history holds checkpoints (sealed by an earlier run, with some key). */
async function hasCheckpoints(client: MongoClient): Promise<boolean> {
  const checkpoints = client.db(DEMO_DB_NAME).collection('activity_events_checkpoints');
  return (await checkpoints.countDocuments({}, { limit: 1 })) > 0;
}
