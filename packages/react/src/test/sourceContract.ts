import type { ActivityEvent } from '@activitykit/schema';
import { describe, expect, it } from 'vitest';
import { createMemorySource } from '../data/memory/createMemorySource.ts';
import { type ActivitySource, ActivitySourceError } from '../data/source.ts';

/*
 * One contract for every data source: the REST source over @activitykit/express, the tRPC source
 * over @activitykit/trpc (both on a real store on the dev database) and the memory source must
 * answer the same scenarios with the same results, error codes and statuses. Each source's test
 * file runs it with the events `seedStore` recorded, read by an administrator of every tenant.
 */

/** What a source's test file gives the contract. */
export interface ContractSetup {
  /** The source, as an administrator of every tenant who may delete, restore and note. */
  admin: ActivitySource;
  /** The source, as a partner who sees tenant `acme` only and may note but not delete or restore. */
  partner: ActivitySource;
  /** The source, as a reader whose scope holds no tenant. */
  nobody: ActivitySource;
  /** The events the source holds (`seedStore`'s). */
  seeded: readonly ActivityEvent[];
  /** Waits until what the source was asked to record is readable (a server store's `flush`). */
  settle?: () => Promise<void>;
  /**
   * The source, as the administrator, of a server that has no public key to verify with (REST's
   * `activityApi` and tRPC's router without `verify`; a memory source without `integrity`).
   */
  unverified: ActivitySource;
  /**
   * Seals everything recorded so far (a server store's `seal()`), for the last scenario: the
   * source's server verifies with the sealing key's public half.
   */
  seal?: () => Promise<unknown>;
}

/**
 * The `ActivitySourceError` a source call fails with (and a test failure when it succeeds or
 * fails otherwise).
 *
 * @example
 * ```ts
 * expect((await failure(source.get('01KBX000000000000000000000'))).code).toBe('NOT_FOUND');
 * ```
 */
export async function failure(call: Promise<unknown>): Promise<ActivitySourceError> {
  const error = await call.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ActivitySourceError);
  return error as ActivitySourceError;
}

const newestFirst = (a: ActivityEvent, b: ActivityEvent) =>
  b.occurredAt.getTime() - a.occurredAt.getTime() || (a.id < b.id ? 1 : a.id > b.id ? -1 : 0);

/** A well-formed event id that no source holds. */
const UNKNOWN_ID = '01KBX000000000000000000000';

/** The tamper-evidence methods of a source (optional on `ActivitySource`; every source here has them). */
function integrityOf(source: ActivitySource) {
  const { integrity, checkpointOf, verify } = source;
  if (!integrity || !checkpointOf || !verify) throw new Error('The source has no tamper evidence.');
  return {
    integrity: () => integrity.call(source),
    checkpointOf: (id: string) => checkpointOf.call(source, id),
    verify: (tenantId: string) => verify.call(source, { tenantId }),
  };
}

/**
 * Runs the source contract (list, filters, search errors, get, timeline, stats and signals, scope
 * violations, tamper evidence and its refusals, restore and its refusals, notes, export, bulk
 * delete, then verify after a seal) against the source `setup` gives.
 *
 * @example
 * ```ts
 * sourceContract('REST', () => ({ admin: as('admin'), seeded }));
 * ```
 */
