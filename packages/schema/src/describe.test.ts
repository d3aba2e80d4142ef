import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createActionRegistry } from './actions.ts';
import { createCategoryRegistry } from './categories.ts';
import { type DescribableEvent, describe as describeEvent } from './describe.ts';
import { diff, MORE_CHANGES_PATH } from './diff.ts';
import type { Actor, Change } from './event.ts';
import { formatCount, type Locale } from './locale.ts';

const alice: Actor = { id: 'u1', type: 'user', name: 'Alice Smith' };
const alisa: Actor = { id: 'u1', type: 'user', name: 'Алиса Смирнова' };
const system: Actor = { id: 'system', type: 'system' };
const fields = (n: number): Change[] =>
  Array.from({ length: n }, (_, i) => ({ path: `f${i}`, before: i, after: i + 1 }));
const both = (event: DescribableEvent, en: string, ru: string) => {
  expect(describeEvent(event, 'en')).toBe(en);
  expect(
    describeEvent({ ...event, actor: event.actor === alice ? alisa : event.actor }, 'ru'),
  ).toBe(ru);
};

describe('formatCount', () => {
  const forms = { one: 'поле', few: 'поля', many: 'полей', other: 'поля' };
  it.each([
    [1, '1 поле'],
    [2, '2 поля'],
    [5, '5 полей'],
    [11, '11 полей'],
    [21, '21 поле'],
    [22, '22 поля'],
    [25, '25 полей'],
    [101, '101 поле'],
    [111, '111 полей'],
  ])('says %i in Russian as %s', (count, text) => {
    expect(formatCount(count, forms, 'ru')).toBe(text);
  });

  it('uses English one/other', () => {
    expect(formatCount(1, { one: 'field', other: 'fields' }, 'en')).toBe('1 field');
    expect(formatCount(0, { one: 'field', other: 'fields' }, 'en')).toBe('0 fields');
    expect(formatCount(21, { one: 'field', other: 'fields' }, 'en')).toBe('21 fields');
  });
});

