/**
 * The server of the live-streams benchmark, started by `liveStreams.ts` in its own process: an
 * Express app with `activityApi` over the devdb (the caller's tenant from the `x-tenant` header),
 * and a background writer recording `writesPerSecond` events (so open streams receive events, and
 * the live hub's window is never empty). Counts the `find` commands its store sends (driver
 * command monitoring). Prints `ready <port>`; IPC: `mark` (reset the counts), `counts`, `stop`.
 *   node --conditions=@activitykit/source server.ts <uri> <dbName> <collection> <writesPerSecond>
 */
import { mkdtemp, rm } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createActivityStore } from '@activitykit/core';
import { activityApi } from '@activitykit/express';
import express from 'express';
import { MongoClient } from 'mongodb';

const [uri = '', dbName = '', collection = '', writesPerSecond = '5'] = process.argv.slice(2);
const client = await MongoClient.connect(uri, { monitorCommands: true });
let finds = 0;
client.on('commandStarted', (command) => {
  if (command.commandName === 'find') finds += 1;
});
const journalDir = await mkdtemp(join(tmpdir(), 'ak-bench-live-'));
const store = createActivityStore({ client, dbName, collection, journalDir });
await store.ensureIndexes();

const app = express();
app.use(
  '/api/activity',
  activityApi({
    store,
    authorize: (req) => ({
      scope: { tenants: [String(req.headers['x-tenant'] ?? 't0')] },
      actor: { id: 'bench-reader', type: 'user', role: 'admin' },
    }),
  }),
);
const server = app.listen(0, '127.0.0.1', () => {
  process.stdout.write(`ready ${(server.address() as AddressInfo).port}\n`);
});

let written = 0;
const writer = setInterval(() => {
  written += 1;
  store.record({
    tenantId: `t${written % 10}`,
    action: 'order.updated',
    actor: { id: 'bench-writer', type: 'system' },
    subject: { type: 'order', id: `live-${written}` },
  });
}, 1000 / Number(writesPerSecond));

let markedAt = Date.now();
process.on('message', async (message) => {
  if (message === 'mark') {
    finds = 0;
    markedAt = Date.now();
    process.send?.('marked');
  } else if (message === 'counts') {
    process.send?.({ finds, seconds: (Date.now() - markedAt) / 1000 });
  } else if (message === 'stop') {
    clearInterval(writer);
    server.closeAllConnections();
    server.close();
    await store.close();
    await client.close();
    await rm(journalDir, { recursive: true, force: true });
    process.send?.('stopped');
    process.exit(0);
  }
});
