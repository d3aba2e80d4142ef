/**
 * One server of the express-overhead benchmark, started by `expressOverhead.ts` in its own process:
 * the same JSON endpoint, bare (`bare`), logged by pino-http (`pino`), recorded by ActivityKit's
 * capture middleware into the devdb (`capture`), or — a diagnostic row — captured into a sink that
 * drops the events (`middleware`). Prints `ready <port>`; on the `stop` IPC message
 * it reports its CPU time since `mark`, closes (flushing the store) and sends back the writer
 * metrics.
 */
import { mkdtemp } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createActivityStore } from '@activitykit/core';
import { activityCapture } from '@activitykit/express';
import express from 'express';
import pino from 'pino';
import { pinoHttp } from 'pino-http';

const [mode = 'bare', uri = '', collection = 'events'] = process.argv.slice(2);
const app = express();
app.use(express.json());
// Every variant has a signed-in user, as a real app's session middleware would give it.
app.use((req, _res, next) => {
  (req as { user?: unknown }).user = {
    id: 'u1',
    name: 'Alice Smith',
    role: 'staff',
    tenantId: 'acme',
  };
  next();
});

let store: ReturnType<typeof createActivityStore> | undefined;
if (mode === 'pino') {
  const log = join(await mkdtemp(join(tmpdir(), 'ak-bench-pino-')), 'http.log');
  app.use(pinoHttp({ logger: pino(pino.destination({ dest: log, sync: false })) }));
} else if (mode === 'middleware') {
  // Diagnostic: the capture middleware alone — events are built but handed to a sink that drops
  // them, so the row shows what the middleware costs apart from the store and the database.
  app.use(activityCapture({ store: { record: () => undefined } }));
} else if (mode === 'capture') {
  store = createActivityStore({
    uri,
    dbName: 'bench_express',
    collection,
    journalDir: await mkdtemp(join(tmpdir(), 'ak-bench-journal-')),
    defaultTenantId: 'acme',
  });
  await store.ensureIndexes();
  app.use(activityCapture({ store }));
}

app.post('/customers/:id', (req, res) => {
  res.json({ id: req.params.id, ...req.body, updatedAt: new Date().toISOString() });
});

const server = app.listen(0, '127.0.0.1', () => {
  process.stdout.write(`ready ${(server.address() as AddressInfo).port}\n`);
});
// `mark` starts the measured window; `stop` reports the CPU this process spent since (the store's
// background writes included, its final flush not), closes, and sends the writer metrics.
let mark = process.cpuUsage();
process.on('message', async (message) => {
  if (message === 'mark') {
    mark = process.cpuUsage();
    process.send?.('marked');
    return;
  }
  if (message !== 'stop') return;
  const cpu = process.cpuUsage(mark);
  server.close();
  const metrics = store ? store.metrics() : undefined;
  await store?.close();
  process.send?.({ cpuMicros: cpu.user + cpu.system, metrics });
  process.exit(0);
});
