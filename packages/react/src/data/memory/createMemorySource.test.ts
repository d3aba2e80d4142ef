import type { ActivityEvent, CheckpointSummary, VerifyReport } from '@activitykit/schema';
import { describe, expect, it } from 'vitest';
import { customerHistory, FIXTURE_NOW, venueMonth } from '../../test/fixtures.ts';
import { seedDrafts } from '../../test/seedDrafts.ts';
import { failure, sourceContract } from '../../test/sourceContract.ts';
import { createMemorySource } from './createMemorySource.ts';
import type { MemoryIntegrityOptions } from './memoryIntegrity.ts';

const now = () => FIXTURE_NOW;
const events = venueMonth();

/** A verify report that found nothing wrong in `checkpoints`. */
function cleanReport(tenantId: string, checkpoints: readonly CheckpointSummary[]): VerifyReport {
  const own = checkpoints.filter((checkpoint) => checkpoint.tenantId === tenantId);
  return {
    tenantId,
    ok: true,
    wrongKey: false,
    checkedCheckpoints: own.length,
    checkedEvents: own.reduce((sum, checkpoint) => sum + checkpoint.count, 0),
    invalidCheckpoints: [],
    missingCheckpoints: [],
    anchor: { status: 'not_configured', unanchored: [], mismatched: [] },
    modified: [],
    deleted: [],
    inserted: [],
    late: [],
    explained: { expired: 0, bulkDeleted: 0 },
    unsealed: { fromId: own.at(-1)?.toId ?? '', count: 0 },
  };
}

// The scenarios every source answers alike, over the events the server sources' tests store.
// A sealing "server": checkpoints the contract's seal() makes, and a verifier that finds them clean.
const checkpoints: CheckpointSummary[] = [];
const sealing: MemoryIntegrityOptions = {
  checkpoints,
  verify: ({ tenantId }) => cleanReport(tenantId, checkpoints),
};
const contractSource = createMemorySource({
  permissions: { actor: { id: 'u-admin', name: 'Ada Admin', role: 'admin' } },
  integrity: sealing,
});
const contractSeeded = seedDrafts().map((draft) => contractSource.record(draft));
/** One checkpoint per tenant over every event held, as a server's first seal makes. */
async function seal() {
  const held = contractSource.snapshot();
  for (const tenantId of new Set(held.map((event) => event.tenantId))) {
    const ids = held
      .filter((event) => event.tenantId === tenantId)
      .map((event) => event.id)
      .sort();
    const toId = ids.at(-1) ?? '';
    checkpoints.push({
      tenantId,
      seq: 1,
      fromId: '',
      toId,
      count: ids.length,
      createdAt: new Date(),
    });
  }
}
sourceContract('memory', () => ({
  admin: contractSource,
  // The partner's and nobody's views of the same events (the server fixtures' callers).
  partner: createMemorySource({
    events: contractSeeded,
    tenants: ['acme'],
    permissions: {
      canDelete: false,
      canRestore: false,
      canNote: true,
      actor: { id: 'u-pat', name: 'Pat Partner', role: 'partner' },
    },
    integrity: sealing,
  }),
  nobody: createMemorySource({ events: contractSeeded, tenants: [] }),
  seeded: contractSeeded,
  unverified: createMemorySource({ events: contractSeeded }),
  seal,
}));

