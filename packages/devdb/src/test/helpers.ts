import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MongoClient } from 'mongodb';
import { afterAll } from 'vitest';

const scratch: string[] = [];
afterAll(async () => {
  await Promise.all(scratch.map((dir) => rm(dir, { recursive: true, force: true })));
});

/**
 * A new temporary directory, deleted after the test file. Others may enter it (not list it): as
 * root, the dev database's PostgreSQL runs as an unprivileged user who must reach data inside.
 */
export async function tempDir(prefix: string): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), prefix));
  scratch.push(dir);
  await chmod(dir, 0o711);
  return dir;
}

/**
 * `process.env` without `MONGODB_URI` and with an empty PATH (no `mongod`), so that `engine: 'auto'`
 * picks the embedded FerretDB, still cached where the test run caches it.
 */
export function embeddedOnlyEnv(): NodeJS.ProcessEnv {
  return { ...process.env, MONGODB_URI: undefined, PATH: '' };
}

/** Runs `fn` with a connected client and closes it. */
export async function withClient<T>(
  uri: string,
  fn: (client: MongoClient) => Promise<T>,
): Promise<T> {
  const client = await MongoClient.connect(uri);
  try {
    return await fn(client);
  } finally {
    await client.close();
  }
}
