import { DevDbError } from '../errors.ts';
import { ensureFerretDbBinary } from './ferretdb.ts';
import { waitForPing } from './ping.ts';
import { firstStdoutLine, spawnServer } from './serverProcess.ts';
import type { RunningServer, ServerStartOptions } from './types.ts';

/** Starts the embedded FerretDB (SQLite handler) on `dataDir`, building it first when needed. */
export async function startFerretDb(options: ServerStartOptions): Promise<RunningServer> {
  const binary = await ensureFerretDbBinary(options);
  const server = spawnServer({
    name: 'The embedded FerretDB',
    command: binary,
    args: [
      `--listen=127.0.0.1:${options.port}`,
      `--data-dir=${options.dataDir}`,
      `--log-level=${options.logLevel}`,
    ],
    echoStderr: options.logLevel !== 'error',
    onCrash: options.onCrash,
  });
  const deadline = Date.now() + options.startTimeoutMs;
  let uri: string;
  try {
    const line = await firstStdoutLine(server.child, options.startTimeoutMs);
    uri = (JSON.parse(line) as { uri: string }).uri;
  } catch (error) {
    await server.stop();
    throw new DevDbError(
      'START_FAILED',
      `The embedded FerretDB did not start (${(error as Error).message}). Its output:\n` +
        `${server.outputTail() || '(none)'}\nIs port ${options.port} free?`,
      { cause: error },
    );
  }
  const failure = await waitForPing({ uri, deadline, abort: server.exited });
  if (failure) {
    await server.stop();
    throw new DevDbError(
      'START_TIMEOUT',
      `The embedded FerretDB at ${uri} did not answer a ping within ${options.startTimeoutMs} ms ` +
        `(${failure.message}). Its output:\n${server.outputTail() || '(none)'}`,
      { cause: failure },
    );
  }
  return { uri, engine: 'ferretdb', pid: server.child.pid, stop: () => server.stop() };
}
