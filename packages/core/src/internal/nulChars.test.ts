import { createTestDb } from '@activitykit/test-utils';
import { describe, expect, it } from 'vitest';
import { createTestStore } from '../test/storeFixture.ts';

const testDb = await createTestDb('nul_chars');

describe('events with NUL characters', () => {
  // PostgreSQL (under FerretDB) cannot store U+0000 in text, and BSON cannot have it in a key:
  // such an event failed its whole batch at every retry and stayed in the journal.
  it('stores them with U+FFFD in place of each NUL, in values and keys, and keeps the batch', async () => {
    const { store, events } = await createTestStore(testDb, { defaultTenantId: 'acme' });
    const actor = { id: 'u\u00001', type: 'user' as const, name: 'Eve\u0000' };
    const hostile = store.record(
      {
        action: 'customer.updated',
        actor,
        subject: { type: 'customer', id: '42', label: 'Bob\u0000Jones' },
        changes: [{ path: 'name', before: 'Bob', after: 'Bob\u0000Jones' }],
        metadata: { 'note\u0000': ['a\u0000b', 3, { deep: '\u0000' }] },
      },
      { durable: true },
    );
    const plain = store.record({ action: 'order.created' }, { durable: true });
    const [stored, other] = await Promise.all([hostile, plain]);
    const doc = await events().findOne({ _id: stored?.id ?? '' });
    expect(doc).toMatchObject({
      actor: { id: 'u\uFFFD1', name: 'Eve\uFFFD' },
      subject: { label: 'Bob\uFFFDJones' },
      changes: [{ path: 'name', before: 'Bob', after: 'Bob\uFFFDJones' }],
      metadata: { 'note\uFFFD': ['a\uFFFDb', 3, { deep: '\uFFFD' }] },
    });
    expect(await events().countDocuments({ _id: other?.id ?? '' })).toBe(1);
    // The caller's own objects are left as they were.
    expect(actor.name).toBe('Eve\u0000');
  });
});
