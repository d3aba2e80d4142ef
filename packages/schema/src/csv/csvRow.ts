import { SchemaError } from '../errors.ts';
import type { ActivityEvent } from '../event.ts';
import type { Locale } from '../locale.ts';
import { isValidTimeZone } from '../period.ts';
import { CSV_COLUMNS, type CsvColumn, csvCellGetter, csvColumnLabel } from './csvColumns.ts';

/** Options of {@link csvHeader} and {@link toCsvRow}. */
export interface CsvRowOptions {
  /** The columns and their order. Defaults to {@link CSV_COLUMNS}. */
  columns?: readonly CsvColumn[];
  /** The IANA time zone of the `time` column. Defaults to `'UTC'`. */
  timeZone?: string;
  /** The language of header labels, of generated descriptions and of actor names. Defaults to `'en'`. */
  locale?: Locale;
}

/**
 * The header cells of a CSV export, in English or Russian; the `time` column names its zone.
 * Throws a `SchemaError` (`INVALID_TIME_ZONE`) for an unknown zone, so a bad export fails before
 * its first row.
 *
 * @example
 * ```ts
 * csvHeader({ columns: ['time', 'user', 'action'], timeZone: 'Europe/Moscow', locale: 'ru' });
 * // ['Время (Europe/Moscow)', 'Пользователь', 'Действие']
 * formatCsvLine(csvHeader()); // 'ID,Time (UTC),Time (UTC, ISO 8601),Tenant,User,…\r\n'
 * ```
 */
export function csvHeader(options: CsvRowOptions = {}): string[] {
  const { columns = CSV_COLUMNS, timeZone = 'UTC', locale = 'en' } = options;
  if (!isValidTimeZone(timeZone)) {
    throw new SchemaError(
      'INVALID_TIME_ZONE',
      `unknown time zone ${JSON.stringify(timeZone)}: use an IANA name like Europe/Moscow`,
    );
  }
  return columns.map((column) => csvColumnLabel(column, { timeZone, locale }));
}

/**
 * The cells of one event's CSV row, as plain text (not yet quoted nor guarded against formulas:
 * {@link formatCsvLine} does both). Times are shown in `timeZone` as `YYYY-MM-DD HH:mm:ss`, next to
 * the exact UTC instant in ISO 8601; `user` is the actor's name (or email, or `System`); `changes`
 * is `path: before → after; …`; a missing description is generated in `locale`.
 *
 * @example
 * ```ts
 * const cells = toCsvRow(event, { columns: ['time', 'user', 'changes'], timeZone: 'Europe/Moscow' });
 * // ['2026-11-23 14:05:09', 'Alice Smith', 'status: new → paid']
 * const csv = formatCsvLine(csvHeader()) + events.map((e) => formatCsvLine(toCsvRow(e))).join('');
 * ```
 */
export function toCsvRow(event: ActivityEvent, options: CsvRowOptions = {}): string[] {
  const { columns = CSV_COLUMNS, timeZone = 'UTC', locale = 'en' } = options;
  const context = { timeZone, locale };
  const getters = gettersOf(columns);
  const cells: string[] = [];
  for (const getter of getters) cells.push(getter(event, context));
  return cells;
}

/** The getters of a column list, kept for as long as the list lives (an export's rows share one). */
const gettersByColumns = new WeakMap<readonly CsvColumn[], ReturnType<typeof csvCellGetter>[]>();

function gettersOf(columns: readonly CsvColumn[]): ReturnType<typeof csvCellGetter>[] {
  let getters = gettersByColumns.get(columns);
  if (!getters) {
    getters = columns.map(csvCellGetter);
    gettersByColumns.set(columns, getters);
  }
  return getters;
}
