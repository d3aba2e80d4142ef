import type { IncomingHttpHeaders, IncomingMessage, ServerResponse } from 'node:http';
import type { ActivityEvent } from '@activitykit/schema';
import { listen } from '@activitykit/test-utils';

/** One request a test receiver took. */
export interface Received {
  headers: IncomingHttpHeaders;
  body: string;
  payload: { type: string; streamId: string; events: (ActivityEvent & { occurredAt: string })[] };
  status: number;
}

/** How the receiver answers the next request. */
export type ReceiverMode = 'ok' | 'error' | 'hang' | 'close' | 'slow';

/**
 * A real HTTP webhook receiver on 127.0.0.1 (closed after the test): records every request and
 * answers per `mode` — 204, 500, never (the sender times out), closing the socket, or 204 after
 * `slowMs`. `onRequest` runs before the answer (a test kills a sender there).
 */
export async function startReceiver(
  options: { slowMs?: number; onRequest?: (received: Received) => void } = {},
) {
  const received: Received[] = [];
  const state = { mode: 'ok' as ReceiverMode };
  const url = await listen((req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      const status =
        state.mode === 'error' ? 500 : state.mode === 'ok' || state.mode === 'slow' ? 204 : 0;
      const entry: Received = { headers: req.headers, body, payload: JSON.parse(body), status };
      received.push(entry);
      options.onRequest?.(entry);
      if (state.mode === 'hang') return;
      if (state.mode === 'close') {
        req.socket.destroy();
        return;
      }
      const answer = () => res.writeHead(status).end();
      if (state.mode === 'slow') setTimeout(answer, options.slowMs ?? 50);
      else answer();
    });
  });
  return {
    url: `${url}/hooks/activity`,
    received,
    setMode(mode: ReceiverMode) {
      state.mode = mode;
    },
    /** Ids of the events of every request answered 2xx, in arrival order. */
    acceptedIds: () =>
      received.filter((r) => r.status === 204).flatMap((r) => r.payload.events.map((e) => e.id)),
  };
}

/** Resolves once `check` holds (polled every 50 ms), or rejects after `timeoutMs` naming `what`. */
export async function eventually<T>(
  what: string,
  check: () => Promise<T | undefined | false> | T | undefined | false,
  timeoutMs = 20_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}.`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
