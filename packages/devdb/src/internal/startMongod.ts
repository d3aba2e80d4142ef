import { access, constants } from 'node:fs/promises';
import { createServer } from 'node:net';
import { delimiter, join } from 'node:path';
import { DevDbError } from '../errors.ts';
import { waitForPing } from './ping.ts';
import { spawnServer } from './serverProcess.ts';
import type { RunningServer, ServerStartOptions } from './types.ts';

/** The absolute path of `mongod` on PATH, if there is one. */
export async function findMongod(path = process.env.PATH ?? ''): Promise<string | undefined> {
  for (const dir of path.split(delimiter)) {
    if (!dir) continue;
    const candidate = join(dir, 'mongod');
    try {
      await access(candidate, constants.X_OK);
      return candidate;
    } catch {}
  }
  return undefined;
}

/** Starts `mongod` on `dataDir`, bound to 127.0.0.1. */
export async function startMongod(
  mongod: string,
  options: ServerStartOptions,
): Promise<RunningServer> {
  const port = options.port || (await freePort());
  const server = spawnServer({
    name: `mongod (${mongod})`,
    command: mongod,
    args: [
      '--dbpath',
      options.dataDir,
      '--port',
      String(port),
      '--bind_ip',
      '127.0.0.1',
      ...(options.logLevel === 'debug' ? ['-v'] : ['--quiet']),
    ],
    echoStderr: options.logLevel === 'debug' || options.logLevel === 'info',
    onCrash: options.onCrash,
  });
  const uri = `mongodb://127.0.0.1:${port}/`;
  const failure = await waitForPing({
    uri,
    deadline: Date.now() + options.startTimeoutMs,
    abort: server.exited,
  });
  if (failure) {
    await server.stop();
    throw new DevDbError(
      'START_FAILED',
      `${mongod} did not answer a ping at ${uri} (${failure.message}). Its output:\n` +
        `${server.outputTail() || '(none)'}`,
      { cause: failure },
    );
  }
  server.markStarted();
  return { uri, engine: 'mongod', pid: server.child.pid, stop: () => server.stop() };
}

/** A TCP port that was free a moment ago (mongod cannot pick one itself). */
async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve, reject) => {
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', resolve);
  });
  const address = probe.address();
  await new Promise((resolve) => probe.close(resolve));
  if (address && typeof address === 'object') return address.port;
  throw new DevDbError('START_FAILED', 'Could not find a free TCP port for mongod.');
}
