/**
 * Verify benchmark: seals N events of one tenant into checkpoints, then times `verify` over all of
 * them (and its peak RSS). Usage:
 *   pnpm --filter @activitykit/bench verify [--events 1000000]
 * Uses MONGODB_URI when set, else starts a dev database. Loading is the slow part on FerretDB.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { createActivityStore, generateSealingKeys } from '@activitykit/core';
import { startDevDb } from '@activitykit/devdb';

const { values } = parseArgs({ options: { events: { type: 'string', default: '1000000' } } });
const EVENTS = Number(values.events);
const db = await startDevDb();
const journalDir = await mkdtemp(join(tmpdir(), 'ak-bench-verify-'));
const keys = generateSealingKeys();
const store = createActivityStore({
  uri: db.uri,
  dbName: 'bench_verify',
  journalDir,
  defaultTenantId: 'acme',
  writer: { batchSize: 1000 },
  integrity: { privateKey: keys.privateKey, sealIntervalMs: false, sealDelayMs: 0 },
});
const seconds = (since: number) => ((performance.now() - since) / 1000).toFixed(1);

let started = performance.now();
for (let i = 0; i < EVENTS; i++) {
  store.record({
    action: 'order.status_changed',
    actor: { id: `u${i % 50}`, type: 'user', name: `User ${i % 50}`, role: 'staff' },
    subject: { type: 'order', id: String(i), label: `Order #${i}` },
    changes: [{ path: 'status', before: 'new', after: 'paid' }],
    context: { ip: `10.0.${i % 7}.${i % 200}` },
  });
  // Loading is not what is measured: let the writer keep up.
  if (i % 10_000 === 9999) await store.flush();
  if (i % 100_000 === 99_999) process.stderr.write(`recorded ${i + 1}\n`);
}
await store.flush();
if (store.metrics().written !== EVENTS)
  throw new Error(`stored ${store.metrics().written} of ${EVENTS}`);
process.stderr.write(`loaded ${EVENTS} events in ${seconds(started)} s\n`);

started = performance.now();
const sealed = await store.seal();
const sealSeconds = seconds(started);
started = performance.now();
const report = await store.verify({ tenantId: 'acme' }, { publicKey: keys.publicKey });
const verifySeconds = seconds(started);
if (!report.ok || report.checkedEvents !== EVENTS)
  throw new Error(`verify: ${JSON.stringify(report).slice(0, 500)}`);
process.stdout.write(
  [
    `Integrity over ${EVENTS} events on ${db.engine} (${new Date().toISOString().slice(0, 10)}):`,
    `- seal: ${sealed.checkpoints} checkpoints in ${sealSeconds} s`,
    `- verify: ${report.checkedEvents} events in ${report.checkedCheckpoints} checkpoints in ${verifySeconds} s`,
    `- peak RSS of the process: ${Math.round(process.resourceUsage().maxRSS / 1024)} MiB`,
    '',
  ].join('\n'),
);
await store.close();
await db.stop();
await rm(journalDir, { recursive: true, force: true });
