import { createTestDb } from '@activitykit/test-utils';
import { describe, expect, it } from 'vitest';
import { createTestStore } from '../test/storeFixture.ts';
import { ADMIN, ADMIN_ACCESS, createStreamStore } from './test/streamStore.ts';

const testDb = await createTestDb('streams_admin');
const syslog = { type: 'syslog' as const, host: '127.0.0.1', port: 6514 };

describe('managing log streams', () => {
  it('records every change as an audit event of the tenant, by the actor, without secrets', async () => {
    const { store, events } = await createStreamStore(testDb, { deliver: false });
    const { stream } = await store.streams.create(
      {
        tenantId: 'acme',
        name: 'SIEM',
        destination: { type: 'webhook', url: 'https://siem.example/in' },
      },
      { ...ADMIN_ACCESS, context: { ip: '10.0.0.7', requestId: 'req-1' } },
    );
    await store.streams.update(
      stream.id,
      { name: 'Splunk', filter: { kinds: ['delete'] } },
      ADMIN_ACCESS,
    );
    await store.streams.pause(stream.id, ADMIN_ACCESS);
    await store.streams.resume(stream.id, ADMIN_ACCESS);
    await store.streams.rotateSecret(stream.id, ADMIN_ACCESS);
    await store.streams.remove(stream.id, ADMIN_ACCESS);
    const audit = await events().find({ 'subject.type': 'log_stream' }).sort({ _id: 1 }).toArray();
    expect(audit.map((e) => e.action)).toEqual([
      'log_stream.created',
      'log_stream.updated',
      'log_stream.paused',
      'log_stream.resumed',
      'log_stream.secret_rotated',
      'log_stream.deleted',
    ]);
    expect(audit.every((e) => e.tenantId === 'acme' && e.actor.id === ADMIN.id)).toBe(true);
    expect(audit[0]?.context).toMatchObject({ ip: '10.0.0.7', requestId: 'req-1' });
    expect(audit[1]?.changes).toEqual([
      { path: 'name', before: 'SIEM', after: 'Splunk' },
      { path: 'filter', before: {}, after: { kinds: ['delete'] } },
    ]);
    expect(JSON.stringify(audit)).not.toMatch(/whsec_|secrets/);
    await expect(store.streams.get(stream.id, ADMIN_ACCESS)).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
  });

  it('keeps other tenants and role-limited readers out', async () => {
    const { store } = await createStreamStore(testDb, { deliver: false });
    const { stream } = await store.streams.create(
      { tenantId: 'acme', name: 'acme', destination: syslog },
      ADMIN_ACCESS,
    );
    const partner = { scope: { tenants: ['globex'] }, actor: ADMIN };
    const staff = { scope: { tenants: ['acme'], roles: ['staff'] }, actor: ADMIN };
    await expect(store.streams.get(stream.id, partner)).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
    await expect(store.streams.pause(stream.id, partner)).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
    await expect(store.streams.get(stream.id, staff)).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(
      store.streams.create({ tenantId: 'acme', name: 'x', destination: syslog }, partner),
    ).rejects.toMatchObject({ code: 'FORBIDDEN' });
    expect(await store.streams.list(partner)).toEqual([]);
    expect(await store.streams.list(staff)).toEqual([]);
    const own = { scope: { tenants: ['acme'] }, actor: ADMIN };
    expect((await store.streams.list(own)).map((s) => s.id)).toEqual([stream.id]);
  });

  it('refuses bad input with a clear error and stores nothing', async () => {
    const { store, events } = await createStreamStore(testDb, { deliver: false });
    const bad = [
      {
        tenantId: 'acme',
        name: 'x',
        destination: { type: 'webhook', url: 'http://siem.example/in' },
      },
      { tenantId: 'acme', name: 'x', destination: { type: 'webhook', url: 'ftp://siem.example' } },
      { tenantId: 'acme', name: 'x', destination: { ...syslog, port: 70_000 } },
      { tenantId: 'acme', name: 'x', destination: syslog, filter: { kinds: ['nope'] } },
      { tenantId: 'acme', name: 'x', destination: syslog, filter: { $where: '1' } },
      { tenantId: 'acme', name: '', destination: syslog },
    ];
    for (const input of bad) {
      await expect(store.streams.create(input as never, ADMIN_ACCESS)).rejects.toMatchObject({
        code: 'INVALID_INPUT',
        message: expect.stringMatching(/^Invalid log stream: /),
      });
    }
    await expect(
      store.streams.create(
        { tenantId: 'acme', name: 'x', destination: syslog, filter: { q: 'kind:' } },
        ADMIN_ACCESS,
      ),
    ).rejects.toMatchObject({ code: 'INVALID_QUERY' });
    await expect(store.streams.get('ls_$gt', ADMIN_ACCESS)).rejects.toMatchObject({
      code: 'INVALID_INPUT',
    });
    expect(await events().countDocuments({ action: 'log_stream.created' })).toBe(0);
  });

  it('needs the secret key for webhook streams', async () => {
    const { store } = await createTestStore(testDb);
    await expect(
      store.streams.create(
        {
          tenantId: 'acme',
          name: 'x',
          destination: { type: 'webhook', url: 'https://siem.example' },
        },
        ADMIN_ACCESS,
      ),
    ).rejects.toMatchObject({ code: 'NOT_CONFIGURED' });
  });
});
