import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { minUlidAt, ulidTime } from '@activitykit/schema';
import { cleanUp, createTestDb } from '@activitykit/test-utils';
import { describe, expect, it } from 'vitest';
import { createActivityStore } from '../createActivityStore.ts';
import { ActivityError } from '../errors.ts';
import { createTestStore } from '../test/storeFixture.ts';
import { type CheckpointAnchor, fileAnchor } from './anchor.ts';
import { SEALING_KEYS, type SealedStore, sealedStoreIn } from './test/sealedStore.ts';

/*
 * The ways past verify that an insider with database access tried, each through the driver: every
 * one must fail verify with the event's id, while the kit's own late writes, bulk deletes and
 * expiry still pass.
 */
const testDb = await createTestDb('tamper');
const DAY = 86_400_000;
const verify = (fixture: Pick<SealedStore, 'store'>, anchor?: CheckpointAnchor) =>
  fixture.store.verify(
    { tenantId: 'acme' },
    { publicKey: SEALING_KEYS.publicKey, ...(anchor ? { anchor } : {}) },
  );
/** An id just after `id` in time, inside the same sealed range. */
const idBeside = (id: string, suffix: string) =>
  minUlidAt(ulidTime(id)).replace(/0{16}$/, suffix.padStart(16, '0'));

describe('late events', () => {
  it('names a forged event carrying replayedAt as inserted, and a proof copied from a real one does not help', async () => {
    const fixture = await sealedStoreIn(testDb, 30);
    const original = await fixture.events().findOne({ _id: fixture.ids[3] });
    const forged = idBeside(fixture.ids[3] ?? '', '1');
    await fixture.events().insertOne({
      ...(original as NonNullable<typeof original>),
      _id: forged,
      replayedAt: new Date(),
    });
    const report = await verify(fixture);
    expect(report.inserted.map((m) => m.id)).toEqual([forged]);
    expect(report.late).toEqual([]);
    expect(report.ok).toBe(false);
  });

  it("accepts the writer's own late replay from its journal as late, and only it", async () => {
    // An event recorded while MongoDB was unreachable: it waits in the journal with its id.
    const journalDir = await mkdtemp(join(tmpdir(), 'ak-late-'));
    cleanUp(() => rm(journalDir, { recursive: true, force: true }));
    const offline = createActivityStore({
      uri: 'mongodb://127.0.0.1:9/',
      journalDir,
      defaultTenantId: 'acme',
      writer: { maxRetries: 0, insertTimeoutMs: 200 },
      onError: () => {},
    });
    const late = offline.record({ action: 'order.created', subject: { type: 'order', id: 'L' } });
    await offline.close();
    // Meanwhile the other writers went on, and their events were sealed past the late one's id.
    const fixture = await sealedStoreIn(testDb, 30);
    expect((late?.id ?? '') < (fixture.ids[0] ?? '')).toBe(true);
    const replayer = await createTestStore(testDb, {
      collection: fixture.events().collectionName,
      journalDir,
      defaultTenantId: 'acme',
      integrity: { privateKey: SEALING_KEYS.privateKey, sealIntervalMs: false },
    });
    await expect
      .poll(() => fixture.events().countDocuments({ _id: late?.id }), { timeout: 20_000 })
      .toBe(1);
    await replayer.store.flush();
    const report = await verify(fixture);
    expect(report.late.map((m) => m.id)).toEqual([late?.id]);
    expect(report.inserted).toEqual([]);
    expect(report.ok).toBe(true);

    // Its proof on another forged event is worth nothing: it signs the late event's own content.
    const stored = await fixture.events().findOne({ _id: late?.id });
    const forged = idBeside(fixture.ids[5] ?? '', '2');
    await fixture.events().insertOne({ ...(stored as NonNullable<typeof stored>), _id: forged });
    const again = await verify(fixture);
    expect(again.inserted.map((m) => m.id)).toEqual([forged]);
    expect(again.ok).toBe(false);
  });
});

describe('explanations of deletes', () => {
  it('ignores a forged activity.bulk_deleted record that names an event deleted by hand', async () => {
    const fixture = await sealedStoreIn(testDb, 30);
    const victim = fixture.ids[7] ?? '';
    await fixture.events().deleteOne({ _id: victim });
    const template = await fixture.events().findOne({ _id: fixture.ids[8] });
    await fixture.events().insertOne({
      ...(template as NonNullable<typeof template>),
      _id: idBeside(fixture.ids[29] ?? '', '9'),
      action: 'activity.bulk_deleted',
      kind: 'delete',
      metadata: { ids: [victim], total: 1 },
    });
    const report = await verify(fixture);
    expect(report.deleted.map((m) => m.id)).toEqual([victim]);
    expect(report.explained.bulkDeleted).toBe(0);
    expect(report.ok).toBe(false);
  });

  it('ignores a forged retention.swept record whose cutoff is tomorrow', async () => {
    const fixture = await sealedStoreIn(testDb, 30);
    const recent = fixture.ids.slice(0, 3);
    await fixture.events().deleteMany({ _id: { $in: recent } });
    const template = await fixture.events().findOne({ _id: fixture.ids[8] });
    await fixture.events().insertOne({
      ...(template as NonNullable<typeof template>),
      _id: idBeside(fixture.ids[29] ?? '', '8'),
      action: 'retention.swept',
      kind: 'delete',
      metadata: { deleted: 3, before: new Date(Date.now() + DAY).toISOString(), days: 0 },
    });
    const report = await verify(fixture);
    expect(report.deleted.map((m) => m.id)).toEqual(recent);
    expect(report.explained.expired).toBe(0);
  });

  it('takes an event whose own sealed expiry has passed as expired (a TTL index deleting it), and no other', async () => {
    const now = Date.now() + 3_600_000;
    const fixture = await sealedStoreIn(testDb, 0, {
      clock: () => new Date(now),
      retention: { days: 30 },
    });
    const old = await fixture.store.record(
      { action: 'order.created', occurredAt: new Date(now - 31 * DAY) },
      { durable: true },
    );
    const fresh = await fixture.store.record({ action: 'order.created' }, { durable: true });
    await fixture.store.seal();
    // What MongoDB's TTL monitor does once expiresAt has passed, and an insider does to a fresh one.
    await fixture.events().deleteMany({ _id: { $in: [old?.id ?? '', fresh?.id ?? ''] } });
    const report = await verify(fixture);
    expect(report.explained.expired).toBe(1);
    expect(report.deleted.map((m) => m.id)).toEqual([fresh?.id]);
  });
});

