import { randomBytes } from 'node:crypto';
import { createTestDb, listen } from '@activitykit/test-utils';
import { initTRPC } from '@trpc/server';
import { describe, expect, it } from 'vitest';
import { activityErrorData } from '../errors.ts';
import { clientFor, createTestStore, serve, type TestContext } from '../test/harness.ts';
import { authorize } from '../test/routerApp.ts';
import { createActivityStreamsRouter } from './streamsRouter.ts';

const testDb = await createTestDb('trpc_streams');
const { store } = await createTestStore(testDb, {
  streams: { secretKey: randomBytes(32), pollIntervalMs: 50, settleMs: 0, timeoutMs: 1000 },
});

function createApp() {
  const t = initTRPC.context<TestContext>().create({
    errorFormatter: ({ shape, error }) => ({
      ...shape,
      data: { ...shape.data, activity: activityErrorData(error) },
    }),
  });
  return t.router({ activityStreams: createActivityStreamsRouter({ t, store, authorize }) });
}
type App = ReturnType<typeof createApp>;
const { url } = await serve(createApp());
const admin = clientFor<App>(url, 'admin');
const beta = clientFor<App>(url, 'beta');

const bodies: { type: string; events: { action: string }[] }[] = [];
const receiver = `${await listen((req, res) => {
  let text = '';
  req.on('data', (chunk) => {
    text += chunk;
  });
  req.on('end', () => {
    bodies.push(JSON.parse(text));
    res.writeHead(200).end('ok');
  });
})}/hook`;

async function failure(call: Promise<unknown>) {
  const error = await call.then(
    () => undefined,
    (e: { data?: { code?: string; activity?: { code?: string } } }) => e,
  );
  return { code: error?.data?.code, activity: error?.data?.activity?.code };
}

describe('the log streams router', () => {
  it('creates, delivers, shows status without secrets, tests, rotates, pauses and removes a stream', async () => {
    const created = await admin.activityStreams.create.mutate({
      tenantId: 'acme',
      name: 'SIEM',
      destination: { type: 'webhook', url: receiver },
    });
    expect(created.secret).toMatch(/^whsec_/);
    const { id } = created.stream;
    await expect
      .poll(() => bodies.flatMap((b) => b.events.map((e) => e.action)), { timeout: 10_000 })
      .toContain('log_stream.created');
    const shown = await admin.activityStreams.get.query({ id });
    expect(JSON.stringify(shown)).not.toContain('whsec_');
    expect(shown.status.state).toBe('active');
    expect(await admin.activityStreams.sendTest.mutate({ id })).toMatchObject({ delivered: true });
    const rotated = await admin.activityStreams.rotateSecret.mutate({ id });
    expect(rotated.stream.secrets).toBe(2);
    expect((await admin.activityStreams.pause.mutate({ id })).status.state).toBe('paused');
    expect(
      (await admin.activityStreams.update.mutate({ id, patch: { name: 'Splunk' } })).name,
    ).toBe('Splunk');
    expect((await admin.activityStreams.list.query()).map((s) => s.id)).toContain(id);
    expect(await failure(beta.activityStreams.get.query({ id }))).toEqual({
      code: 'NOT_FOUND',
      activity: 'NOT_FOUND',
    });
    expect(await admin.activityStreams.remove.mutate({ id })).toEqual({ removed: true });
    expect((await failure(admin.activityStreams.get.query({ id }))).code).toBe('NOT_FOUND');
  });

  it('refuses bad input and callers who may not manage streams', async () => {
    expect(
      await failure(
        admin.activityStreams.create.mutate({
          tenantId: 'acme',
          name: 'x',
          destination: { type: 'webhook', url: 'http://siem.example/hook' },
        }),
      ),
    ).toMatchObject({ code: 'BAD_REQUEST' });
    expect(await failure(clientFor<App>(url).activityStreams.list.query())).toMatchObject({
      code: 'UNAUTHORIZED',
    });
    expect(
      await failure(
        beta.activityStreams.create.mutate({
          tenantId: 'acme',
          name: 'x',
          destination: { type: 'syslog', host: '127.0.0.1', port: 514 },
        }),
      ),
    ).toEqual({ code: 'FORBIDDEN', activity: 'FORBIDDEN' });
  });
});
