/**
 * `pnpm demo`: starts the dev database that the demo app runs on, with its data kept in
 * `.activitykit/demo-db`. The demo app itself (apps/demo) is not part of the repo yet.
 */
import { startDevDb } from '@activitykit/devdb';

const db = await startDevDb({ dataDir: '.activitykit/demo-db' });
const where = db.dataDir ? `data kept in ${db.dataDir}` : 'your MONGODB_URI';
process.stdout.write(
  [
    '',
    `  ActivityKit dev database (${db.engine}) is up: ${db.uri}`,
    `  (${where})`,
    '',
    '  The demo app (apps/demo: Express + tRPC + React on this database) is still being built;',
    '  until it lands, point your own app or `mongosh` at the URI above.',
    '  Press Ctrl-C to stop.',
    '',
  ].join('\n'),
);
await new Promise<void>((resolve) => {
  process.once('SIGINT', resolve);
  process.once('SIGTERM', resolve);
});
await db.stop();