describe('createMemorySource', () => {
  it('pages newest first with a cursor, without gaps or repeats', async () => {
    const source = createMemorySource({ events, now });
    const seen: ActivityEvent[] = [];
    let cursor: string | undefined;
    do {
      const page = await source.list({ limit: 37, ...(cursor ? { cursor } : {}) });
      seen.push(...page.items);
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen.map((e) => e.id)).toEqual([...events].reverse().map((e) => e.id));
    const asc = await source.list({ sort: 'asc', limit: 3 });
    expect(asc.items.map((e) => e.id)).toEqual(events.slice(0, 3).map((e) => e.id));
  });

  it('filters by fields and the search syntax (ANDed), like the server', async () => {
    const source = createMemorySource({ events, now });
    const deletes = await source.list({ kinds: ['delete'], q: 'actor:u-boris', limit: 200 });
    expect(deletes.items.length).toBeGreaterThan(0);
    expect(deletes.items.every((e) => e.kind === 'delete' && e.actor.id === 'u-boris')).toBe(true);
    const orders = await source.list({ actions: ['order.*'], limit: 200 });
    expect(orders.items.every((e) => e.action.startsWith('order.'))).toBe(true);
    const today = await source.list({ preset: 'today', limit: 200 });
    expect(
      today.items.every((e) => e.occurredAt.getTime() >= Date.parse('2026-11-23T00:00:00Z')),
    ).toBe(true);
    const text = await source.list({ q: '"Claire Dubois"', limit: 200 });
    expect(text.items.length).toBeGreaterThan(0);
  });

  it('searches text as the store does: actor e-mail and action too; weeks start as told', async () => {
    const source = createMemorySource({
      events: [
        {
          ...events[0],
          id: '01KBX00000000000000000TXT1',
          action: 'invoice.voided',
          description: 'Something happened',
          actor: { id: 'u-zed', type: 'user', name: 'Zed', email: 'zed@venue.test' },
        } as ActivityEvent,
      ],
      now,
    });
    expect((await source.list({ q: '"zed@venue"' })).items).toHaveLength(1);
    expect((await source.list({ q: '"invoice.void"' })).items).toHaveLength(1);
    // Sunday 22 November 2026: the week that starts on Sunday holds it, the one from Monday not.
    const sunday = new Date('2026-11-22T12:00:00Z');
    const week = (weekStartsOn: 0 | 1) =>
      createMemorySource({
        events: [{ ...events[0], occurredAt: sunday } as ActivityEvent],
        now: () => new Date('2026-11-24T12:00:00Z'),
        weekStartsOn,
      }).list({ preset: 'this_week' });
    expect((await week(0)).items).toHaveLength(1);
    expect((await week(1)).items).toHaveLength(0);
    // Weekly buckets of the stats start on that day too.
    const stats = await createMemorySource({ events, now, weekStartsOn: 0 }).stats(
      { from: new Date('2026-08-01T00:00:00Z'), to: new Date('2026-11-24T00:00:00Z') },
      { bucket: 'week' },
    );
    expect(stats.series.length).toBeGreaterThan(10);
    expect(stats.series.every((point) => new Date(point.start).getUTCDay() === 0)).toBe(true);
  });

  it('rejects a bad search with its position, and a foreign cursor', async () => {
    const source = createMemorySource({ events, now });
    expect(await failure(source.list({ q: 'kind:explode' }))).toMatchObject({
      code: 'INVALID_INPUT',
      position: 0,
    });
    expect((await failure(source.list({ cursor: 'nope' }))).serverCode).toBe('INVALID_CURSOR');
    expect((await failure(source.list({ limit: 500 }))).code).toBe('INVALID_INPUT');
  });

  it('matches actors like the store: id, e-mail any case, name or word prefix', async () => {
    const source = createMemorySource({ events, now });
    const actorIds = async (actor: string) => {
      const page = await source.list({ actors: [actor], limit: 200 });
      return [...new Set(page.items.map((e) => e.actor.id))].sort();
    };
    expect(await actorIds('boris')).toEqual(['u-boris']);
    expect(await actorIds('IVANOV')).toEqual(['u-boris']);
    expect(await actorIds('u-boris')).toEqual(['u-boris']);
    expect(await actorIds('BORIS@Venue.test')).toEqual(['u-boris']);
    expect(await actorIds('u-bor')).toEqual([]);
    expect(await actorIds('vanov')).toEqual([]);
    const q = await source.list({ q: 'actor:claire', limit: 200 });
    expect(new Set(q.items.map((e) => e.actor.name))).toEqual(new Set(['Claire Dubois']));
  });

  it('suggests actors by name, word, e-mail or id prefix', async () => {
    const source = createMemorySource({ events, now });
    const suggestions = (await source.suggestActors?.({ prefix: 'dub' })) ?? [];
    expect(suggestions.map((s) => s.name)).toEqual(['Claire Dubois']);
    expect(((await source.suggestActors?.({ prefix: 'u-' })) ?? []).length).toBeGreaterThan(1);
    expect((await failure(source.suggestActors?.({ prefix: ' ' }) ?? Promise.resolve())).code).toBe(
      'INVALID_INPUT',
    );
  });

  it("reads a record's timeline and one event", async () => {
    const source = createMemorySource({ events: customerHistory(), now });
    const page = await source.timeline('customer:42', {});
    expect(page.items).toHaveLength(customerHistory().length);
    const first = page.items[0] as ActivityEvent;
    expect((await source.get(first.id)).id).toBe(first.id);
    expect((await failure(source.get('01ZZZZZZZZZZZZZZZZZZZZZZZZ'))).code).toBe('NOT_FOUND');
  });

  it('computes stats in day buckets of the zone, and security signals', async () => {
    const source = createMemorySource({ events, now });
    const stats = await source.stats({ preset: 'last_7_days', timeZone: 'Europe/Moscow' });
    expect(stats.bucket).toBe('day');
    expect(stats.series).toHaveLength(7);
    expect(stats.series[0]?.start.toISOString()).toBe('2026-11-16T21:00:00.000Z');
    expect(stats.series.reduce((sum, point) => sum + point.count, 0)).toBe(stats.total);
    expect(stats.auth.failures).toBe(7);
    const signals = await source.signals({ preset: 'last_30_days' });
    expect(signals.map((s) => s.type)).toEqual(
      expect.arrayContaining([
        'failed_login_burst_user',
        'failed_login_burst_ip',
        'new_ip_login',
        'bulk_delete',
        'permission_change',
        'off_hours_activity',
      ]),
    );
    expect(signals[0]?.severity).toBe('high');
  });

  it('groups failed logins by account as the store does: actor id, else the identifier trimmed and lower-cased', async () => {
    const at = (minute: number) => new Date(Date.parse('2026-11-23T10:00:00Z') + minute * 60_000);
    const source = createMemorySource({ now });
    const typed = [
      'Bob@Acme.test',
      ' bob@acme.test ',
      'BOB@acme.test',
      'bob@acme.test',
      'bob@ACME.test',
    ];
    for (const [i, identifier] of typed.entries()) {
      source.record({
        action: 'auth.login_failed',
        outcome: 'failure',
        actor: { id: 'anonymous', type: 'anonymous' },
        metadata: { identifier },
        context: { ip: `203.0.113.${i}` },
        occurredAt: at(i),
      });
    }
    const signals = await source.signals({ from: at(-60), to: at(60) });
    expect(signals.filter((s) => s.type === 'failed_login_burst_user').map((s) => s.key)).toEqual([
      'bob@acme.test',
    ]);
  });

  it('rates role changes as the store does: high only when someone is made an administrator', async () => {
    const base = venueMonth()[0] as ActivityEvent;
    const change = (id: string, after: string) => ({
      ...base,
      id,
      kind: 'update' as const,
      action: 'user.updated',
      occurredAt: new Date(FIXTURE_NOW.getTime() - 3_600_000),
      actor: { id: `u-${id}`, type: 'user' as const, name: id },
      changes: [{ path: 'role', before: 'staff', after }],
    });
    const source = createMemorySource({
      events: [
        change('01JCOACH000000000000000000', 'badminton coach'),
        change('01JADMIN000000000000000000', 'admin'),
      ],
      now,
    });
    const signals = await source.signals({ preset: 'today' });
    const roles = signals.filter((signal) => signal.type === 'permission_change');
    expect(Object.fromEntries(roles.map((signal) => [signal.key, signal.severity]))).toEqual({
      'u-01JCOACH000000000000000000': 'medium',
      'u-01JADMIN000000000000000000': 'high',
    });
  });

  it('adds notes as the reader, restores once, bulk-deletes, and tells live subscribers', async () => {
    const source = createMemorySource({
      events: customerHistory(),
      now,
      permissions: { actor: { id: 'u-1', name: 'Ann' } },
    });
    const live: ActivityEvent[] = [];
    const stop = source.subscribe({ refs: ['customer:42'] }, { onEvent: (e) => live.push(e) });
    await new Promise((resolve) => setTimeout(resolve, 0));
    const note = await source.addNote({ ref: 'customer:42', body: 'Hello' });
    expect(note).toMatchObject({
      kind: 'note',
      actor: { id: 'u-1', name: 'Ann' },
      metadata: { note: 'Hello' },
    });
    expect(live.map((e) => e.id)).toEqual([note.id]);
    stop();
    const deleted = source.record({
      action: 'customer.deleted',
      kind: 'delete',
      subject: { type: 'customer', id: '9' },
      snapshot: { id: '9' },
    });
    // As the store records a restore: an update linked to the delete it undoes.
    expect(await source.restore(deleted.id)).toMatchObject({
      action: 'customer.restored',
      kind: 'update',
      refs: expect.arrayContaining([
        { type: 'activity_event', id: deleted.id, label: 'customer.deleted' },
      ]),
      metadata: { restoredFrom: deleted.id },
    });
    expect((await failure(source.restore(deleted.id))).serverCode).toBe('ALREADY_RESTORED');
    const result = await source.bulkDelete({ ids: [note.id] });
    expect(result).toEqual({ deleted: 1, ids: [note.id] });
    expect(live).toHaveLength(1);
  });

  it('refuses what the permissions forbid', async () => {
    const source = createMemorySource({
      events,
      now,
      permissions: { canDelete: false, canNote: false },
    });
    expect((await failure(source.bulkDelete({ ids: [] }))).code).toBe('FORBIDDEN');
    expect((await failure(source.addNote({ ref: 'customer:42', body: 'x' }))).code).toBe(
      'FORBIDDEN',
    );
  });

  it('exports CSV with a header row, and fails every call when told to', async () => {
    const source = createMemorySource({ events, now });
    const file = await source.export({ format: 'csv', ids: events.slice(0, 2).map((e) => e.id) });
    expect(file.filename).toBe('activity-2026-11-23.csv');
    expect((await file.blob.text()).trim().split('\r\n')).toHaveLength(3);
    const failing = createMemorySource({ error: 'FORBIDDEN' });
    expect((await failure(failing.list({}))).code).toBe('FORBIDDEN');
  });
});

