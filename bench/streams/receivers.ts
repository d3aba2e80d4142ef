import { once } from 'node:events';
import { open } from 'node:fs/promises';
import { createServer as createHttpServer } from 'node:http';
import { join } from 'node:path';
import { spawnRsyslogd } from '@activitykit/test-utils/rsyslog';

/** When each event id first arrived at a receiver (ms since the epoch). */
export type Arrivals = Map<string, number>;

/** A local webhook receiver that notes when each event first arrived; answers 204. */
export async function startWebhookReceiver(): Promise<{
  url: string;
  arrivals: Arrivals;
  close(): void;
}> {
  const arrivals: Arrivals = new Map();
  const server = createHttpServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const now = Date.now();
      const payload = JSON.parse(Buffer.concat(chunks).toString('utf8')) as {
        events: { id: string }[];
      };
      for (const event of payload.events) if (!arrivals.has(event.id)) arrivals.set(event.id, now);
      res.writeHead(204).end();
    });
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as { port: number };
  return {
    url: `http://127.0.0.1:${port}/hook`,
    arrivals,
    close: () => {
      server.closeAllConnections();
      server.close();
    },
  };
}

/** A real rsyslogd on a loopback port, writing each message's MSG (the event JSON) to a file. */
export async function startRsyslog(dir: string): Promise<{
  port: number;
  /** How many messages the file holds now. */
  count(): Promise<number>;
  stop(): void;
}> {
  const out = join(dir, 'syslog.out');
  const { port, child } = await spawnRsyslogd({ dir, out, template: '%msg%\\n' });
  let offset = 0;
  let lines = 0;
  return {
    port,
    async count() {
      // Reads only what was appended since the last call.
      const handle = await open(out, 'r').catch(() => undefined);
      if (!handle) return lines;
      try {
        const { size } = await handle.stat();
        if (size > offset) {
          const chunk = Buffer.alloc(size - offset);
          await handle.read(chunk, 0, chunk.length, offset);
          offset = size;
          for (const byte of chunk) if (byte === 10) lines++;
        }
      } finally {
        await handle.close();
      }
      return lines;
    },
    stop: () => child.kill('SIGTERM'),
  };
}
