/**
 * Log streams benchmark: how fast a backlog of N events is delivered to a local webhook receiver
 * and to a real rsyslogd (TCP, RFC 5424), and the delivery lag while a writer records R events/s.
 * The two backlog streams read the same tenant one after the other; the lag runs on a tenant of its
 * own (the delivery reads by tenant). Usage (from bench/):
 *   node --conditions=@activitykit/source streams/streams.ts [--events 100000] [--rate 1000]
 *     [--seconds 30] [--batch 100] [--settle-ms 5000] [--poll-ms 1000]
 * Uses MONGODB_URI when set, else starts a dev database; needs /usr/sbin/rsyslogd.
 */
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { type ActivityStore, createActivityStore } from '@activitykit/core';
import { startDevDb } from '@activitykit/devdb';
import { startRsyslog, startWebhookReceiver } from './receivers.ts';

const { values } = parseArgs({
  options: {
    events: { type: 'string', default: '100000' },
    rate: { type: 'string', default: '1000' },
    seconds: { type: 'string', default: '30' },
    batch: { type: 'string', default: '100' },
    'settle-ms': { type: 'string', default: '5000' },
    'poll-ms': { type: 'string', default: '1000' },
  },
});
const EVENTS = Number(values.events);
const RATE = Number(values.rate);
const SECONDS = Number(values.seconds);
const admin = {
  scope: { tenants: '*' as const },
  actor: { id: 'bench', type: 'system' as const },
};

const KEY = randomBytes(32);
const db = await startDevDb();
const dir = await mkdtemp(join(tmpdir(), 'ak-bench-streams-'));
const dbName = `bench_streams_${Date.now().toString(36)}`;
const open = (deliver: boolean) =>
  createActivityStore({
    uri: db.uri,
    dbName,
    journalDir: join(dir, deliver ? 'journal-deliver' : 'journal'),
    streams: {
      secretKey: KEY,
      deliver,
      batchSize: Number(values.batch),
      settleMs: Number(values['settle-ms']),
      pollIntervalMs: Number(values['poll-ms']),
    },
  });

function input(tenantId: string, i: number) {
  return {
    tenantId,
    action: 'order.status_changed',
    actor: { id: `u${i % 50}`, type: 'user' as const, name: `User ${i % 50}`, role: 'staff' },
    subject: { type: 'order', id: String(i), label: `Order #${i}` },
    refs: [{ type: 'customer', id: String(i % 997), label: `Customer ${i % 997}` }],
    changes: [{ path: 'status', before: 'new', after: 'paid' }],
    context: { ip: `10.0.${i % 7}.${i % 200}`, location: 'north', requestId: `req-${i}` },
    metadata: { amount: i % 1000, currency: 'EUR' },
  };
}

async function seed(store: ActivityStore, tenantId: string): Promise<number> {
  const started = performance.now();
  for (let i = 0; i < EVENTS; i++) {
    store.record(input(tenantId, i));
    if (i % 1000 === 999) await store.flush();
  }
  await store.flush();
  return (performance.now() - started) / 1000;
}

async function until(check: () => Promise<boolean> | boolean, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('benchmark timed out');
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

const writer = open(false);
const rows: string[] = [];
process.stderr.write(`${db.engine}: seeding a backlog of ${EVENTS} events…\n`);
const seeded = await seed(writer, 'backlog');
process.stderr.write(`seeded in ${seeded.toFixed(1)} s\n`);

// Backlog → webhook: a delivering store of its own, from the tenant's first event.
const receiver = await startWebhookReceiver();
const deliverer = open(true);
let started = Date.now();
const webhookStream = await writer.streams.create(
  {
    tenantId: 'backlog',
    name: 'bench webhook',
    destination: { type: 'webhook', url: receiver.url },
    startAt: 'beginning',
  },
  admin,
);
await until(() => receiver.arrivals.size >= EVENTS, 3_600_000);
let seconds = (Date.now() - started) / 1000;
rows.push(
  `| webhook, backlog | ${EVENTS} | ${seconds.toFixed(1)} | ${Math.round(EVENTS / seconds)} |`,
);
process.stderr.write(`${rows.at(-1)}\n`);

// Backlog → rsyslog: the same backlog, once the webhook stream is gone.
await writer.streams.remove(webhookStream.stream.id, admin);
const rsyslog = await startRsyslog(dir);
started = Date.now();
const syslogStream = await writer.streams.create(
  {
    tenantId: 'backlog',
    name: 'bench syslog',
    destination: { type: 'syslog', host: '127.0.0.1', port: rsyslog.port },
    startAt: 'beginning',
  },
  admin,
);
await until(async () => (await rsyslog.count()) >= EVENTS, 3_600_000);
seconds = (Date.now() - started) / 1000;
rows.push(
  `| syslog (rsyslogd), backlog | ${EVENTS} | ${seconds.toFixed(1)} | ${Math.round(EVENTS / seconds)} |`,
);
process.stderr.write(`${rows.at(-1)}\n`);

// Lag: the writer records RATE events/s for SECONDS; the receiver notes each arrival. The backlog
// streams go first (on FerretDB an idle stream still reads its tenant's current hour at each poll).
await writer.streams.remove(syslogStream.stream.id, admin);
const live = await startWebhookReceiver();
await writer.streams.create(
  { tenantId: 'live', name: 'bench live', destination: { type: 'webhook', url: live.url } },
  admin,
);
const occurred = new Map<string, number>();
const total = RATE * SECONDS;
started = Date.now();
for (let i = 0; i < total; i++) {
  const due = started + (i * 1000) / RATE;
  const wait = due - Date.now();
  if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
  const event = writer.record(input('live', i));
  if (event) occurred.set(event.id, event.occurredAt.getTime());
}
const wroteFor = (Date.now() - started) / 1000;
await until(() => [...occurred.keys()].every((id) => live.arrivals.has(id)), 600_000);
const lags = [...occurred]
  .map(([id, at]) => (live.arrivals.get(id) as number) - at)
  .sort((a, b) => a - b);
const pct = (p: number) =>
  ((lags[Math.min(lags.length - 1, Math.floor(p * lags.length))] ?? 0) / 1000).toFixed(1);

process.stdout.write(
  [
    `Log streams on ${db.engine}, Node ${process.versions.node} (${new Date().toISOString().slice(0, 10)}); ` +
      `batch ${values.batch}, settle ${values['settle-ms']} ms, poll ${values['poll-ms']} ms:`,
    '',
    '| delivery | events | seconds | events/s |',
    '| --- | ---: | ---: | ---: |',
    ...rows,
    '',
    `Lag while the writer recorded ${total} events at ${RATE}/s (${wroteFor.toFixed(1)} s), ` +
      `from occurredAt to arrival at the receiver: p50 ${pct(0.5)} s, p95 ${pct(0.95)} s, ` +
      `max ${pct(1)} s.`,
    '',
  ].join('\n'),
);

receiver.close();
live.close();
rsyslog.stop();
await deliverer.close();
await writer.close();
const { MongoClient } = await import('mongodb');
const client = await MongoClient.connect(db.uri);
await client.db(dbName).dropDatabase();
await client.close();
await db.stop();
await rm(dir, { recursive: true, force: true });