describe('describe', () => {
  it('describes a created record', () => {
    both(
      {
        action: 'customer.created',
        actor: alice,
        subject: { type: 'customer', id: '7', label: 'Bob Jones' },
      },
      'Alice Smith created customer “Bob Jones”',
      'Алиса Смирнова: создана запись — клиент «Bob Jones»',
    );
  });

  it('counts changed fields with correct plurals in both languages', () => {
    const order = { type: 'order', id: '42' };
    const cases: [number, string, string][] = [
      [5, '5 fields', '5 полей'],
      [11, '11 fields', '11 полей'],
      [21, '21 fields', '21 поле'],
      [22, '22 fields', '22 поля'],
      [101, '101 fields', '101 поле'],
    ];
    for (const [n, en, ru] of cases) {
      const event = { action: 'order.updated', actor: alice, subject: order, changes: fields(n) };
      expect(describeEvent(event, 'en')).toBe(`Alice Smith changed ${en} of order #42`);
      expect(describeEvent({ ...event, actor: alisa }, 'ru')).toBe(
        `Алиса Смирнова: изменено ${ru} — заказ №42`,
      );
    }
  });

  it('names up to three changed fields', () => {
    both(
      {
        action: 'customer.updated',
        actor: alice,
        subject: { type: 'customer', id: '7' },
        changes: [{ path: 'email' }, { path: 'phone' }],
      },
      'Alice Smith changed 2 fields (email, phone) of customer #7',
      'Алиса Смирнова: изменено 2 поля (email, phone) — клиент №7',
    );
  });

  it('counts the changes a capped diff left out', () => {
    const changes = diff(
      Object.fromEntries(Array.from({ length: 30 }, (_, i) => [`f${i}`, 0])),
      Object.fromEntries(Array.from({ length: 30 }, (_, i) => [`f${i}`, 1])),
      { maxChanges: 10 },
    );
    expect(changes.at(-1)?.path).toBe(MORE_CHANGES_PATH);
    const event = {
      action: 'order.updated',
      actor: alice,
      subject: { type: 'order', id: '1' },
      changes,
    };
    expect(describeEvent(event, 'en')).toBe('Alice Smith changed 30 fields of order #1');
  });

  it('describes a status change', () => {
    both(
      {
        action: 'order.status_changed',
        actor: alice,
        subject: { type: 'order', id: '42' },
        changes: [{ path: 'status', before: 'new', after: 'paid' }],
      },
      'Alice Smith changed the status of order #42 from new to paid',
      'Алиса Смирнова: статус изменён с «new» на «paid» — заказ №42',
    );
  });

  it('describes a status set for the first time, and a lone status change', () => {
    both(
      {
        action: 'order.updated',
        actor: alice,
        subject: { type: 'order', id: '42' },
        changes: [{ path: 'status', after: 'new' }],
      },
      'Alice Smith set the status of order #42 to new',
      'Алиса Смирнова: установлен статус «new» — заказ №42',
    );
  });

  it('describes a note on the note itself and an update without changes', () => {
    both(
      {
        action: 'note.added',
        actor: alice,
        subject: { type: 'note', id: 'n1', label: 'Call back' },
      },
      'Alice Smith added a note “Call back”',
      'Алиса Смирнова: добавлена заметка «Call back»',
    );
    both(
      { action: 'customer.updated', actor: alice, subject: { type: 'customer', id: '7' } },
      'Alice Smith updated customer #7',
      'Алиса Смирнова: изменена запись — клиент №7',
    );
  });

  it('uses the action verb when it says more than "updated"', () => {
    both(
      { action: 'booking.cancelled', actor: alice, subject: { type: 'booking', id: '5' } },
      'Alice Smith cancelled booking #5',
      'Алиса Смирнова: отмена — бронирование №5',
    );
  });

  it('describes deletes, by the system too', () => {
    both(
      { action: 'waiver.deleted', actor: system, subject: { type: 'waiver', id: '9' } },
      'System deleted waiver #9',
      'Система: удалена запись — отказ от претензий №9',
    );
    expect(
      describeEvent(
        { action: 'order.updated', actor: { ...system, name: 'nightly sync' }, changes: fields(3) },
        'en',
      ),
    ).toBe('System (nightly sync) changed 3 fields (f0, f1, f2) of an order record');
  });

  it('describes logins, logouts and failed logins', () => {
    both(
      { action: 'auth.login', actor: alice },
      'Alice Smith signed in',
      'Алиса Смирнова: вход в систему',
    );
    both(
      { action: 'auth.logout', actor: alice },
      'Alice Smith signed out',
      'Алиса Смирнова: выход из системы',
    );
    const failed: DescribableEvent = {
      action: 'auth.login_failed',
      actor: { id: 'anonymous', type: 'anonymous' },
      outcome: 'failure',
      metadata: { identifier: 'alice@example.com' },
    };
    both(
      failed,
      'Failed login for alice@example.com',
      'Неудачная попытка входа: alice@example.com',
    );
    expect(describeEvent({ ...failed, metadata: {} }, 'en')).toBe('Failed login');
  });

  it('says a label was added to a customer, not that the customer was added', () => {
    const customer = { type: 'customer', id: '42', label: 'Olivia Martin' };
    const label = {
      action: 'profile_label.added',
      kind: 'create',
      actor: alice,
      subject: customer,
    } as const;
    expect(describeEvent(label, 'en')).toBe(
      'Alice Smith added a profile label to customer “Olivia Martin”',
    );
    expect(describeEvent({ ...label, action: 'profile_label.removed', kind: 'delete' }, 'en')).toBe(
      'Alice Smith removed a profile label from customer “Olivia Martin”',
    );
    // The subject's own type (or its plural) still names the subject.
    expect(describeEvent({ ...label, action: 'customers.added' }, 'en')).toBe(
      'Alice Smith added customer “Olivia Martin”',
    );
  });

  it('describes notes and reads', () => {
    both(
      { action: 'note.added', actor: alice, subject: { type: 'customer', id: '7', label: 'Bob' } },
      'Alice Smith added a note to customer “Bob”',
      'Алиса Смирнова: добавлена заметка — клиент «Bob»',
    );
    both(
      {
        action: 'report.exported',
        actor: alice,
        subject: { type: 'report', id: 's', label: 'Sales' },
      },
      'Alice Smith exported report “Sales”',
      'Алиса Смирнова: экспорт — отчёт «Sales»',
    );
  });

  it('humanises unknown actions and marks failures', () => {
    both(
      { action: 'rocket.launch_aborted', actor: alice, subject: { type: 'rocket', id: '1' } },
      'Alice Smith: launch aborted (rocket #1)',
      'Алиса Смирнова: действие «launch aborted» — rocket №1',
    );
    both(
      {
        action: 'customer.deleted',
        actor: alice,
        subject: { type: 'customer', id: '7' },
        outcome: 'failure',
      },
      'Alice Smith deleted customer #7 (failed)',
      'Алиса Смирнова: удалена запись — клиент №7 (не выполнено)',
    );
  });

  it('names actors without a name by email, type and id', () => {
    const event = (actor: Actor) => describeEvent({ action: 'auth.login', actor }, 'en');
    expect(event({ id: '3', type: 'user', email: 'bo@x.io' })).toBe('bo@x.io signed in');
    expect(event({ id: '3', type: 'user' })).toBe('User 3 signed in');
    expect(event({ id: 'k1', type: 'api_key' })).toBe('API key k1 signed in');
  });

  it('renders registry templates with placeholders', () => {
    const registry = createActionRegistry().define('order.refunded', {
      metadata: z.object({ amount: z.number() }),
      describe: { en: '{actor} refunded {metadata.amount} on {subject} ({metadata.missing})' },
    });
    const event = {
      action: 'order.refunded',
      actor: alice,
      subject: { type: 'order', id: '42' },
      metadata: { amount: 12.5 },
    };
    expect(describeEvent(event, 'en', { registry })).toBe(
      'Alice Smith refunded 12.5 on order #42 ({metadata.missing})',
    );
    expect(describeEvent({ ...event, actor: alisa }, 'ru', { registry })).toBe(
      'Алиса Смирнова: возврат — заказ №42',
    );
  });

  it('takes subject nouns from app categories', () => {
    const categories = createCategoryRegistry({
      extra: [
        {
          id: 'gift_cards',
          label: { en: 'Gift cards', ru: 'Подарочные карты' },
          icon: 'gift',
          nouns: { gift_card: { ru: 'подарочная карта' } },
        },
      ],
    });
    const event = {
      action: 'gift_card.created',
      actor: alisa,
      subject: { type: 'gift_card', id: 'G1' },
    };
    const say = (locale: Locale) => describeEvent(event, locale, { categories });
    expect(say('ru')).toBe('Алиса Смирнова: создана запись — подарочная карта №G1');
    expect(say('en')).toBe('Алиса Смирнова created gift card #G1');
  });
});

describe('describe a write that changed many records', () => {
  const admin = { id: 'u1', type: 'user', name: 'Ada Admin' } as const;

  it('counts the records of a bulk update or delete in both languages', () => {
    const updated = { action: 'customer.bulk_updated', actor: admin, metadata: { count: 51 } };
    expect(describeEvent(updated, 'en')).toBe('Ada Admin updated 51 customer records');
    expect(describeEvent(updated, 'ru')).toBe('Ada Admin: массовое изменение, 51 запись — клиент');
    const deleted = { action: 'order.bulk_deleted', actor: admin, metadata: { count: 3 } };
    expect(describeEvent(deleted, 'en')).toBe('Ada Admin deleted 3 order records');
    expect(describeEvent({ ...deleted, metadata: { count: 1 } }, 'en')).toBe(
      'Ada Admin deleted 1 order record',
    );
    expect(describeEvent(deleted, 'ru')).toBe('Ada Admin: массовое удаление, 3 записи — заказ');
  });

  it('falls back to the generic sentence without a usable count', () => {
    const event = { action: 'customer.bulk_updated', actor: admin, metadata: { count: '51' } };
    expect(describeEvent(event, 'en')).toBe('Ada Admin updated a customer record');
  });
});
