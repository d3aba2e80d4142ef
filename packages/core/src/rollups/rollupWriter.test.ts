import { createTestDb } from '@activitykit/test-utils';
import type { Collection } from 'mongodb';
import { describe, expect, it } from 'vitest';
import { type EventDocument, toDocument } from '../internal/document.ts';
import type { RollupCollectionDocument, RollupDocument } from './rollupDocument.ts';
import { createRollupWriter } from './rollupWriter.ts';

const testDb = await createTestDb('rollup_writer');

/**
 * The dev database's real collection, whose next `bulkWrite` of counters fails once as a timed-out
 * or dropped command would (the documents are not written); every other command goes through.
 */
/**
 * The dev database's real collection, whose next `bulkWrite` of counters fails once: before the
 * server runs it (a dropped connection, nothing written) or after (a command that timed out on the
 * client although the server applied it). Every other command goes through.
 */
function failingOnce(
  collection: Collection<RollupCollectionDocument>,
  when: 'before' | 'after',
): Collection<RollupCollectionDocument> {
  let failed = false;
  return new Proxy(collection, {
    get(target, property, receiver) {
      if (property !== 'bulkWrite') return Reflect.get(target, property, receiver);
      return async (operations: unknown[], options: unknown) => {
        const counters = (operations as { updateOne?: { filter: { _id: string } } }[]).some(
          (operation) => operation.updateOne?.filter._id.startsWith('d|'),
        );
        const fail = counters && !failed;
        if (fail) failed = true;
        if (fail && when === 'before') throw new Error('connection reset by the server (injected)');
        const result = await target.bulkWrite(operations as never, options as never);
        if (fail)
          throw new Error('operation exceeded time limit (injected, after the server ran it)');
        return result;
      };
    },
  });
}

const event = (id: string): EventDocument =>
  toDocument({
    id,
    tenantId: 'acme',
    occurredAt: new Date('2026-11-20T10:00:00Z'),
    action: 'order.created',
    kind: 'create',
    category: 'orders',
    outcome: 'success',
    actor: { id: 'u-ann', type: 'user' },
    refs: [],
    context: {},
  });

describe('the rollup writer', () => {
  it('has the counts of a failed update in the counters once idle() resolves, not a second later', async () => {
    const collection = testDb.db.collection<RollupCollectionDocument>('rollups_failing');
    const writer = createRollupWriter(failingOnce(collection, 'before'), { timeoutMs: 5000 });
    try {
      await writer.apply([event('01KBX0000000000000000000E1')], 1).catch(() => {});
      await writer.idle();
      const day = (await collection.findOne({ type: 'day' })) as RollupDocument | null;
      expect(day?.n).toBe(1);
    } finally {
      writer.close();
    }
  });

  it('counts an update once when it was applied although its command reported a failure', async () => {
    const collection = testDb.db.collection<RollupCollectionDocument>('rollups_timed_out');
    const writer = createRollupWriter(failingOnce(collection, 'after'), { timeoutMs: 5000 });
    try {
      await writer.apply([event('01KBX0000000000000000000E2')], 1).catch(() => {});
      await writer.apply([event('01KBX0000000000000000000E3')], 1);
      await writer.idle();
      const day = (await collection.findOne({ type: 'day' })) as RollupDocument | null;
      expect(day?.n).toBe(2);
    } finally {
      writer.close();
    }
  });
});
