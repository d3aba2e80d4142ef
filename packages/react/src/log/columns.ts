import type { LogMessageKey } from './messages.ts';

/**
 * The columns `<ActivityLog>` can show. The first seven are the table of seed 004 (ID, time, user,
 * action, description, IP, view); `category` and `location` are optional extras.
 */
export const ACTIVITY_LOG_COLUMN_IDS = [
  'id',
  'time',
  'user',
  'action',
  'description',
  'ip',
  'category',
  'location',
  'view',
] as const;

/** One of {@link ACTIVITY_LOG_COLUMN_IDS}. */
export type ActivityLogColumnId = (typeof ACTIVITY_LOG_COLUMN_IDS)[number];

/** How a column is laid out and labelled. */
export interface ActivityLogColumn {
  id: ActivityLogColumnId;
  /** Its CSS grid track, e.g. `8rem` or `minmax(16rem, 1fr)`. */
  width: string;
  /** The key of its header label in the log's strings. */
  label: LogMessageKey;
  /** Whether its header sorts the table (only `time`). */
  sortable?: boolean;
}

/**
 * Every column's definition, by id.
 *
 * @example
 * ```ts
 * ACTIVITY_LOG_COLUMNS.time.sortable; // true
 * ```
 */
export const ACTIVITY_LOG_COLUMNS: Readonly<Record<ActivityLogColumnId, ActivityLogColumn>> = {
  id: { id: 'id', width: '6.5rem', label: 'column.id' },
  time: { id: 'time', width: '16rem', label: 'column.time', sortable: true },
  user: { id: 'user', width: 'minmax(9rem, 12rem)', label: 'column.user' },
  action: { id: 'action', width: 'minmax(9rem, 12rem)', label: 'column.action' },
  description: { id: 'description', width: 'minmax(16rem, 1fr)', label: 'column.description' },
  ip: { id: 'ip', width: '8rem', label: 'column.ip' },
  category: { id: 'category', width: '9rem', label: 'column.category' },
  location: { id: 'location', width: '8rem', label: 'column.location' },
  view: { id: 'view', width: '3.5rem', label: 'column.view' },
};

/**
 * The columns shown by default, in order: seed 004's table.
 *
 * @example
 * ```tsx
 * <ActivityLog defaultColumns={[...DEFAULT_ACTIVITY_LOG_COLUMNS, 'location']} />
 * ```
 */
export const DEFAULT_ACTIVITY_LOG_COLUMNS: readonly ActivityLogColumnId[] = [
  'id',
  'time',
  'user',
  'action',
  'description',
  'ip',
  'view',
];

/** The width of the selection checkbox column, which is always first. */
export const SELECT_COLUMN_WIDTH = '2.75rem';

/** The CSS `grid-template-columns` of a row showing `columns` (after the checkbox column). */
export function gridTemplate(columns: readonly ActivityLogColumnId[]): string {
  return [SELECT_COLUMN_WIDTH, ...columns.map((id) => ACTIVITY_LOG_COLUMNS[id].width)].join(' ');
}

/** Known column ids only, each once, in the given order. */
export function normalizeColumns(columns: readonly string[]): ActivityLogColumnId[] {
  const seen = new Set<ActivityLogColumnId>();
  for (const id of columns) {
    if ((ACTIVITY_LOG_COLUMN_IDS as readonly string[]).includes(id)) {
      seen.add(id as ActivityLogColumnId);
    }
  }
  return [...seen];
}

/** `columns` with the column at `index` moved by `offset` places (clamped). */
export function moveColumn(
  columns: readonly ActivityLogColumnId[],
  move: { index: number; offset: number },
): ActivityLogColumnId[] {
  const target = Math.min(columns.length - 1, Math.max(0, move.index + move.offset));
  const next = [...columns];
  const [column] = next.splice(move.index, 1);
  if (column === undefined) return next;
  next.splice(target, 0, column);
  return next;
}
