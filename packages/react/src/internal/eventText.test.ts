import { type ActivityEvent, describe as describeEvent } from '@activitykit/schema';
import { describe, expect, it } from 'vitest';
import { eventSentence, recordName } from './eventText.ts';

const base: ActivityEvent = {
  id: '01JZ0000000000000000000000',
  tenantId: 'acme',
  occurredAt: new Date('2026-11-20T10:00:00Z'),
  action: 'customer.updated',
  kind: 'update',
  category: 'customer',
  outcome: 'success',
  actor: { type: 'user', id: 'u1', name: 'Anna Petrova' },
  subject: { type: 'customer', id: '42', label: 'Bob Jones' },
  refs: [{ type: 'customer', id: '42', label: 'Bob Jones' }],
  context: {},
};

describe('eventSentence', () => {
  it("re-describes in the viewer's language what the store described in English", () => {
    const stored = { ...base, description: describeEvent(base, 'en') };
    expect(eventSentence(stored, 'en')).toBe(stored.description);
    expect(eventSentence(stored, 'ru')).toBe(describeEvent(base, 'ru'));
    expect(eventSentence(stored, 'ru')).not.toBe(stored.description);
  });

  it('re-words the store’s own records of the log, even with the English an older core stored', () => {
    const deleted: ActivityEvent = {
      ...base,
      action: 'activity.bulk_deleted',
      kind: 'delete',
      category: 'system',
      subject: { type: 'activity_log', id: 'acme', label: 'Activity log' },
      refs: [{ type: 'activity_log', id: 'acme', label: 'Activity log' }],
      context: { ip: '10.0.0.7' },
      metadata: { ids: ['01KAAAAAAAAAAAAAAAAAAAAAAA'], total: 1 },
      description:
        'Anna Petrova deleted 1 event from the activity log: 01KAAAAAAAAAAAAAAAAAAAAAAA from 10.0.0.7',
    };
    expect(eventSentence(deleted, 'ru')).toBe(
      'Anna Petrova: удалено 1 событие из журнала действий (01KAAAAAAAAAAAAAAAAAAAAAAA), IP 10.0.0.7',
    );
    const exported: ActivityEvent = {
      ...deleted,
      action: 'activity.exported',
      kind: 'access',
      category: 'report',
      metadata: { format: 'csv', rows: 2, filters: 'kind:delete', completed: true },
      description: 'Anna Petrova exported 2 events as CSV (filters: kind:delete) from 10.0.0.7',
    };
    expect(eventSentence(exported, 'ru')).toBe(
      'Anna Petrova: экспорт 2 событий в CSV (фильтры: kind:delete), IP 10.0.0.7',
    );
  });

  it("keeps the app's own wording", () => {
    const custom = { ...base, description: 'Invoice sent by e-mail' };
    expect(eventSentence(custom, 'ru')).toBe('Invoice sent by e-mail');
  });

  it('shows a note by its text, as the store keeps it', () => {
    const note = {
      ...base,
      action: 'note.added',
      kind: 'note' as const,
      description: 'Anna Petrova added a note',
      metadata: { note: 'Called back about the party.' },
    };
    expect(eventSentence(note, 'ru')).toBe('Called back about the party.');
  });
});

describe('recordName', () => {
  it('names the activity log by the log’s title, even over an English label stored before', () => {
    expect(recordName({ type: 'activity_log', id: 'acme' }, 'Журнал событий')).toBe(
      'Журнал событий',
    );
    expect(recordName({ type: 'activity_log', id: 'acme', label: 'Activity log' }, 'Журнал')).toBe(
      'Журнал',
    );
    expect(recordName({ type: 'customer', id: '42', label: 'Bob Jones' }, 'Log')).toBe('Bob Jones');
    expect(recordName({ type: 'customer', id: '42' }, 'Log')).toBe('customer 42');
  });
});
