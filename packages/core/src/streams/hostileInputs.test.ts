import { createTestDb } from '@activitykit/test-utils';
import { describe, expect, it } from 'vitest';
import { ADMIN_ACCESS, createStreamStore } from './test/streamStore.ts';

const testDb = await createTestDb('streams_hostile');

describe('hostile log stream input', () => {
  it('refuses a webhook URL with credentials, which fetch cannot send and the audit would keep', async () => {
    const { store, events } = await createStreamStore(testDb, { deliver: false });
    const url = 'https://splunk:hunter2@siem.example/in';
    await expect(
      store.streams.create(
        { tenantId: 'acme', name: 'SIEM', destination: { type: 'webhook', url } },
        ADMIN_ACCESS,
      ),
    ).rejects.toMatchObject({
      code: 'INVALID_INPUT',
      message: expect.stringMatching(/user name or password/),
    });
    const { stream } = await store.streams.create(
      {
        tenantId: 'acme',
        name: 'SIEM',
        destination: { type: 'webhook', url: 'https://siem.example/in' },
      },
      ADMIN_ACCESS,
    );
    const update = store.streams.update(
      stream.id,
      { destination: { type: 'webhook', url: 'https://:hunter2@siem.example/in' } },
      ADMIN_ACCESS,
    );
    await expect(update).rejects.toMatchObject({ code: 'INVALID_INPUT' });
    await expect(update).rejects.not.toThrow(/hunter2/);
    expect((await store.streams.get(stream.id, ADMIN_ACCESS)).destination).toEqual({
      type: 'webhook',
      url: 'https://siem.example/in',
    });
    const audit = await events().find({ 'subject.type': 'log_stream' }).toArray();
    expect(audit.map((event) => event.action)).toEqual(['log_stream.created']);
    expect(JSON.stringify(audit)).not.toContain('hunter2');
  });
});
