import { generateSealingKeys } from '@activitykit/core';
import { createTestDb } from '@activitykit/test-utils';
import { describe, expect, it } from 'vitest';
import { as, startApiApp } from '../test/apiApp.ts';
import { call } from '../test/fixture.ts';

// The tamper suite's holes through POST /verify: what an insider writes through the driver fails
// the report with the event's id, as it does through the store API and the CLI.
const keys = generateSealingKeys();
const testDb = await createTestDb('api_tamper');
const { base, store, acme, collection } = await startApiApp(testDb, {
  store: { integrity: { privateKey: keys.privateKey, sealIntervalMs: false, sealDelayMs: 0 } },
  api: { verify: { publicKey: keys.publicKey } },
});
const events = testDb.db.collection<Record<string, unknown>>(collection);
const verify = () =>
  call(`${base}/api/activity/verify`, { body: { tenantId: 'acme' }, headers: as('admin') });

describe('POST /verify against tampering through the driver', () => {
  it('names a forged late event and a delete a forged bulk-delete record claims to explain', async () => {
    await store.seal();
    expect((await verify()).body).toMatchObject({ ok: true, inserted: [], deleted: [] });

    const [first, second, third] = acme.map((event) => event.id);
    const original = await events.findOne({ _id: first as never });
    const forged = `${(second ?? '').slice(0, 25)}${(second ?? '').endsWith('0') ? '1' : '0'}`;
    await events.insertOne({ ...original, _id: forged as never, replayedAt: new Date() });
    await events.deleteOne({ _id: third as never });
    await events.insertOne({
      ...original,
      _id: `${(acme.at(-1)?.id ?? '').slice(0, 20)}ZZZZZZ` as never,
      action: 'activity.bulk_deleted',
      metadata: { ids: [third], total: 1 },
    });

    const answer = await verify();
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({
      ok: false,
      inserted: [{ id: forged, seq: 1 }],
      late: [],
      deleted: [expect.objectContaining({ id: third, seq: 1 })],
      explained: { expired: 0, bulkDeleted: 0 },
    });
  });
});
