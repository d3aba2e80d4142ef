import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type DevDb, startDevDb } from '@activitykit/devdb';
import { afterAll } from 'vitest';

// For tests that stop their MongoDB or start it late, which the run's shared one must not do. This
// module is evaluated once per test file, so the clean-up below belongs to the file: after its tests
// (and after the file's own `afterAll`s, which run first), the servers stop and the directories go.
const scratch: string[] = [];
const servers: DevDb[] = [];
afterAll(async () => {
  await Promise.all(servers.map((db) => db.stop()));
  await Promise.all(scratch.map((dir) => rm(dir, { recursive: true, force: true })));
});

/** A new temporary directory, deleted after the test file. */
export async function tempDir(prefix: string): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), prefix));
  scratch.push(dir);
  return dir;
}

/** A dev-database server of the test file's own on `port` (`0`: any), stopped after the file. */
export async function ownServer(dataDir: string, port = 0): Promise<DevDb> {
  const { MONGODB_URI: _shared, ...env } = process.env;
  // FerretDB on SQLite, whoever runs the tests: the PostgreSQL backend runs as its own user when
  // started by root, which a private temporary directory shuts out (it would fall back, loudly).
  const db = await startDevDb({ engine: 'ferretdb-sqlite', dataDir, port, env, onCrash: () => {} });
  servers.push(db);
  return db;
}
