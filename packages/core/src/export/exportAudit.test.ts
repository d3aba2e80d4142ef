import { type ActivityEvent, describe as describeEvent } from '@activitykit/schema';
import { createTestDb } from '@activitykit/test-utils';
import { describe, expect, it } from 'vitest';
import { createTestStore } from '../test/storeFixture.ts';
import { auditExport, type ExportAuditOptions } from './exportAudit.ts';
import { exportCsv } from './exportCsv.ts';
import { readBytes } from './exportFixture.ts';
import { exportPdf } from './pdf/exportPdf.ts';

const testDb = await createTestDb('export_audit');
const { store, events } = await createTestStore(testDb);
const actor = { id: 'u-ada', type: 'user', name: 'Ада Админ', role: 'admin' } as const;

/** Events of `tenantId`, stored, for exporting. */
async function seed(tenantId: string, count: number): Promise<ActivityEvent[]> {
  const seeded: ActivityEvent[] = [];
  for (let i = 0; i < count; i++) {
    const event = await store.record(
      { tenantId, action: 'customer.updated', subject: { type: 'customer', id: `${i}` } },
      { durable: true },
    );
    if (event) seeded.push(event);
  }
  return seeded;
}

async function* replay(list: ActivityEvent[]): AsyncGenerator<ActivityEvent> {
  yield* list;
}

/** The stored `activity.exported` documents of this test (by request id). */
async function exported(requestId: string) {
  await store.flush();
  return events().find({ action: 'activity.exported', 'context.requestId': requestId }).toArray();
}

const base = (requestId: string): ExportAuditOptions => ({
  store,
  format: 'csv',
  actor,
  scope: { tenants: ['north', 'south'] },
  context: { ip: '10.9.8.7', userAgent: 'Test/1', requestId },
});

describe('auditExport', () => {
  it('records an export that found nothing in the scope’s tenants, with 0 rows', async () => {
    const audit = auditExport(replay([]), { ...base('empty'), filters: 'actor:nobody' });
    await readBytes(exportCsv(audit.events));
    await audit.finish({ completed: true });
    const stored = await exported('empty');
    expect(stored.map((event) => [event.tenantId, event.metadata?.rows]).sort()).toEqual([
      ['north', 0],
      ['south', 0],
    ]);
    expect(stored[0]).toMatchObject({
      kind: 'access',
      context: { ip: '10.9.8.7', userAgent: 'Test/1' },
      metadata: { format: 'csv', filters: 'actor:nobody', completed: true },
    });
  });

  it('records nothing for an empty export of every tenant: no tenant to put it in', async () => {
    const audit = auditExport(replay([]), { ...base('everywhere'), scope: { tenants: '*' } });
    await readBytes(exportCsv(audit.events));
    expect(await audit.finish({ completed: true })).toEqual([]);
    expect(await exported('everywhere')).toEqual([]);
  });

  it('counts only the rows the file took, and marks an export that stopped early', async () => {
    const north = await seed('north', 5);
    const audit = auditExport(replay(north), { ...base('truncated'), format: 'pdf' });
    // The PDF stops at 3 rows (it reads a fourth to know there are more).
    await readBytes(exportPdf(audit.events, { title: 'x', maxRows: 3 }));
    await audit.finish({ completed: false });
    await audit.finish({ completed: true }); // once only
    const [event, ...more] = await exported('truncated');
    expect(more).toEqual([]);
    expect(event).toMatchObject({
      tenantId: 'north',
      outcome: 'failure',
      metadata: { format: 'pdf', rows: 3, completed: false },
    });
    if (!event) throw new Error('no activity.exported event');
    expect(event.subject).toEqual({ type: 'activity_log', id: 'north' });
    // No wording of its own: the store describes it, so each reader's language can re-word it.
    expect(event?.description).toBe(describeEvent(event, 'en'));
    expect(event?.description).toBe(
      'Ада Админ exported 3 events as PDF — stopped before the end, from IP 10.9.8.7',
    );
    expect(describeEvent(event, 'ru')).toBe(
      'Ада Админ: экспорт 3 событий в PDF — не завершён, IP 10.9.8.7',
    );
  });

  it('is described in the store’s language, like any other event', async () => {
    const russian = await createTestStore(testDb, { locale: 'ru' });
    const south = await seed('south', 2);
    const audit = auditExport(replay(south), {
      ...base('ru'),
      store: russian.store,
      ids: [...south.map((event) => event.id), '01KZZZZZZZZZZZZZZZZZZZZZZZ'],
    });
    await readBytes(exportCsv(audit.events));
    await audit.finish({ completed: true });
    await russian.store.flush();
    const [event] = await russian
      .events()
      .find({ action: 'activity.exported', 'context.requestId': 'ru' })
      .toArray();
    expect(event?.description).toBe(
      'Ада Админ: экспорт 2 событий в CSV (выборка из 3), IP 10.9.8.7',
    );
    expect(event?.metadata).toMatchObject({
      selection: { count: 3, ids: south.map((e) => e.id) },
    });
  });
});
