import { describe, expect, it } from 'vitest';
import { type DescribableEvent, describe as describeEvent } from './describe.ts';
import type { Actor } from './event.ts';
import { LOCALES } from './locale.ts';

const tom: Actor = { id: 'U-HARBOR-TOM', type: 'user', name: 'Tom Baker', role: 'staff' };
const anonymous: Actor = { id: 'anonymous', type: 'anonymous' };
const system: Actor = { id: 'system', type: 'system', name: 'System' };
const customer = { type: 'customer', id: 'C-EMMA0001', label: 'Emma Clarke' };
const log = { type: 'activity_log', id: 'harbor', label: 'Activity log' };

/**
 * Every action the kit records on its own (auth steps, notes, restores, bulk deletes, retention)
 * and every action the demo app seeds or records, in the shape they are stored.
 */
const EVERY_ACTION: DescribableEvent[] = [
  { action: 'auth.login', kind: 'login', actor: tom },
  {
    action: 'auth.login_failed',
    kind: 'login_failed',
    outcome: 'failure',
    actor: anonymous,
    metadata: { identifier: 'tom@harbor.test', reason: 'bad_password' },
  },
  { action: 'auth.logout', kind: 'logout', actor: tom },
  {
    action: 'auth.otp_requested',
    kind: 'other',
    actor: tom,
    metadata: { identifier: 'tom@harbor.test' },
  },
  { action: 'auth.otp_verified', kind: 'other', actor: tom },
  {
    action: 'auth.otp_failed',
    kind: 'login_failed',
    outcome: 'failure',
    actor: anonymous,
    metadata: { identifier: 'ivan@summit.test' },
  },
  { action: 'note.added', kind: 'note', actor: tom, subject: customer },
  { action: 'customer.created', kind: 'create', actor: tom, subject: customer },
  {
    action: 'customer.updated',
    kind: 'update',
    actor: tom,
    subject: customer,
    changes: [{ path: 'phone', before: '+44 1', after: '+44 2' }],
  },
  { action: 'customer.deleted', kind: 'delete', actor: tom, subject: customer },
  { action: 'customer.restored', kind: 'update', actor: tom, subject: customer },
  {
    action: 'dependent.created',
    kind: 'create',
    actor: tom,
    subject: { type: 'dependent', id: 'D-1', label: 'Rosie Clarke' },
  },
  {
    action: 'dependent.deleted',
    kind: 'delete',
    actor: tom,
    subject: { type: 'dependent', id: 'D-1', label: 'Rosie Clarke' },
  },
  {
    action: 'waiver.signed',
    kind: 'create',
    actor: tom,
    subject: { type: 'waiver', id: 'W-1', label: 'Waiver: Rosie Clarke' },
  },
  { action: 'order.created', kind: 'create', actor: tom, subject: { type: 'order', id: 'O-1' } },
  {
    action: 'order.status_changed',
    kind: 'update',
    actor: tom,
    subject: { type: 'order', id: 'O-1' },
    changes: [{ path: 'status', before: 'new', after: 'paid' }],
  },
  { action: 'order.deleted', kind: 'delete', actor: tom, subject: { type: 'order', id: 'O-1' } },
  {
    action: 'booking.created',
    kind: 'create',
    actor: tom,
    subject: { type: 'booking', id: 'B-1', label: 'Party room' },
  },
  {
    action: 'booking.rescheduled',
    kind: 'update',
    actor: tom,
    subject: { type: 'booking', id: 'B-1', label: 'Party room' },
    changes: [{ path: 'startsAt', before: '2026-11-01T10:00', after: '2026-11-02T10:00' }],
  },
  {
    action: 'booking.cancelled',
    kind: 'update',
    actor: tom,
    subject: { type: 'booking', id: 'B-1', label: 'Party room' },
    changes: [{ path: 'status', before: 'confirmed', after: 'cancelled' }],
  },
  {
    action: 'booking.status_changed',
    kind: 'update',
    actor: system,
    subject: { type: 'booking', id: 'B-1', label: 'Party room' },
    changes: [{ path: 'status', before: 'confirmed', after: 'checked_in' }],
  },
  { action: 'sale.created', kind: 'create', actor: tom, subject: { type: 'sale', id: 'S-1' } },
  {
    action: 'report.viewed',
    kind: 'access',
    actor: tom,
    subject: { type: 'report', id: 'daily-sales', label: 'Daily sales' },
  },
  {
    action: 'user.permissions_changed',
    kind: 'update',
    actor: tom,
    subject: { type: 'user', id: 'U-HARBOR-LUCY', label: 'Lucy Grant' },
    changes: [{ path: 'permissions', before: ['pos'], after: ['pos', 'refunds'] }],
  },
  {
    action: 'activity.bulk_deleted',
    kind: 'delete',
    actor: tom,
    subject: log,
    metadata: { ids: ['01KAAAAAAAAAAAAAAAAAAAAAAA', '01KBBBBBBBBBBBBBBBBBBBBBBB'], total: 2 },
  },
  {
    action: 'retention.swept',
    kind: 'delete',
    actor: system,
    subject: log,
    metadata: { deleted: 40, before: '2025-11-01T00:00:00.000Z', days: 365 },
  },
  {
    action: 'activity.bulk_deleted',
    kind: 'delete',
    actor: tom,
    subject: { type: 'activity_log', id: 'harbor' },
    metadata: {
      ids: ['01KAAAAAAAAAAAAAAAAAAAAAAA', '01KBBBBBBBBBBBBBBBBBBBBBBB'],
      total: 402,
      part: { from: 401, to: 402 },
    },
    context: { ip: '10.0.0.7' },
  },
  {
    action: 'activity.exported',
    kind: 'access',
    actor: tom,
    subject: log,
    metadata: { format: 'csv', count: 120 },
  },
  {
    action: 'activity.exported',
    kind: 'access',
    outcome: 'failure',
    actor: tom,
    subject: { type: 'activity_log', id: 'harbor' },
    metadata: { format: 'pdf', rows: 3, filters: 'kind:delete', completed: false },
    context: { ip: '10.0.0.7' },
  },
];

