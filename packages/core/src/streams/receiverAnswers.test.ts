import type { IncomingMessage, ServerResponse } from 'node:http';
import { createTestDb, listen } from '@activitykit/test-utils';
import { describe, expect, it } from 'vitest';
import { eventually } from './test/receiver.ts';
import { ADMIN_ACCESS, createStreamStore } from './test/streamStore.ts';

const testDb = await createTestDb('streams_answers');

describe('what a webhook receiver answers', () => {
  it('takes a 2xx with an endless body as delivered, reading only its start', async () => {
    // 256 chunks of 64 KiB, one every 2 ms: the sender should hang up long before the end.
    let hungUp = false;
    let chunks = 0;
    const url = await listen((req: IncomingMessage, res: ServerResponse) => {
      req.resume();
      req.on('end', () => {
        res.writeHead(200, { 'content-type': 'application/octet-stream' });
        const chunk = Buffer.alloc(64 * 1024, 120);
        const timer = setInterval(() => {
          if (res.destroyed || chunks === 256) {
            clearInterval(timer);
            res.end();
            return;
          }
          res.write(chunk);
          chunks++;
        }, 2);
        res.on('close', () => {
          hungUp = chunks < 256;
          clearInterval(timer);
        });
      });
    });
    // No timeout cuts the answer short here: only the sender's own limit on what it reads.
    const { store } = await createStreamStore(testDb, { timeoutMs: 60_000 });
    const { stream } = await store.streams.create(
      { tenantId: 'acme', name: 'SIEM', destination: { type: 'webhook', url: `${url}/hook` } },
      ADMIN_ACCESS,
    );
    const status = await eventually('the delivery', async () => {
      const current = await store.streams.get(stream.id, ADMIN_ACCESS);
      return current.status.delivered >= 1 && current.status;
    });
    expect(status).toMatchObject({ state: 'active', consecutiveFailures: 0 });
    await eventually('the answer to end', () => chunks > 0 && (hungUp || chunks === 256));
    expect(hungUp).toBe(true);
  });

  it('does not follow a redirect: a 3xx is a failed delivery, retried at the same URL', async () => {
    const paths: string[] = [];
    const url = await listen((req: IncomingMessage, res: ServerResponse) => {
      paths.push(String(req.url));
      req.resume();
      req.on('end', () => {
        if (req.url === '/hook') res.writeHead(307, { location: '/elsewhere' }).end();
        else res.writeHead(204).end();
      });
    });
    const { store } = await createStreamStore(testDb);
    const { stream } = await store.streams.create(
      { tenantId: 'acme', name: 'SIEM', destination: { type: 'webhook', url: `${url}/hook` } },
      ADMIN_ACCESS,
    );
    const status = await eventually('two failures', async () => {
      const current = await store.streams.get(stream.id, ADMIN_ACCESS);
      return current.status.consecutiveFailures >= 2 && current.status;
    });
    expect(status).toMatchObject({
      delivered: 0,
      lastError: expect.stringMatching(/answered 307/),
    });
    expect(new Set(paths)).toEqual(new Set(['/hook']));
  });
});