describe('createMemorySource: tamper evidence', () => {
  const acme = events.filter((e) => e.tenantId === events[0]?.tenantId);
  const tenantId = acme[0]?.tenantId ?? '';
  const sealedUpTo = acme[9] as ActivityEvent;
  const checkpoint: CheckpointSummary = {
    tenantId,
    seq: 1,
    fromId: '',
    toId: sealedUpTo.id,
    count: 10,
    createdAt: FIXTURE_NOW,
  };

  it('does not seal without an integrity option: no tenants, no checkpoint, verify 501', async () => {
    const source = createMemorySource({ events, now });
    expect(await source.integrity()).toEqual({ sealing: false, canVerify: false, tenants: [] });
    expect(await source.checkpointOf(sealedUpTo.id)).toBeNull();
    expect(await failure(source.verify({ tenantId }))).toMatchObject({
      code: 'SERVER',
      status: 501,
      serverCode: 'NOT_CONFIGURED',
    });
  });

  it('makes the status from its checkpoints, and names the checkpoint of an event', async () => {
    const source = createMemorySource({ events, now, integrity: { checkpoints: [checkpoint] } });
    const status = await source.integrity();
    expect(status).toMatchObject({ sealing: true, canVerify: false });
    expect(status.tenants.find((t) => t.tenantId === tenantId)).toEqual({
      tenantId,
      lastCheckpoint: checkpoint,
      unsealed: acme.filter((e) => e.id > sealedUpTo.id).length,
    });
    expect(await source.checkpointOf(acme[3]?.id ?? '')).toEqual(checkpoint);
    expect(await source.checkpointOf(acme[10]?.id ?? '')).toBeNull();
    expect((await failure(source.checkpointOf('01KBX000000000000000000000'))).code).toBe(
      'NOT_FOUND',
    );
  });

  it('shows the status and report it is given, within the reader’s tenants', async () => {
    const report = cleanReport(tenantId, [checkpoint]);
    const source = createMemorySource({
      events,
      now,
      tenants: [tenantId],
      integrity: {
        status: {
          sealing: true,
          canVerify: true,
          tenants: [
            { tenantId, lastCheckpoint: checkpoint, unsealed: 3 },
            { tenantId: 'elsewhere', unsealed: 7 },
          ],
        },
        verify: async () => report,
      },
    });
    expect((await source.integrity()).tenants).toEqual([
      { tenantId, lastCheckpoint: checkpoint, unsealed: 3 },
    ]);
    expect(await source.verify({ tenantId })).toBe(report);
    expect(await failure(source.verify({ tenantId: 'elsewhere' }))).toMatchObject({
      code: 'FORBIDDEN',
      status: 403,
    });
  });
});
