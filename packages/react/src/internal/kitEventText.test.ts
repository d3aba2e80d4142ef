import { auditExport, exportCsv } from '@activitykit/core';
import { type ActivityScopeInput, describe as describeEvent } from '@activitykit/schema';
import { createTestDb } from '@activitykit/test-utils';
import { describe, expect, it } from 'vitest';
import { createTestStore } from '../test/serverFixture.ts';
import { eventSentence } from './eventText.ts';

// The events the core records on its own, as a real store (on the devdb) stores them.
const testDb = await createTestDb('react_kit_text');
const store = await createTestStore(testDb);
const admin = { id: 'u-admin', type: 'user', name: 'Ada Admin', role: 'admin' } as const;
const scope: ActivityScopeInput = { tenants: ['acme'], canDelete: true };
const request = { ip: '10.0.0.7', userAgent: 'Test/1' };

async function latest(action: string) {
  await store.flush();
  const [event] = (await store.list({ actions: [action], sort: 'desc', limit: 1 }, scope)).items;
  if (!event) throw new Error(`no ${action} event was stored`);
  return event;
}

describe('the store’s own audit events, read in Russian', () => {
  it('reads a bulk delete of the log in Russian, not in the English the store wrote', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 2; i++) {
      const event = await store.record({ action: 'order.created' }, { durable: true });
      if (event) ids.push(event.id);
    }
    await store.bulkDelete({ ids }, scope, { actor: admin, context: request });
    const event = await latest('activity.bulk_deleted');
    const listed = (event.metadata?.ids as string[] | undefined) ?? [];
    expect([...listed].sort()).toEqual([...ids].sort());
    expect(eventSentence(event, 'ru')).toBe(
      `Ada Admin: удалено 2 события из журнала действий (${listed.join(', ')}), IP 10.0.0.7`,
    );
    expect(eventSentence(event, 'en')).toBe(describeEvent(event, 'en'));
  });

  it('reads an export of the log in Russian', async () => {
    await store.record({ action: 'order.created' }, { durable: true });
    const audit = auditExport(store.stream({ actions: ['order.created'] }, scope), {
      store,
      format: 'csv',
      actor: admin,
      scope,
      filters: 'action:order.created',
      context: request,
    });
    for await (const _chunk of exportCsv(audit.events));
    await audit.finish({ completed: true });
    const event = await latest('activity.exported');
    const rows = event.metadata?.rows;
    expect(rows).toBeGreaterThan(0);
    expect(eventSentence(event, 'ru')).toMatch(
      new RegExp(
        `^Ada Admin: экспорт ${rows} событи[яй] в CSV \\(фильтры: action:order\\.created\\), IP 10\\.0\\.0\\.7$`,
      ),
    );
  });
});
