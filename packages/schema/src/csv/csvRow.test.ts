import { describe, expect, it } from 'vitest';
import { describe as describeEvent } from '../describe.ts';
import { MORE_CHANGES_PATH } from '../diff.ts';
import { SchemaError } from '../errors.ts';
import type { ActivityEvent } from '../event.ts';
import { formatCsvChanges } from './csvChanges.ts';
import { CSV_COLUMNS } from './csvColumns.ts';
import { formatCsvLine } from './csvLine.ts';
import { csvHeader, toCsvRow } from './csvRow.ts';

const event: ActivityEvent = {
  id: '01KAQ5Z7W6N4B2J1M0C9X8V7T6',
  tenantId: 'acme',
  occurredAt: new Date('2026-11-23T11:05:09.120Z'),
  action: 'order.status_changed',
  kind: 'update',
  category: 'order',
  outcome: 'success',
  actor: { id: 'u-alice', type: 'user', role: 'admin', name: 'Alice Smith' },
  subject: { type: 'order', id: '42', label: 'Order #42' },
  refs: [{ type: 'order', id: '42' }],
  changes: [
    { path: 'status', before: 'new', after: 'paid' },
    { path: 'paidAt', before: undefined, after: new Date('2026-11-23T11:05:00Z') },
    { path: 'token', redacted: true },
  ],
  description: 'Alice Smith changed the status of order #42 from new to paid',
  context: { ip: '10.0.0.7', location: 'north', requestId: 'req-1' },
};

describe('toCsvRow', () => {
  it('gives every default column of an event, time in the zone and in UTC', () => {
    const cells = toCsvRow(event, { timeZone: 'Europe/Moscow' });
    expect(Object.fromEntries(CSV_COLUMNS.map((column, i) => [column, cells[i]]))).toEqual({
      id: '01KAQ5Z7W6N4B2J1M0C9X8V7T6',
      time: '2026-11-23 14:05:09',
      timeIso: '2026-11-23T11:05:09.120Z',
      tenant: 'acme',
      user: 'Alice Smith',
      userId: 'u-alice',
      role: 'admin',
      action: 'order.status_changed',
      kind: 'update',
      category: 'order',
      outcome: 'success',
      subjectType: 'order',
      subjectId: '42',
      subjectLabel: 'Order #42',
      description: 'Alice Smith changed the status of order #42 from new to paid',
      ip: '10.0.0.7',
      location: 'north',
      requestId: 'req-1',
      changes: 'status: new → paid; paidAt: ∅ → 2026-11-23T11:05:00.000Z; token: [redacted]',
    });
  });

  it('keeps the chosen columns in the chosen order, custom ones included', () => {
    const amount = { header: { en: 'Amount', ru: 'Сумма' }, value: () => 12.5 };
    const meta = { header: 'Meta', value: () => ({ a: [1, 2] }) };
    expect(toCsvRow(event, { columns: ['ip', amount, 'user', meta] })).toEqual([
      '10.0.0.7',
      '12.5',
      'Alice Smith',
      '{"a":[1,2]}',
    ]);
  });

  it('names the system and generates a missing description in the export language', () => {
    const { description: _, ...bare } = event;
    const systemEvent: ActivityEvent = { ...bare, actor: { id: 'system', type: 'system' } };
    const columns = ['user', 'description'] as const;
    const [user, description] = toCsvRow(systemEvent, { columns, locale: 'ru' });
    expect(user).toBe('Система');
    expect(description).toBe(describeEvent(systemEvent, 'ru'));
    expect(description).toMatch(/^Система: .*«Order #42»/);
    expect(toCsvRow(systemEvent, { columns, locale: 'en' })[0]).toBe('System');
  });

  it('leaves cells empty for what an event does not have', () => {
    const minimal: ActivityEvent = {
      ...event,
      actor: { id: 'anon', type: 'anonymous' },
      subject: undefined,
      changes: undefined,
      context: {},
    };
    const columns = ['role', 'subjectType', 'subjectId', 'subjectLabel', 'ip', 'changes'] as const;
    expect(toCsvRow(minimal, { columns })).toEqual(['', '', '', '', '', '']);
  });
});

describe('csvHeader', () => {
  it('labels columns in English and names the time zone', () => {
    expect(formatCsvLine(csvHeader({ timeZone: 'Europe/Moscow' }))).toBe(
      'ID,Time (Europe/Moscow),"Time (UTC, ISO 8601)",Tenant,User,User ID,Role,Action,Kind,' +
        'Category,Outcome,Record type,Record ID,Record,Description,IP address,Location,' +
        'Request ID,Changes\r\n',
    );
  });

  it('labels columns in Russian', () => {
    const amount = { header: { en: 'Amount', ru: 'Сумма' }, value: () => 1 };
    expect(csvHeader({ columns: ['time', 'user', 'ip', 'changes', amount], locale: 'ru' })).toEqual(
      ['Время (UTC)', 'Пользователь', 'IP-адрес', 'Изменения', 'Сумма'],
    );
  });

  it('rejects an unknown time zone before the first row', () => {
    expect(() => csvHeader({ timeZone: 'Nowhere/Land' })).toThrow(SchemaError);
  });
});

describe('formatCsvChanges', () => {
  it('shows nulls, numbers, objects and the note of a capped diff', () => {
    const changes = [
      { path: 'qty', before: 1, after: 2 },
      { path: 'note', before: 'x', after: null },
      { path: 'address', before: { city: 'Oslo' }, after: { city: 'Bergen' } },
      { path: MORE_CHANGES_PATH, after: 7 },
    ];
    expect(formatCsvChanges(changes)).toBe(
      'qty: 1 → 2; note: x → null; address: {"city":"Oslo"} → {"city":"Bergen"}; (+7 more)',
    );
    expect(formatCsvChanges(changes, { locale: 'ru' })).toMatch(/; \(ещё 7\)$/);
  });

  it('cuts long values and long lists', () => {
    const long = 'й'.repeat(500);
    expect(formatCsvChanges([{ path: 'bio', before: long, after: '' }])).toBe(
      `bio: ${'й'.repeat(119)}… → `,
    );
    const many = Array.from({ length: 300 }, (_, i) => ({
      path: `f${i}`,
      before: i,
      after: i + 1,
    }));
    const text = formatCsvChanges(many, { maxLength: 100 });
    expect(text).toHaveLength(100);
    expect(text.endsWith('…')).toBe(true);
  });

  it('never splits an emoji when cutting', () => {
    const text = formatCsvChanges([{ path: 'x', before: '😀'.repeat(10), after: 1 }], {
      maxValueLength: 4,
    });
    expect(text).toBe('x: 😀… → 1');
  });
});
