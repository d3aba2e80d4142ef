import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { cleanUp, type TestDb } from '@activitykit/test-utils';
import { createTestStore } from '../../test/storeFixture.ts';
import { fileAnchor } from '../anchor.ts';
import type { CheckpointDocument } from '../checkpoint.ts';
import { generateSealingKeys } from '../keys.ts';

/** The key pair the integrity tests seal with. */
export const SEALING_KEYS = generateSealingKeys();

/** More options of the sealed store. */
export type SealedStoreOptions = Parameters<typeof createTestStore>[1];

/** What {@link sealedStoreIn} made. */
export type SealedStore = Awaited<ReturnType<typeof sealedStoreIn>>;

/**
 * A store with `count` sealed events of tenant acme (25 per checkpoint), anchored to a file in a
 * directory of its own (removed after the test).
 *
 * @example
 * ```ts
 * const { store, ids, events, checkpoints, anchorFile } = await sealedStoreIn(testDb, 30);
 * ```
 */
export async function sealedStoreIn(testDb: TestDb, count = 100, extra: SealedStoreOptions = {}) {
  const dir = await mkdtemp(join(tmpdir(), 'ak-anchor-'));
  cleanUp(() => rm(dir, { recursive: true, force: true }));
  const anchorFile = join(dir, 'checkpoints.ndjson');
  const anchor = fileAnchor(anchorFile);
  const fixture = await createTestStore(testDb, {
    defaultTenantId: 'acme',
    integrity: {
      privateKey: SEALING_KEYS.privateKey,
      anchor,
      sealIntervalMs: false,
      sealDelayMs: 0,
      maxEntries: 25,
    },
    bulkDelete: { enabled: true },
    ...extra,
  });
  // Recorded without waiting for a flush per event (which took most of a minute on a busy machine),
  // a couple of milliseconds apart so that ids differ in their time and leave room to forge one.
  const pending: Promise<{ id: string } | undefined>[] = [];
  for (let i = 0; i < count; i++) {
    pending.push(
      fixture.store.record(
        {
          action: 'order.updated',
          subject: { type: 'order', id: String(i) },
          changes: [{ path: 'total', before: i, after: i + 1 }],
        },
        { durable: true },
      ),
    );
    await sleep(2);
  }
  const recorded = await Promise.all(pending);
  const ids = recorded.map((event) => event?.id ?? '');
  const sealed = await fixture.store.seal();
  const checkpoints = testDb.db.collection<CheckpointDocument>(
    `${fixture.events().collectionName}_checkpoints`,
  );
  return { ...fixture, ids, sealed, anchor, anchorFile, checkpoints, dir };
}