describe('the anchor', () => {
  it('fails verify when the configured anchor file is missing, empty or unreadable', async () => {
    const fixture = await sealedStoreIn(testDb, 30);
    const missing = await verify(fixture, fileAnchor(join(fixture.dir, 'nowhere.ndjson')));
    expect(missing.anchor.status).toBe('missing');
    expect(missing.ok).toBe(false);
    const emptyFile = join(fixture.dir, 'empty.ndjson');
    await writeFile(emptyFile, '');
    const empty = await verify(fixture, fileAnchor(emptyFile));
    expect(empty.anchor).toMatchObject({ status: 'empty', unanchored: [1, 2] });
    expect(empty.ok).toBe(false);
    const garbled = join(fixture.dir, 'garbled.ndjson');
    await writeFile(garbled, '{"tenantId":"acme","seq":1}\nnot json\n');
    const unreadable = await verify(fixture, fileAnchor(garbled));
    expect(unreadable.anchor.status).toBe('unreadable');
    expect(unreadable.anchor.message).toMatch(/could not be read/);
    expect(unreadable.ok).toBe(false);
  });

  it('fails verify when the anchor lacks the newest checkpoints or disagrees in a field', async () => {
    const fixture = await sealedStoreIn(testDb, 60);
    const lines = (await import('node:fs/promises')).readFile(fixture.anchorFile, 'utf8');
    const entries = (await lines).trim().split('\n');
    expect(entries).toHaveLength(3);
    const behindFile = join(fixture.dir, 'behind.ndjson');
    await writeFile(behindFile, `${entries.slice(0, 2).join('\n')}\n`);
    const behind = await verify(fixture, fileAnchor(behindFile));
    expect(behind.anchor).toMatchObject({ status: 'behind', unanchored: [3] });
    expect(behind.ok).toBe(false);

    const edited = entries.map((line, index) => {
      const entry = JSON.parse(line);
      if (index === 1) entry.count = 24;
      if (index === 2) entry.toId = fixture.ids[50];
      return JSON.stringify(entry);
    });
    const editedFile = join(fixture.dir, 'edited.ndjson');
    await writeFile(editedFile, `${edited.join('\n')}\n`);
    const mismatch = await verify(fixture, fileAnchor(editedFile));
    expect(mismatch.anchor).toMatchObject({
      status: 'mismatch',
      mismatched: [
        { seq: 2, fields: ['count'] },
        { seq: 3, fields: ['toId'] },
      ],
    });
    expect(mismatch.ok).toBe(false);
  });

  it('retries a failed anchor write at the next seal, and verify reports the gap until then', async () => {
    let down = true;
    const file = fileAnchor(join(await mkdtemp(join(tmpdir(), 'ak-retry-')), 'a.ndjson'));
    const flaky: CheckpointAnchor = {
      write: (entry) => (down ? Promise.reject(new Error('anchor host down')) : file.write(entry)),
      read: (tenantId) => file.read?.(tenantId) ?? Promise.resolve([]),
    };
    const fixture = await sealedStoreIn(testDb, 0, {
      integrity: {
        privateKey: SEALING_KEYS.privateKey,
        anchor: flaky,
        sealIntervalMs: false,
        sealDelayMs: 0,
      },
    });
    await fixture.store.record({ action: 'order.created' }, { durable: true });
    const failed = await fixture.store.seal().catch((error: unknown) => error);
    expect(failed).toBeInstanceOf(ActivityError);
    expect((failed as ActivityError).code).toBe('ANCHOR_FAILED');
    expect((await fixture.checkpoints.countDocuments({})) > 0).toBe(true);
    const gap = await verify(fixture);
    // Nothing reached the anchor file yet: it is not there.
    expect(gap.anchor.status).toBe('missing');
    expect(gap.ok).toBe(false);

    down = false;
    await fixture.store.seal();
    const mended = await verify(fixture);
    expect(mended.anchor).toMatchObject({ status: 'ok', unanchored: [] });
    expect(mended.ok).toBe(true);
  });
});

describe('the report', () => {
  it('lists a checkpoint with an edited hash once', async () => {
    const fixture = await sealedStoreIn(testDb, 60);
    await fixture.checkpoints.updateOne({ seq: 2 }, { $set: { hash: 'edited' } });
    const report = await verify(fixture);
    expect(report.invalidCheckpoints).toEqual([{ seq: 2, reason: 'hash' }]);
    expect(report.anchor.mismatched).toEqual([{ seq: 2, fields: ['hash'] }]);
    expect(report.ok).toBe(false);
  });
});
