import { createTestDb } from '@activitykit/test-utils';
import { describe, expect, it } from 'vitest';
import { createTestStore } from './test/storeFixture.ts';

const testDb = await createTestDb('notes');
const { store, events } = await createTestStore(testDb);
const alice = { id: 'u-alice', type: 'user' as const, name: 'Alice Smith', role: 'staff' };
const customer = { type: 'customer', id: '42', label: 'Bob Jones' };
const staff = { tenants: ['acme'], canNote: true };

describe('store.addNote', () => {
  it('stores a note on the record timeline, stamped with its author', async () => {
    const note = await store.addNote(
      { ref: customer, body: '  Client asked to change email.  ', author: alice },
      staff,
    );
    expect(note).toMatchObject({
      kind: 'note',
      tenantId: 'acme',
      actor: alice,
      subject: customer,
      metadata: { note: 'Client asked to change email.' },
    });
    const timeline = await store.timeline(customer, {}, { tenants: ['acme'] });
    expect(timeline.items.map((e) => e.id)).toContain(note.id);
    expect(await events().countDocuments({ _id: note.id })).toBe(1);
  });

  it('refuses a scope without the note privilege, an empty body and a missing author', async () => {
    await expect(
      store.addNote({ ref: customer, body: 'x', author: alice }, { tenants: ['acme'] }),
    ).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(
      store.addNote({ ref: customer, body: '   ', author: alice }, staff),
    ).rejects.toMatchObject({ code: 'INVALID_EVENT' });
    await expect(
      store.addNote({ ref: customer, body: 'x', author: { id: 'system', type: 'system' } }, staff),
    ).rejects.toMatchObject({ code: 'INVALID_EVENT' });
  });

  it('keeps notes inside the tenants of the scope', async () => {
    await expect(
      store.addNote({ ref: customer, body: 'x', author: alice, tenantId: 'beta' }, staff),
    ).rejects.toMatchObject({ code: 'FORBIDDEN' });
    const stranger = { type: 'customer', id: 'never-seen' };
    await expect(
      store.addNote({ ref: stranger, body: 'x', author: alice }, { tenants: '*', canNote: true }),
    ).rejects.toMatchObject({ code: 'INVALID_EVENT', message: expect.stringMatching(/tenantId/) });
  });

  it("takes the tenant of the record's latest event when the scope spans several", async () => {
    await store.record(
      { tenantId: 'beta', action: 'customer.created', subject: { type: 'customer', id: '7' } },
      { durable: true },
    );
    const note = await store.addNote(
      { ref: { type: 'customer', id: '7' }, body: 'Called back.', author: alice },
      { tenants: ['acme', 'beta'], canNote: true },
    );
    expect(note.tenantId).toBe('beta');
  });
});
