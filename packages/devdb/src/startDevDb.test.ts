import { chmod, readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DevDbError, startDevDb } from './index.ts';
import { defaultCacheDir } from './internal/cacheDir.ts';
import { ensureFerretDbBinary } from './internal/ferretdb.ts';
import { embeddedOnlyEnv, tempDir, withClient } from './test/helpers.ts';
import { isRunning, processTree, stillRunning } from './test/processes.ts';

const BACKENDS = ['ferretdb-postgres', 'ferretdb-sqlite'] as const;

describe.each(BACKENDS)('startDevDb on %s', (engine) => {
  it('keeps the data of a given data directory across a restart', async () => {
    const dataDir = join(await tempDir('devdb-keep-'), 'data');
    const first = await startDevDb({ engine, dataDir });
    await withClient(first.uri, (c) =>
      c.db('keep').collection('notes').insertOne({ body: 'hello' }),
    );
    await first.stop();

    const second = await startDevDb({ engine, dataDir });
    try {
      expect(second.engine).toBe(engine);
      const note = await withClient(second.uri, (c) =>
        c.db('keep').collection('notes').findOne({}),
      );
      expect(note?.body).toBe('hello');
    } finally {
      await second.stop();
    }
    expect((await stat(dataDir)).isDirectory()).toBe(true);
  });

  it('leaves no process and no temporary directory behind after stop', async () => {
    const db = await startDevDb({ engine });
    const { pid, dataDir } = db;
    // The FerretDB process and, on PostgreSQL, the server and its workers below it.
    const tree = await processTree(pid ?? 0);
    expect(tree.length).toBeGreaterThanOrEqual(engine === 'ferretdb-postgres' ? 3 : 1);
    await db.stop();
    await db.stop();
    expect(await stillRunning(tree)).toEqual([]);
    await expect(stat(dataDir ?? '')).rejects.toMatchObject({ code: 'ENOENT' });
  });

  it('reports a server that crashes instead of hiding it, and leaves nothing running', async () => {
    const crashes: DevDbError[] = [];
    const db = await startDevDb({ engine, onCrash: (error) => crashes.push(error) });
    const tree = await processTree(db.pid ?? 0);
    process.kill(db.pid ?? 0, 'SIGKILL');
    await expect.poll(() => crashes.length).toBe(1);
    expect(crashes[0]).toBeInstanceOf(DevDbError);
    expect(crashes[0]?.code).toBe('CRASHED');
    expect(crashes[0]?.message).toMatch(/stopped unexpectedly with signal SIGKILL/);
    // PostgreSQL gets its parent-death signal and shuts down by itself.
    await expect.poll(() => stillRunning(tree), { timeout: 30_000 }).toEqual([]);
    await db.stop();
  });
});