export function sourceContract(name: string, setup: () => ContractSetup): void {
  describe(`the source contract: ${name}`, () => {
    it('pages every event newest first with the cursor, as Dates, without repeats', async () => {
      const { admin, seeded } = setup();
      const seen: ActivityEvent[] = [];
      let cursor: string | undefined;
      do {
        const page = await admin.list({ limit: 8, ...(cursor ? { cursor } : {}) });
        seen.push(...page.items);
        cursor = page.nextCursor;
      } while (cursor);
      expect(seen.map((e) => e.id)).toEqual([...seeded].sort(newestFirst).map((e) => e.id));
      expect(seen.every((e) => e.occurredAt instanceof Date)).toBe(true);
    });

    it('filters by field and by the search syntax as the store does', async () => {
      const { admin, seeded } = setup();
      const ids = async (query: Parameters<ActivitySource['list']>[0]) =>
        (await admin.list({ ...query, limit: 200 })).items.map((e) => e.id).sort();
      const expected = (test: (e: ActivityEvent) => boolean) =>
        seeded
          .filter(test)
          .map((e) => e.id)
          .sort();
      expect(await ids({ kinds: ['delete'] })).toEqual(expected((e) => e.kind === 'delete'));
      expect(await ids({ q: 'actor:anna' })).toEqual(expected((e) => e.actor.id === 'u-anna'));
    });

    it('refuses a bad search: INVALID_INPUT, 400, INVALID_SEARCH, at its position, with its reason', async () => {
      const error = await failure(setup().admin.list({ q: 'kind:delete kind:explode' }));
      expect(error).toMatchObject({
        code: 'INVALID_INPUT',
        status: 400,
        serverCode: 'INVALID_SEARCH',
        position: 12,
        search: { reason: 'UNKNOWN_CHOICE', params: { key: 'kind', value: 'explode' } },
      });
    });

    it('gets one event, and NOT_FOUND (404) for an id it does not hold', async () => {
      const { admin, seeded } = setup();
      const one = seeded[3] as ActivityEvent;
      expect(await admin.get(one.id)).toMatchObject({ id: one.id, action: one.action });
      expect(await failure(admin.get(UNKNOWN_ID))).toMatchObject({
        code: 'NOT_FOUND',
        status: 404,
      });
    });

    it("reads a record's timeline", async () => {
      const { admin, seeded } = setup();
      const page = await admin.timeline('customer:42', { limit: 100 });
      expect(page.items.map((e) => e.id).sort()).toEqual(
        seeded
          .filter((e) => e.refs.some((ref) => ref.type === 'customer' && ref.id === '42'))
          .map((e) => e.id)
          .sort(),
      );
    });

    it('counts the stats of a period, sign-in failures included', async () => {
      const { admin, seeded } = setup();
      const stats = await admin.stats({ preset: 'last_30_days' }, { bucket: 'day' });
      expect(stats.total).toBe(seeded.length);
      expect(stats.auth.failures).toBe(seeded.filter((e) => e.kind === 'login_failed').length);
      expect(stats.series[0]?.start).toBeInstanceOf(Date);
    });

    it('refuses a series of more than 5000 buckets: INVALID_INPUT, 400, INVALID_QUERY', async () => {
      const year = { from: new Date('2025-01-01T00:00:00Z'), to: new Date('2026-01-01T00:00:00Z') };
      const error = await failure(setup().admin.stats(year, { bucket: 'hour' }));
      expect(error).toMatchObject({
        code: 'INVALID_INPUT',
        status: 400,
        serverCode: 'INVALID_QUERY',
      });
      expect(error.message).toMatch(/larger bucket/);
    });

    it("computes stats and security signals by the store's rules, in the query's zone", async () => {
      const { admin, seeded } = setup();
      // The memory source over the same events: schema's rules applied in JavaScript. A server
      // source must answer the same, figures, buckets, signal ids and sentences alike.
      const reference = createMemorySource({ events: seeded });
      const hour = 3_600_000;
      const query = {
        from: new Date(Math.floor(Date.now() / hour) * hour - 20 * 86_400_000),
        to: new Date(Math.ceil(Date.now() / hour) * hour + hour),
        timeZone: 'America/New_York',
      };
      const stats = await admin.stats(query, { bucket: 'day' });
      expect(stats).toEqual(await reference.stats(query, { bucket: 'day' }));
      expect(stats.total).toBe(seeded.length);
      const signals = await admin.signals(query);
      expect(signals).toEqual(await reference.signals(query));
      expect(new Set(signals.map((signal) => signal.type))).toEqual(
        new Set([
          'failed_login_burst_user',
          'failed_login_burst_ip',
          'new_ip_login',
          'off_hours_activity',
          'permission_change',
        ]),
      );
      expect(signals.find((signal) => signal.type === 'new_ip_login')).toMatchObject({
        key: 'u-anna',
        count: 2,
        severity: 'medium',
      });
      expect(signals.find((signal) => signal.type === 'permission_change')).toMatchObject({
        key: 'u-boris',
        severity: 'high',
      });
    });

    it('keeps a reader to their scope: other tenants are not found, writes are forbidden', async () => {
      const { partner, nobody, seeded } = setup();
      const page = await partner.list({ limit: 200 });
      expect(page.items.length).toBeGreaterThan(0);
      expect(page.items.every((e) => e.tenantId === 'acme')).toBe(true);
      const beta = seeded.find((e) => e.tenantId === 'beta') as ActivityEvent;
      expect(await failure(partner.get(beta.id))).toMatchObject({ code: 'NOT_FOUND', status: 404 });
      const deleted = seeded.find((e) => e.action === 'customer.deleted') as ActivityEvent;
      const forbidden = { code: 'FORBIDDEN', status: 403 };
      expect(await failure(partner.restore(deleted.id))).toMatchObject(forbidden);
      expect(await failure(partner.bulkDelete({ ids: [deleted.id] }))).toMatchObject(forbidden);
      expect(
        await failure(partner.addNote({ ref: 'customer:b1', body: 'Hello', tenantId: 'beta' })),
      ).toMatchObject(forbidden);
      expect(await failure(nobody.list({}))).toMatchObject(forbidden);
      expect(await failure(nobody.stats({}))).toMatchObject(forbidden);
    });

    it("keeps tamper evidence to the reader's scope: their tenants only, another tenant's verify FORBIDDEN", async () => {
      const { admin, partner, nobody, seeded } = setup();
      const forbidden = { code: 'FORBIDDEN', status: 403 };
      expect(await failure(integrityOf(partner).verify('beta'))).toMatchObject(forbidden);
      const status = await integrityOf(partner).integrity();
      expect(status.tenants.map((t) => t.tenantId)).toEqual(['acme']);
      expect(status.tenants.every((t) => Number.isInteger(t.unsealed) && t.unsealed >= 0)).toBe(
        true,
      );
      const every = await integrityOf(admin).integrity();
      expect(every.tenants.map((t) => t.tenantId)).toEqual(['acme', 'beta']);
      const beta = seeded.find((e) => e.tenantId === 'beta') as ActivityEvent;
      expect(await failure(integrityOf(partner).checkpointOf(beta.id))).toMatchObject({
        code: 'NOT_FOUND',
        status: 404,
      });
      expect(await failure(integrityOf(nobody).integrity())).toMatchObject(forbidden);
    });

    it('says verify is not set up on a server without a public key: SERVER, 501, NOT_CONFIGURED', async () => {
      const { unverified } = setup();
      expect(await failure(integrityOf(unverified).verify('acme'))).toMatchObject({
        code: 'SERVER',
        status: 501,
        serverCode: 'NOT_CONFIGURED',
      });
      expect((await integrityOf(unverified).integrity()).canVerify).toBe(false);
    });

    it('restores a delete once as an update linked to it, and refuses the rest with the same codes', async () => {
      const { admin, seeded } = setup();
      const update = seeded.find((e) => e.kind === 'update') as ActivityEvent;
      expect(await failure(admin.restore(update.id))).toMatchObject({
        code: 'INVALID_INPUT',
        status: 422,
        serverCode: 'NOT_RESTORABLE',
      });
      const deleted = seeded.find((e) => e.action === 'customer.deleted') as ActivityEvent;
      expect(await admin.restore(deleted.id)).toMatchObject({
        action: 'customer.restored',
        kind: 'update',
        metadata: { restoredFrom: deleted.id },
      });
      expect(await failure(admin.restore(deleted.id))).toMatchObject({
        code: 'CONFLICT',
        status: 409,
        serverCode: 'ALREADY_RESTORED',
      });
    });

    it('refuses a note over 5000 characters or without a record key, and takes one of 5000', async () => {
      const { admin } = setup();
      const refused = { code: 'INVALID_INPUT', status: 400 };
      const long = 'x'.repeat(5000);
      expect(
        await failure(admin.addNote({ ref: 'customer:42', body: `${long}y`, tenantId: 'acme' })),
      ).toMatchObject(refused);
      expect(
        await failure(admin.addNote({ ref: 'nonsense', body: 'Hello', tenantId: 'acme' })),
      ).toMatchObject(refused);
      const note = await admin.addNote({ ref: 'customer:900', body: long, tenantId: 'acme' });
      expect(note.metadata?.note).toBe(long);
    });

    it("adds a note stamped with the reader, which shows in the record's timeline", async () => {
      const { admin, settle } = setup();
      const note = await admin.addNote({
        ref: 'customer:42',
        body: 'Called about the refund.',
        tenantId: 'acme',
      });
      expect(note).toMatchObject({
        kind: 'note',
        tenantId: 'acme',
        actor: { id: 'u-admin', name: 'Ada Admin' },
        metadata: { note: 'Called about the refund.' },
      });
      expect(note.occurredAt).toBeInstanceOf(Date);
      await settle?.();
      const notes = await admin.timeline('customer:42', { kinds: ['note'] });
      expect(notes.items.map((e) => e.id)).toEqual([note.id]);
    });

    it('exports CSV: a header and a row per event of the query', async () => {
      const { admin, seeded } = setup();
      const file = await admin.export({ format: 'csv', query: { kinds: ['delete'] } });
      const rows = (await file.blob.text()).trim().split(/\r?\n/);
      expect(rows).toHaveLength(1 + seeded.filter((e) => e.kind === 'delete').length);
      expect(file.filename).toMatch(/\.csv$/);
    });

    it('bulk-deletes a selection, says which, and the events are gone', async () => {
      const { admin, seeded, settle } = setup();
      const orders = seeded.filter((e) => e.action.startsWith('order.'));
      const ids = orders.slice(20, 22).map((e) => e.id);
      expect(await admin.bulkDelete({ ids })).toMatchObject({ deleted: 2 });
      await settle?.();
      for (const id of ids) {
        expect(await failure(admin.get(id))).toMatchObject({ code: 'NOT_FOUND', status: 404 });
      }
    });

    // Last: sealed after every write above, so nothing sealed was deleted behind verify's back.
    it('verifies a sealed tenant clean and shows its last checkpoint, dates as Dates', async () => {
      const { partner, seeded, settle, seal } = setup();
      await settle?.();
      await seal?.();
      const source = integrityOf(partner);
      const report = await source.verify('acme');
      expect(report).toMatchObject({ tenantId: 'acme', ok: true, modified: [], deleted: [] });
      expect(report.checkedEvents).toBeGreaterThan(0);

      const status = await source.integrity();
      expect(status).toMatchObject({ sealing: true, canVerify: true });
      expect(status.tenants).toEqual([
        expect.objectContaining({
          tenantId: 'acme',
          unsealed: 0,
          lastCheckpoint: expect.any(Object),
        }),
      ]);
      expect(status.tenants[0]?.lastCheckpoint?.createdAt).toBeInstanceOf(Date);

      const first = seeded.find((e) => e.tenantId === 'acme') as ActivityEvent;
      const checkpoint = await source.checkpointOf(first.id);
      expect(checkpoint).toMatchObject({ tenantId: 'acme' });
      expect(checkpoint?.createdAt).toBeInstanceOf(Date);
      expect(checkpoint && checkpoint.fromId < first.id && first.id <= checkpoint.toId).toBe(true);
    });
  });
}
