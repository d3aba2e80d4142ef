import { type ActivityEvent, CSV_COLUMNS, toCsvRow } from '@activitykit/schema';
import { createTestDb } from '@activitykit/test-utils';
import { parse } from 'csv-parse/sync';
import { beforeAll, describe, expect, it } from 'vitest';
import { ActivityError } from '../errors.ts';
import { createTestStore } from '../test/storeFixture.ts';
import { exportCsv } from './exportCsv.ts';
import {
  CYRILLIC_DESCRIPTION,
  FORMULA_LABEL,
  LONG_DESCRIPTION,
  readBytes,
  recordExportEvents,
  replay,
} from './exportFixture.ts';

const testDb = await createTestDb('export_csv');
const { store } = await createTestStore(testDb);

let events: ActivityEvent[] = [];
beforeAll(async () => {
  events = await recordExportEvents(store, 600);
});

/** Parses strictly: CRLF records only, every record as wide as the header. */
function parseCsv(bytes: Buffer): string[][] {
  return parse(bytes, { bom: true, record_delimiter: ['\r\n'], relax_quotes: false });
}

const column = (name: (typeof CSV_COLUMNS)[number]) => CSV_COLUMNS.indexOf(name);
const rowOf = (rows: string[][], event: ActivityEvent | undefined) =>
  rows.find((row) => row[column('id')] === event?.id);

describe('exportCsv', () => {
  it('round-trips every stored event through a real CSV parser', async () => {
    const bytes = await readBytes(exportCsv(replay(events), { timeZone: 'Europe/Moscow' }));
    const [header, ...rows] = parseCsv(bytes);
    expect(header?.[column('time')]).toBe('Time (Europe/Moscow)');
    expect(rows).toHaveLength(events.length);
    expect(rows.map((row) => row[column('id')])).toEqual(events.map((event) => event.id));
    // Cells come back exactly as toCsvRow made them, except for neutralised formulas.
    const safe = rows.filter((row) => !row.some((cell) => cell.startsWith("'")));
    expect(safe.length).toBe(events.length - 1);
    for (const row of safe) {
      const event = events.find((e) => e.id === row[column('id')]) as ActivityEvent;
      expect(row).toEqual(toCsvRow(event, { timeZone: 'Europe/Moscow' }));
    }
  });

  it('keeps commas, quotes, newlines and Cyrillic intact', async () => {
    const rows = parseCsv(await readBytes(exportCsv(replay(events))));
    const byAction = (action: string) => events.find((event) => event.action === action);
    expect(rowOf(rows, byAction('customer.created'))?.[column('subjectLabel')]).toBe(
      'Smith, Bob "The Builder"',
    );
    expect(rowOf(rows, byAction('customer.note_added'))?.[column('description')]).toBe(
      'Called back.\nSays: "refund, please" — twice',
    );
    const deleted = rowOf(rows, byAction('order.deleted'));
    expect(deleted?.[column('description')]).toBe(CYRILLIC_DESCRIPTION);
    expect(deleted?.[column('subjectLabel')]).toBe('Иванов, Пётр');
    expect(deleted?.[column('user')]).toBe('Алиса Смирнова');
    expect(deleted?.[column('location')]).toBe('юг');
    expect(rowOf(rows, byAction('waiver.signed'))?.[column('description')]).toBe(LONG_DESCRIPTION);
  });

  it('neutralises formula-like cells but keeps plain negative numbers', async () => {
    const rows = parseCsv(await readBytes(exportCsv(replay(events))));
    const row = rowOf(
      rows,
      events.find((event) => event.action === 'order.status_changed'),
    );
    expect(row?.[column('subjectLabel')]).toBe(`'${FORMULA_LABEL}`);
    expect(row?.[column('user')]).toBe("'+1");
    expect(row?.[column('description')]).toBe("'@SUM(A1:A9)");
    expect(row?.[column('requestId')]).toBe("'-2+3");
    expect(row?.[column('role')]).toBe('-5');
    expect(row?.[column('subjectId')]).toBe('-7');
    expect(row?.[column('changes')]).toBe('status: new → paid');
  });

  it('writes RFC 4180 bytes: CRLF records, quoted fields, doubled quotes', async () => {
    const event = events.find((e) => e.action === 'customer.note_added');
    const text = (
      await readBytes(
        exportCsv(replay(event ? [event] : []), {
          columns: ['action', 'description', 'ip'],
          bom: false,
        }),
      )
    ).toString('utf8');
    expect(text).toBe(
      'Action,Description,IP address\r\n' +
        'customer.note_added,"Called back.\nSays: ""refund, please"" — twice",2001:db8::7\r\n',
    );
  });

  it('starts with a UTF-8 BOM by default, and not when bom is false', async () => {
    const withBom = await readBytes(exportCsv(replay(events.slice(0, 1))));
    expect([...withBom.subarray(0, 5)]).toEqual([0xef, 0xbb, 0xbf, 0x49, 0x44]); // BOM, "ID"
    const without = await readBytes(exportCsv(replay(events.slice(0, 1)), { bom: false }));
    expect(without.subarray(0, 2).toString('latin1')).toBe('ID');
    expect(without.equals(withBom.subarray(3))).toBe(true);
  });

  it('labels the header in Russian and shows times in the zone', async () => {
    const bytes = await readBytes(
      exportCsv(replay(events.slice(-1)), {
        columns: ['time', 'timeIso', 'user', 'action', 'description', 'ip'],
        timeZone: 'Europe/Moscow',
        locale: 'ru',
        bom: false,
      }),
    );
    const [header, row] = parseCsv(bytes);
    expect(header).toEqual([
      'Время (Europe/Moscow)',
      'Время (UTC, ISO 8601)',
      'Пользователь',
      'Действие',
      'Описание',
      'IP-адрес',
    ]);
    expect(row?.slice(0, 4)).toEqual([
      '2026-11-23 14:00:09',
      '2026-11-23T11:00:09.000Z',
      'Alice Smith',
      'customer.created',
    ]);
  });

  it('gives just the header for no events', async () => {
    const text = (await readBytes(exportCsv(replay([]), { bom: false }))).toString('utf8');
    expect(text.split('\r\n')).toHaveLength(2);
    expect(text.endsWith('Changes\r\n')).toBe(true);
  });

  it('refuses an unknown time zone before producing a byte', () => {
    expect(() => exportCsv(replay(events), { timeZone: 'Mars/Base' })).toThrowError(
      expect.objectContaining({ code: 'INVALID_QUERY' }),
    );
    expect(() => exportCsv(replay(events), { timeZone: 'Mars/Base' })).toThrow(ActivityError);
  });
});
