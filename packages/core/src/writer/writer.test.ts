import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createTestDb } from '@activitykit/test-utils';
import { afterAll, describe, expect, it } from 'vitest';
import type { EventDocument } from '../internal/document.ts';
import { DEFAULT_WRITER_SETTINGS } from '../options.ts';
import { createJournal } from './journal.ts';
import { createWriter } from './writer.ts';

const testDb = await createTestDb('writer');
const dirs: string[] = [];
afterAll(async () => {
  await Promise.all(dirs.map((dir) => rm(dir, { recursive: true, force: true })));
});

let n = 0;
async function setup(settings: Partial<typeof DEFAULT_WRITER_SETTINGS> = {}) {
  n += 1;
  const dir = await mkdtemp(join(tmpdir(), 'ak-writer-'));
  dirs.push(dir);
  const collection = testDb.db.collection<EventDocument>(`writer_${n}`);
  const errors: unknown[] = [];
  const journal = createJournal({ dir });
  const writer = createWriter({
    collection,
    journal,
    settings: { ...DEFAULT_WRITER_SETTINGS, flushIntervalMs: 5, ...settings },
    onError: (error) => errors.push(error),
  });
  return { writer, collection, errors, dir };
}

function doc(id: string, extra: Partial<EventDocument> = {}): EventDocument {
  return {
    _id: id,
    tenantId: 't1',
    occurredAt: new Date(),
    action: 'order.created',
    kind: 'create',
    category: 'order',
    outcome: 'success',
    actor: { id: 'u1', type: 'user' },
    refs: [],
    refKeys: [],
    quarter: 0,
    day: '1970-01-01',
    hour: '1970-01-01T00',
    actorKeys: ['k:u1'],
    context: {},
    ...extra,
  };
}

describe('the batched writer', () => {
  it('treats a retried event that is already stored as written, not as a failure', async () => {
    const { writer, collection, errors } = await setup();
    await collection.insertOne(doc('01KAAAAAAAAAAAAAAAAAAAAAAA'));
    await writer.enqueue(doc('01KAAAAAAAAAAAAAAAAAAAAAAA'), true);
    await writer.enqueue(doc('01KAAAAAAAAAAAAAAAAAAAAAAB'), true);
    expect(await collection.countDocuments()).toBe(2);
    expect(writer.metrics()).toMatchObject({ written: 1, failed: 0 });
    expect(errors).toEqual([]);
    await writer.close();
  });

  it('keeps memory bounded by spilling past maxQueue, and flush stores it all', async () => {
    const { writer, collection } = await setup({ batchSize: 100, maxQueue: 300 });
    for (let i = 0; i < 3000; i++) writer.enqueue(doc(`01KB${String(i).padStart(22, '0')}`), false);
    await writer.flush();
    expect(writer.metrics().spilled).toBeGreaterThan(0);
    expect(writer.metrics()).toMatchObject({ pending: 0, replayed: writer.metrics().spilled });
    expect(await collection.countDocuments()).toBe(3000);
    await writer.close();
  });

  it('puts an event the server refuses for good in the dead-letter file and rejects its durable promise', async () => {
    const { writer, collection, dir, errors } = await setup();
    const good = writer.enqueue(doc('01KCAAAAAAAAAAAAAAAAAAAAAA'), true);
    // A document over MongoDB's 16 MiB limit can never be stored.
    const bad = writer.enqueue(
      doc('01KCAAAAAAAAAAAAAAAAAAAAAB', { description: 'x'.repeat(17 * 1024 * 1024) }),
      true,
    );
    await expect(good).resolves.toBeUndefined();
    await expect(bad).rejects.toMatchObject({ code: 'NOT_STORED' });
    expect(await collection.countDocuments()).toBe(1);
    const dead = await readFile(join(dir, 'rejected.ndjson.dead'), 'utf8');
    expect(dead).toContain('01KCAAAAAAAAAAAAAAAAAAAAAB');
    expect(writer.metrics().failed).toBe(1);
    expect(errors.length).toBe(1);
    await writer.close();
  });

  it('refuses for good an event too large to serialize when a date overflows the buffer (a RangeError), instead of journaling it forever', async () => {
    const { writer, collection, dir } = await setup({ maxRetries: 1, retryBaseMs: 10 });
    const image = 'x'.repeat(12 * 1024 * 1024);
    // Two 12 MB images, then a date: the driver's serializer overflows at the date.
    const huge = doc('01KDAAAAAAAAAAAAAAAAAAAAAB', {
      changes: [{ path: 'body', before: image, after: `${image}y` }],
      expiresAt: new Date(),
    });
    await expect(writer.enqueue(huge, true)).rejects.toMatchObject({ code: 'NOT_STORED' });
    await writer.enqueue(doc('01KDAAAAAAAAAAAAAAAAAAAAAC'), true);
    expect(await collection.countDocuments()).toBe(1);
    expect(await readFile(join(dir, 'rejected.ndjson.dead'), 'utf8')).toContain(huge._id);
    expect(writer.metrics()).toMatchObject({ failed: 1, spilled: 0 });
    await writer.close();
  });
});
