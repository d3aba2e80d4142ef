/**
 * Live-streams benchmark (issue 13, item 4): does an open live stream cost the server's other
 * requests anything? An Express server with `activityApi` over the devdb (seeded with `--events`
 * events over ten tenants, plus a background writer) answers `GET /api/activity?limit=50` under
 * autocannon, first with no live stream open, then with `--streams` open SSE streams (`GET
 * /api/activity/live`, spread over the ten tenants: 50 each with 500, within the default cap of 100
 * per tenant). The two take turns within each run; the table shows the median over the runs of
 * each run's median latency, and the ratio. Usage:
 *   pnpm --filter @activitykit/bench live-streams [--runs 5] [--duration 10] [--connections 2]
 *     [--events 3000] [--streams 500] [--writes 5]
 * Uses MONGODB_URI when set, else starts a dev database.
 */
import { type ChildProcess, fork } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import http from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { createActivityStore } from '@activitykit/core';
import { startDevDb } from '@activitykit/devdb';
import autocannon from 'autocannon';

const { values } = parseArgs({
  args: process.argv.slice(2).filter((arg) => arg !== '--'),
  options: {
    runs: { type: 'string', default: '5' },
    duration: { type: 'string', default: '10' },
    connections: { type: 'string', default: '2' },
    events: { type: 'string', default: '3000' },
    streams: { type: 'string', default: '500' },
    writes: { type: 'string', default: '5' },
  },
});
const RUNS = Number(values.runs);
const DURATION = Number(values.duration);
const CONNECTIONS = Number(values.connections);
const EVENTS = Number(values.events);
const STREAMS = Number(values.streams);
const TENANTS = 10;

const db = await startDevDb();
const dbName = `bench_live_${Date.now()}`;
const collection = 'activity_events';
const say = (line: string) => process.stderr.write(`${line}\n`);
say(`seeding ${EVENTS} events on ${db.engine}…`);
await seed();
const server = await startServer();
say('server ready');

/** Seeds `EVENTS` events over the last 30 days through the store's writer. */
async function seed(): Promise<void> {
  const journalDir = await mkdtemp(join(tmpdir(), 'ak-bench-seed-'));
  const store = createActivityStore({ uri: db.uri, dbName, collection, journalDir });
  await store.ensureIndexes();
  const now = Date.now();
  for (let i = 0; i < EVENTS; i++) {
    store.record({
      tenantId: `t${i % TENANTS}`,
      action: i % 4 === 0 ? 'customer.created' : 'order.updated',
      actor: { id: `u${i % 37}`, type: 'user', name: `User ${i % 37}`, role: 'staff' },
      subject: { type: i % 4 === 0 ? 'customer' : 'order', id: String(i) },
      occurredAt: new Date(now - ((EVENTS - i) / EVENTS) * 30 * 86_400_000),
    });
  }
  await store.flush();
  await store.close();
  await rm(journalDir, { recursive: true, force: true });
}

async function startServer(): Promise<{ child: ChildProcess; port: number }> {
  const script = fileURLToPath(new URL('./server.ts', import.meta.url));
  const child = fork(script, [db.uri, dbName, collection, String(values.writes)], {
    execArgv: ['--conditions=@activitykit/source'],
    stdio: ['ignore', 'pipe', 'inherit', 'ipc'],
  });
  return new Promise((resolve, reject) => {
    child.stdout?.on('data', (chunk: Buffer) => {
      const match = /ready (\d+)/.exec(String(chunk));
      if (match) resolve({ child, port: Number(match[1]) });
    });
    child.once('exit', (code) => reject(new Error(`server exited with ${code}`)));
  });
}

function ask<T>(message: string): Promise<T> {
  return new Promise((resolve) => {
    server.child.once('message', (answer) => resolve(answer as T));
    server.child.send(message);
  });
}

/** From an event's `occurredAt` (the writer records it as it happens) to its arrival on a stream. */
const delays: number[] = [];

