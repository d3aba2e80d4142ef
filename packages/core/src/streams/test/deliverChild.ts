// A delivering process of its own, for the fault tests: a store on the given collection that
// delivers streams (short lease) and prints `delivered <pid> <id,id,…>` after each batch, until
// it is killed. Run with `node --conditions=@activitykit/source`.
import { createActivityStore } from '../../index.ts';

const [uri, dbName, collection, journalDir, leaseMs, secretKey] = process.argv.slice(2);
const store = createActivityStore({
  uri: uri as string,
  dbName: dbName as string,
  collection: collection as string,
  journalDir: journalDir as string,
  streams: {
    secretKey: secretKey as string,
    pollIntervalMs: 50,
    leaseMs: Number(leaseMs),
    batchSize: 10,
    settleMs: 0,
    retryBaseMs: 20,
    retryMaxMs: 100,
    timeoutMs: 5000,
    onDelivered: ({ ids }) => process.stdout.write(`delivered ${process.pid} ${ids.join(',')}\n`),
  },
});
process.stdout.write(`ready ${process.pid}\n`);
process.on('SIGTERM', () => {
  void store.close().then(() => process.exit(0));
});
