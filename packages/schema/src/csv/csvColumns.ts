import { describe } from '../describe.ts';
import { actorName } from '../describeMessages.ts';
import type { ActivityEvent } from '../event.ts';
import type { Locale } from '../locale.ts';
import { formatCsvChanges } from './csvChanges.ts';
import { formatCsvTime } from './csvTime.ts';

/**
 * The built-in CSV columns, in their default order: id; time in the export's zone and in UTC (ISO
 * 8601); tenant; user (the actor's name), user id, role; action, kind, category, outcome; the
 * subject's type, id and label; description; IP, location, request id; and the changes.
 *
 * @example
 * ```ts
 * toCsvRow(event, { columns: CSV_COLUMNS.filter((column) => column !== 'changes') });
 * ```
 */
export const CSV_COLUMNS = [
  'id',
  'time',
  'timeIso',
  'tenant',
  'user',
  'userId',
  'role',
  'action',
  'kind',
  'category',
  'outcome',
  'subjectType',
  'subjectId',
  'subjectLabel',
  'description',
  'ip',
  'location',
  'requestId',
  'changes',
] as const;
/** One of {@link CSV_COLUMNS}. */
export type CsvColumnKey = (typeof CSV_COLUMNS)[number];

/** What a cell is computed with: the time zone and language of the export. */
export interface CsvCellContext {
  timeZone: string;
  locale: Locale;
}

/** A column of the app's own, e.g. a metadata field. */
export interface CustomCsvColumn {
  /** The header label, one text or one per language. */
  header: string | Record<Locale, string>;
  /** The cell; `undefined` and `null` give an empty cell, dates ISO 8601, objects JSON. */
  value: (event: ActivityEvent, context: CsvCellContext) => unknown;
}

/** A built-in column by key, or an app's own column. */
export type CsvColumn = CsvColumnKey | CustomCsvColumn;

const LABELS: Record<CsvColumnKey, Record<Locale, string>> = {
  id: { en: 'ID', ru: 'ID' },
  time: { en: 'Time', ru: 'Время' },
  timeIso: { en: 'Time (UTC, ISO 8601)', ru: 'Время (UTC, ISO 8601)' },
  tenant: { en: 'Tenant', ru: 'Организация' },
  user: { en: 'User', ru: 'Пользователь' },
  userId: { en: 'User ID', ru: 'ID пользователя' },
  role: { en: 'Role', ru: 'Роль' },
  action: { en: 'Action', ru: 'Действие' },
  kind: { en: 'Kind', ru: 'Тип' },
  category: { en: 'Category', ru: 'Категория' },
  outcome: { en: 'Outcome', ru: 'Результат' },
  subjectType: { en: 'Record type', ru: 'Тип записи' },
  subjectId: { en: 'Record ID', ru: 'ID записи' },
  subjectLabel: { en: 'Record', ru: 'Запись' },
  description: { en: 'Description', ru: 'Описание' },
  ip: { en: 'IP address', ru: 'IP-адрес' },
  location: { en: 'Location', ru: 'Место' },
  requestId: { en: 'Request ID', ru: 'ID запроса' },
  changes: { en: 'Changes', ru: 'Изменения' },
};

/**
 * The header label of a column; the zoned time column names its zone, `Time (Europe/Moscow)`.
 *
 * @example
 * ```ts
 * csvColumnLabel('time', { timeZone: 'Europe/Moscow', locale: 'ru' }); // 'Время (Europe/Moscow)'
 * csvColumnLabel('ip', { timeZone: 'UTC', locale: 'en' }); // 'IP address'
 * ```
 */
export function csvColumnLabel(column: CsvColumn, context: CsvCellContext): string {
  if (typeof column !== 'string') {
    return typeof column.header === 'string' ? column.header : column.header[context.locale];
  }
  const label = LABELS[column][context.locale];
  return column === 'time' ? `${label} (${context.timeZone})` : label;
}

type CellGetter = (event: ActivityEvent, context: CsvCellContext) => string;

/** How each built-in column reads an event. */
const GETTERS: Record<CsvColumnKey, CellGetter> = {
  id: (event) => event.id,
  time: (event, { timeZone }) => formatCsvTime(event.occurredAt, timeZone),
  timeIso: (event) =>
    Number.isNaN(event.occurredAt.getTime()) ? '' : event.occurredAt.toISOString(),
  tenant: (event) => event.tenantId,
  user: (event, { locale }) => actorName(event.actor, locale),
  userId: (event) => event.actor.id,
  role: (event) => event.actor.role ?? '',
  action: (event) => event.action,
  kind: (event) => event.kind,
  category: (event) => event.category,
  outcome: (event) => event.outcome,
  subjectType: (event) => event.subject?.type ?? '',
  subjectId: (event) => event.subject?.id ?? '',
  subjectLabel: (event) => event.subject?.label ?? '',
  description: (event, { locale }) => event.description ?? describe(event, locale),
  ip: (event) => event.context.ip ?? '',
  location: (event) => event.context.location ?? '',
  requestId: (event) => event.context.requestId ?? '',
  changes: (event, { locale }) => formatCsvChanges(event.changes, { locale }),
};

/**
 * How a column reads an event: the text of its cell, before CSV quoting. Look it up once per
 * export, not once per cell.
 *
 * @example
 * ```ts
 * const user = csvCellGetter('user');
 * user(event, { timeZone: 'UTC', locale: 'en' }); // 'Alice Smith'
 * ```
 */
export function csvCellGetter(column: CsvColumn): CellGetter {
  if (typeof column === 'string') return GETTERS[column];
  return (event, context) => cellText(column.value(event, context));
}

function cellText(value: unknown): string {
  if (value === undefined || value === null) return '';
  if (typeof value === 'string') return value;
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? '' : value.toISOString();
  if (typeof value === 'object') {
    try {
      return JSON.stringify(value) ?? '';
    } catch {
      return String(value);
    }
  }
  return String(value);
}