/** Opens `count` SSE streams over the tenants; resolves once every one answered 200. */
async function openStreams(count: number): Promise<{ received: () => number; close: () => void }> {
  const requests: http.ClientRequest[] = [];
  let received = 0;
  const opened = Array.from(
    { length: count },
    (_, i) =>
      new Promise<void>((resolve, reject) => {
        const request = http.get(
          {
            host: '127.0.0.1',
            port: server.port,
            path: '/api/activity/live',
            headers: { 'x-tenant': `t${i % TENANTS}`, accept: 'text/event-stream' },
            agent: false,
          },
          (response) => {
            if (response.statusCode !== 200) {
              reject(new Error(`stream ${i}: HTTP ${response.statusCode}`));
              return;
            }
            let buffer = '';
            response.on('data', (chunk: Buffer) => {
              const arrived = Date.now();
              buffer += String(chunk);
              const blocks = buffer.split('\n\n');
              buffer = blocks.pop() ?? '';
              for (const block of blocks) {
                if (!block.includes('event: activity')) continue;
                received += 1;
                const data = /^data: (.*)$/m.exec(block)?.[1];
                const at = data
                  ? Date.parse((JSON.parse(data) as { occurredAt: string }).occurredAt)
                  : NaN;
                if (Number.isFinite(at)) delays.push(arrived - at);
              }
            });
            response.on('error', () => {});
            resolve();
          },
        );
        request.on('error', () => {});
        requests.push(request);
      }),
  );
  await Promise.all(opened);
  return {
    received: () => received,
    close: () => {
      for (const request of requests) request.destroy();
    },
  };
}

/** `find` commands per second the server sends with no request to answer (the live poller's). */
async function quietFinds(): Promise<number> {
  await ask('mark');
  await new Promise((resolve) => setTimeout(resolve, 3000));
  const counts = await ask<{ finds: number; seconds: number }>('counts');
  return counts.finds / counts.seconds;
}

async function measure(): Promise<{ p50: number; requests: number }> {
  const result = await autocannon({
    url: `http://127.0.0.1:${server.port}/api/activity?limit=50`,
    headers: { 'x-tenant': 't0' },
    connections: CONNECTIONS,
    duration: DURATION,
  });
  if (result.errors + result.non2xx > 0) {
    throw new Error(`${result.errors} errors, ${result.non2xx} non-2xx answers`);
  }
  return { p50: result.latency.p50, requests: result.requests.total };
}

const median = (list: number[]) => {
  const sorted = [...list].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2
    ? (sorted[middle] as number)
    : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2;
};

await measure(); // warm-up
say('warmed up');
const idle: number[] = [];
const busy: number[] = [];
const idleFinds: number[] = [];
const busyFinds: number[] = [];
for (let run = 1; run <= RUNS; run++) {
  idleFinds.push(await quietFinds());
  const none = await measure();
  idle.push(none.p50);
  const streams = await openStreams(STREAMS);
  busyFinds.push(await quietFinds()); // also lets every stream join the hub
  const open = await measure();
  busy.push(open.p50);
  say(
    `run ${run}: p50 ${none.p50} ms with 0 streams (${none.requests} requests), ${open.p50} ms with ${STREAMS} (${open.requests} requests; the streams received ${streams.received()} events); finds/s between requests ${idleFinds.at(-1)?.toFixed(1)} vs ${busyFinds.at(-1)?.toFixed(1)}`,
  );
  streams.close();
  await new Promise((resolve) => setTimeout(resolve, 1000));
}
await ask('stop');
await db.stop();

const date = new Date().toISOString().slice(0, 10);
/** The delivery delay at quantile `q` (nearest rank). */
const percentile = (q: number) => {
  const sorted = [...delays].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))] ?? NaN;
};
const ratio = median(busy) / median(idle);
process.stdout.write(
  [
    '',
    `Live streams, GET /api/activity?limit=50 at ${EVENTS} events, ${CONNECTIONS} connections, ${DURATION} s per measurement, median of ${RUNS} runs, ${db.engine} (${date}):`,
    '',
    '| open live streams | median latency (ms) | database finds/s with no request to answer |',
    '| ---: | ---: | ---: |',
    `| 0 | ${median(idle)} | ${median(idleFinds).toFixed(1)} |`,
    `| ${STREAMS} | ${median(busy)} | ${median(busyFinds).toFixed(1)} |`,
    '',
    `Ratio: ${ratio.toFixed(2)} (${ratio <= 1.2 ? 'within' : 'over'} the 20 % target).`,
    '',
    `Delivery: ${delays.length} events arrived on the streams, ${percentile(0.5)} ms after they happened at the median, p99 ${percentile(0.99)} ms, at most ${percentile(1)} ms (target: < 2 s).`,
    '',
  ].join('\n'),
);
