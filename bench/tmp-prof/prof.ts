import { startDevDb } from '@activitykit/devdb';
import { MongoClient } from 'mongodb';
import { openSession } from '../screens/session.ts';

const db = await startDevDb({ dataDir: '/tmp/ak-screens-after3' });
const dbName = 'bench_screens_100000';
const client = new MongoClient(db.uri);
const meta = await client.db(dbName).collection('bench_meta').findOne({});
const now = (meta as any)?.now ?? (meta as any)?.seed?.now;
console.log('meta', JSON.stringify(meta).slice(0, 200));
const session = await openSession({ uri: db.uri, dbName, journalDir: '/tmp/ak-prof-journal', now: Number(new Date(now)) });
const types = ['failed_login_burst_user', 'failed_login_burst_ip', 'new_ip_login', 'off_hours_activity', 'bulk_delete', 'permission_change'] as const;
for (let round = 0; round < 2; round++) {
  for (const type of types) {
    session.resetCount();
    const t0 = performance.now();
    const signals = await session.store.securitySignals({ preset: 'last_30_days', timeZone: 'Europe/Berlin' }, { tenants: ['acme'] }, { types: [type] });
    console.log(type, Math.round(performance.now() - t0), 'ms', signals.length, JSON.stringify(session.commands()));
  }
}
await session.close();
await client.close();
await db.stop();
