import { once } from 'node:events';
import { createServer, type RequestListener, type ServerOptions } from 'node:http';
import type { AddressInfo } from 'node:net';
import { cleanUp } from './cleanUp.ts';

/**
 * Serves `listener` over real HTTP on a free port of 127.0.0.1 and returns its base URL; the server
 * closes (its open connections too) when the caller's test, or test file, is done (see
 * {@link cleanUp}).
 *
 * @example
 * ```ts
 * const base = await listen(app, { maxHeaderSize: 64 * 1024 });
 * await fetch(`${base}/api/activity/`);
 * ```
 */
export async function listen(
  listener: RequestListener,
  options: ServerOptions = {},
): Promise<string> {
  const server = createServer(options, listener).listen(0, '127.0.0.1');
  await once(server, 'listening');
  cleanUp(
    () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  );
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}