describe('describe: every action the kit and the demo record', () => {
  for (const event of EVERY_ACTION) {
    it.each(LOCALES)(`says ${event.action} in plain words (%s)`, (locale) => {
      const sentence = describeEvent(event, locale);
      expect(sentence).not.toContain(event.action);
      expect(sentence).not.toMatch(/\((an?|the) [^)]*record\)/);
      expect(sentence).not.toMatch(/действие «/);
      // No snake_case machine words, but for status values, which are the record's own data.
      const statuses = (event.changes ?? []).flatMap((change) => [change.before, change.after]);
      const words = sentence.match(/\b[a-z]+_[a-z]+\b/g) ?? [];
      expect(words.filter((word) => !statuses.includes(word))).toEqual([]);
      // Russian sentences use Russian words for the record, the log and the step.
      if (locale === 'ru') expect(sentence).not.toMatch(/activity log|otp|auth/i);
    });
  }
});

describe('describe: the kit’s own actions', () => {
  const say = (event: DescribableEvent) => LOCALES.map((locale) => describeEvent(event, locale));

  it('names the one-time code steps', () => {
    expect(say({ action: 'auth.otp_requested', kind: 'other', actor: tom })).toEqual([
      'Tom Baker was sent a one-time sign-in code',
      'Tom Baker: отправлен одноразовый код для входа',
    ]);
    expect(say({ action: 'auth.otp_verified', kind: 'other', actor: tom })).toEqual([
      'Tom Baker confirmed the sign-in with a one-time code',
      'Tom Baker: вход подтверждён одноразовым кодом',
    ]);
    expect(
      say({
        action: 'auth.otp_failed',
        kind: 'login_failed',
        outcome: 'failure',
        actor: anonymous,
        metadata: { identifier: 'ivan@summit.test' },
      }),
    ).toEqual([
      'Wrong one-time code for ivan@summit.test',
      'Неверный одноразовый код: ivan@summit.test',
    ]);
  });

  it('counts a bulk delete, names its first ids and the IP it came from', () => {
    const ids = Array.from({ length: 5 }, (_, i) => `01K${String(i).repeat(23)}`);
    const event: DescribableEvent = {
      action: 'activity.bulk_deleted',
      kind: 'delete',
      actor: tom,
      subject: log,
      metadata: { ids, total: 5 },
      context: { ip: '10.0.0.7' },
    };
    expect(say(event)).toEqual([
      `Tom Baker deleted 5 events from the activity log (${ids.slice(0, 3).join(', ')} and 2 more) from IP 10.0.0.7`,
      `Tom Baker: удалено 5 событий из журнала действий (${ids.slice(0, 3).join(', ')} и ещё 2), IP 10.0.0.7`,
    ]);
    expect(say({ ...event, metadata: { ids: ids.slice(0, 1), total: 401 }, context: {} })).toEqual([
      `Tom Baker deleted 1 of 401 events from the activity log (${ids[0]})`,
      `Tom Baker: удалено 1 из 401 события из журнала действий (${ids[0]})`,
    ]);
  });

  it('names the part of a bulk delete recorded in several parts', () => {
    const ids = Array.from({ length: 400 }, (_, i) => `01K${String(i).padStart(23, '0')}`);
    const event: DescribableEvent = {
      action: 'activity.bulk_deleted',
      kind: 'delete',
      actor: tom,
      metadata: { ids, total: 1000, part: { from: 401, to: 800 } },
      context: { ip: '10.0.0.7' },
    };
    const first = ids.slice(0, 3).join(', ');
    expect(say(event)).toEqual([
      `Tom Baker deleted events 401–800 of 1000 from the activity log (${first} and 397 more) from IP 10.0.0.7`,
      `Tom Baker: удалены события 401–800 из 1000 из журнала действий (${first} и ещё 397), IP 10.0.0.7`,
    ]);
    const last = {
      ...event,
      metadata: { ids: ids.slice(0, 1), total: 1000, part: { from: 1000, to: 1000 } },
    };
    expect(say({ ...last, context: {} })).toEqual([
      `Tom Baker deleted event 1000 of 1000 from the activity log (${ids[0]})`,
      `Tom Baker: удалено событие 1000 из 1000 из журнала действий (${ids[0]})`,
    ]);
  });

  it('says how an export chose its events, whether it stopped early, and the IP', () => {
    const exported = (
      metadata: Record<string, unknown>,
      more: Partial<DescribableEvent> = {},
    ): DescribableEvent => ({
      action: 'activity.exported',
      kind: 'access',
      actor: tom,
      metadata,
      context: { ip: '10.0.0.7' },
      ...more,
    });
    const ids = ['01KAAAAAAAAAAAAAAAAAAAAAAA', '01KBBBBBBBBBBBBBBBBBBBBBBB'];
    expect(
      say(exported({ format: 'pdf', rows: 2, selection: { count: 3, ids }, completed: true })),
    ).toEqual([
      'Tom Baker exported 2 events as PDF (a selection of 3) from IP 10.0.0.7',
      'Tom Baker: экспорт 2 событий в PDF (выборка из 3), IP 10.0.0.7',
    ]);
    expect(
      say(
        exported(
          { format: 'csv', rows: 1, filters: 'kind:create', completed: true },
          { context: {} },
        ),
      ),
    ).toEqual([
      'Tom Baker exported 1 event as CSV (filters: kind:create)',
      'Tom Baker: экспорт 1 события в CSV (фильтры: kind:create)',
    ]);
    expect(
      say(exported({ format: 'ndjson', rows: 3, completed: false }, { outcome: 'failure' })),
    ).toEqual([
      'Tom Baker exported 3 events as NDJSON — stopped before the end, from IP 10.0.0.7',
      'Tom Baker: экспорт 3 событий в NDJSON — не завершён, IP 10.0.0.7',
    ]);
    const long = `actor:${'x'.repeat(300)}`;
    const [en, ru] = say(exported({ format: 'csv', rows: 0, filters: long }, { context: {} }));
    expect(en).toBe(`Tom Baker exported 0 events as CSV (filters: ${long.slice(0, 199)}…)`);
    expect(ru).toBe(`Tom Baker: экспорт 0 событий в CSV (фильтры: ${long.slice(0, 199)}…)`);
  });

  it('says what retention removed, and what an export took', () => {
    expect(
      say({
        action: 'retention.swept',
        kind: 'delete',
        actor: system,
        subject: log,
        metadata: { deleted: 21, days: 30 },
      }),
    ).toEqual([
      'System removed 21 events older than 30 days from the activity log',
      'Система: удалено 21 событие старше 30 дней из журнала действий',
    ]);
    expect(
      say({ action: 'activity.exported', kind: 'access', actor: tom, metadata: { format: 'pdf' } }),
    ).toEqual([
      'Tom Baker exported the activity log as PDF',
      'Tom Baker: экспорт журнала действий в PDF',
    ]);
  });

  it('words unknown actions without their dotted name', () => {
    expect(say({ action: 'rocket.launch_aborted', actor: tom })).toEqual([
      'Tom Baker: rocket launch aborted',
      'Tom Baker: действие «rocket launch aborted»',
    ]);
  });
});
