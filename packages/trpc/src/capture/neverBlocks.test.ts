import { mkdtemp, rm } from 'node:fs/promises';
import { type AddressInfo, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createActivityStore } from '@activitykit/core';
import { createTestDb } from '@activitykit/test-utils';
import { describe, expect, it } from 'vitest';
import { type CaptureApp, createCaptureApp } from '../test/captureApp.ts';
import { clientFor, createTestStore, serve } from '../test/harness.ts';

const testDb = await createTestDb('trpc_never_blocks');
const { store } = await createTestStore(testDb);

describe('activityMiddleware never blocks', () => {
  it('answers normally when recording throws, and reports the failure to onError', async () => {
    const failing = {
      record(): never {
        throw new Error('the store is gone');
      },
    };
    const failures: unknown[] = [];
    const broken = await serve(
      createCaptureApp(failing, { onError: (error) => failures.push(error) }),
    );
    const client = clientFor<CaptureApp>(broken.url, 'acme');
    await expect(client.customer.rename.mutate({ id: '1', name: 'x' })).resolves.toEqual({
      id: '1',
      name: 'x',
    });
    await expect(client.customer.refund.mutate({ id: '1' })).resolves.toEqual({ eventId: null });
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(failures).toHaveLength(2);
    expect(String(failures[0])).toMatch(/the store is gone/);
  });

  it('does not wait for MongoDB: a store whose server never answers still lets calls finish', async () => {
    // A server that accepts connections and never says a word: a call that waited for its write
    // would wait the writer's whole insert timeout (a minute here) for every event.
    const silent = createServer(() => {});
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const { port } = silent.address() as AddressInfo;
    const journalDir = await mkdtemp(join(tmpdir(), 'ak-trpc-down-'));
    const down = createActivityStore({
      uri: `mongodb://127.0.0.1:${port}/down`,
      journalDir,
      onError: () => {},
      writer: { maxRetries: 0, insertTimeoutMs: 60_000 },
    });
    const app = await serve(createCaptureApp(down));
    const client = clientFor<CaptureApp>(app.url, 'acme');
    const started = Date.now();
    for (let i = 0; i < 5; i++) await client.customer.rename.mutate({ id: String(i), name: 'z' });
    // Far below one insert timeout, however busy the machine.
    expect(Date.now() - started).toBeLessThan(20_000);
    expect(down.metrics()).toMatchObject({ queued: 5, written: 0 });
    await down.close().catch(() => {});
    silent.close();
    await rm(journalDir, { recursive: true, force: true });
  });

  it('reports an invalid event to onError instead of the caller', async () => {
    const failures: unknown[] = [];
    const app = await serve(
      createCaptureApp(store, {
        onError: (error) => failures.push(error),
        tenant: () => undefined,
        actor: () => ({ id: '', type: 'user' }),
      }),
    );
    await clientFor<CaptureApp>(app.url, 'acme').customer.rename.mutate({ id: '1', name: 'y' });
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(failures).toEqual([expect.objectContaining({ code: 'INVALID_EVENT' })]);
  });
});