describe('startDevDb', () => {
  it('runs two servers at once, each with its own data', async () => {
    const [a, b] = await Promise.all([
      startDevDb({ engine: 'ferretdb' }),
      startDevDb({ engine: 'ferretdb' }),
    ]);
    try {
      expect(a.uri).not.toBe(b.uri);
      expect(a.postgresUrl).not.toBe(b.postgresUrl);
      await withClient(a.uri, (c) => c.db('two').collection('x').insertOne({ from: 'a' }));
      const inB = await withClient(b.uri, (c) => c.db('two').collection('x').countDocuments());
      expect(inB).toBe(0);
    } finally {
      await Promise.all([a.stop(), b.stop()]);
    }
  });

  it.runIf(process.platform === 'linux')(
    'runs FerretDB on PostgreSQL by default, and on SQLite when asked',
    async () => {
      const db = await startDevDb({ env: embeddedOnlyEnv() });
      try {
        expect(db.engine).toBe('ferretdb-postgres');
        expect(db.postgresUrl).toMatch(/^postgres:\/\/postgres@127\.0\.0\.1:\d+\/postgres$/);
      } finally {
        await db.stop();
      }
      const sqlite = await startDevDb({ env: embeddedOnlyEnv(), engine: 'ferretdb-sqlite' });
      try {
        expect(sqlite).toMatchObject({ engine: 'ferretdb-sqlite', postgresUrl: undefined });
      } finally {
        await sqlite.stop();
      }
    },
  );

  it('stays on SQLite for a data directory that holds SQLite data of an earlier run', async () => {
    const dataDir = join(await tempDir('devdb-earlier-'), 'data');
    const first = await startDevDb({ engine: 'ferretdb-sqlite', dataDir });
    await withClient(first.uri, (c) => c.db('old').collection('notes').insertOne({ body: 'kept' }));
    await first.stop();

    const said: string[] = [];
    const second = await startDevDb({
      env: embeddedOnlyEnv(),
      dataDir,
      log: (message) => said.push(message),
    });
    try {
      expect(second.engine).toBe('ferretdb-sqlite');
      const note = await withClient(second.uri, (c) => c.db('old').collection('notes').findOne({}));
      expect(note?.body).toBe('kept');
      expect(said.join('\n')).toMatch(/holds SQLite data of an earlier run.*"ferretdb-postgres"/s);
    } finally {
      await second.stop();
    }
  });

  it('uses MONGODB_URI as it is when set', async () => {
    const real = await startDevDb({ engine: 'ferretdb' });
    try {
      const external = await startDevDb({ env: { MONGODB_URI: real.uri } });
      expect(external).toMatchObject({
        engine: 'external',
        uri: real.uri,
        pid: undefined,
        postgresUrl: undefined,
      });
      await external.stop();
      expect(await isRunning(real.pid)).toBe(true);
    } finally {
      await real.stop();
    }
  });

  it('says so when MONGODB_URI does not answer', async () => {
    const error = await startDevDb({
      env: { MONGODB_URI: 'mongodb://127.0.0.1:1/' },
      startTimeoutMs: 500,
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DevDbError);
    expect(error).toMatchObject({ code: 'START_FAILED' });
    expect((error as Error).message).toMatch(/MONGODB_URI .* did not answer a ping/);
  });

  it('prefers a mongod found on PATH over the embedded FerretDB', async () => {
    // A real MongoDB-compatible server behind mongod's command line: the FerretDB binary, wrapped.
    const ferretdb = await ensureFerretDbBinary({
      cacheDir: defaultCacheDir(),
      goBinary: undefined,
      log: () => {},
    });
    const bin = await tempDir('devdb-path-');
    const calls = join(bin, 'calls.log');
    const script = [
      '#!/bin/sh',
      `echo "$@" >> '${calls}'`,
      'while [ $# -gt 0 ]; do case "$1" in --dbpath) d="$2"; shift;; --port) p="$2"; shift;; esac; shift; done',
      `exec '${ferretdb}' --listen=127.0.0.1:$p --data-dir="$d"`,
    ].join('\n');
    await writeFile(join(bin, 'mongod'), script);
    await chmod(join(bin, 'mongod'), 0o755);

    const db = await startDevDb({ env: { PATH: bin } });
    try {
      expect(db.engine).toBe('mongod');
      await withClient(db.uri, (c) => c.db('m').collection('x').insertOne({ ok: 1 }));
      expect(await readFile(calls, 'utf8')).toMatch(
        /--dbpath .+ --port \d+ --bind_ip 127\.0\.0\.1/,
      );
    } finally {
      await db.stop();
    }
    expect(await isRunning(db.pid)).toBe(false);
  });

  it('asks for MONGODB_URI or Go when it has to build and there is no Go', async () => {
    const error = await startDevDb({
      engine: 'ferretdb',
      cacheDir: await tempDir('devdb-nogo-'),
      goBinary: '/nonexistent/go',
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DevDbError);
    expect(error).toMatchObject({ code: 'GO_NOT_FOUND' });
    expect((error as Error).message).toMatch(/Set MONGODB_URI .* or install Go ≥ 1\.24/);
  });

  it('rejects options that are out of range, naming each', async () => {
    const error = await startDevDb({
      port: 70_000,
      logLevel: 'loud' as 'info',
      engine: 'postgres' as 'ferretdb',
      env: {},
    }).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'INVALID_OPTIONS' });
    expect((error as Error).message).toMatch(/port must be an integer .* got 70000/);
    expect((error as Error).message).toMatch(/logLevel must be one of .* got "loud"/);
    expect((error as Error).message).toMatch(
      /engine must be one of auto, external, mongod, ferretdb, ferretdb-postgres, ferretdb-sqlite, got "postgres"/,
    );
  });
});
