// Starts a dev database, prints it as one JSON line and keeps running until it is killed: a parent
// process for tests of what happens when the parent dies. Arguments: engine [cacheDir].
import { type DevDbEngineChoice, startDevDb } from '../index.ts';

const [engine, cacheDir] = process.argv.slice(2);
const db = await startDevDb({
  engine: engine as DevDbEngineChoice,
  cacheDir: cacheDir || undefined,
  env: { ...process.env, MONGODB_URI: undefined, PATH: '' },
  log: () => {},
});
const { pid, uri, dataDir, postgresUrl } = db;
process.stdout.write(`${JSON.stringify({ engine: db.engine, pid, uri, dataDir, postgresUrl })}\n`);
setInterval(() => {}, 60_000);
