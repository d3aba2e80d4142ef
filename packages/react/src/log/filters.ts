import type { ActivityFilter, ActivityQueryInput, SortDirection } from '@activitykit/schema';

/**
 * What `<ActivityLog>` filters by: a query without its paging fields. `preset` wins over
 * `from` / `to`; `q` is the one-line search syntax, ANDed with the rest.
 */
export type ActivityLogFilters = ActivityFilter & {
  /** Search syntax, e.g. `actor:alice kind:delete "refund"`. */
  q?: string | undefined;
};

/** The list fields of {@link ActivityLogFilters}. */
export type ActivityLogListFilter = {
  [K in keyof ActivityLogFilters]-?: NonNullable<ActivityLogFilters[K]> extends readonly unknown[]
    ? K
    : never;
}[keyof ActivityLogFilters];

/** Options of {@link buildLogQuery}. */
export interface BuildLogQueryOptions {
  sort: SortDirection;
  /** The viewer's IANA time zone, for presets and dates without a time. */
  timeZone: string;
  /** Page size. */
  limit: number;
}

/** `filters` without empty lists, blank strings and `undefined` fields. */
export function compactFilters(filters: ActivityLogFilters): ActivityLogFilters {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(filters)) {
    if (value === undefined || value === null) continue;
    if (Array.isArray(value) && value.length === 0) continue;
    if (typeof value === 'string' && value.trim() === '') continue;
    out[key] = value;
  }
  return out as ActivityLogFilters;
}

/** Whether no filter is set. */
export function isEmptyFilters(filters: ActivityLogFilters): boolean {
  return Object.keys(compactFilters(filters)).length === 0;
}

/**
 * The query a list of the log asks its source for: the compacted filters, the sort, the page size
 * and the viewer's time zone (so presets follow the viewer's calendar days).
 */
export function buildLogQuery(
  filters: ActivityLogFilters,
  options: BuildLogQueryOptions,
): ActivityQueryInput {
  const compact = compactFilters(filters);
  const query: ActivityQueryInput = { ...compact, sort: options.sort, limit: options.limit };
  if (query.timeZone === undefined) query.timeZone = options.timeZone;
  return query;
}

/** `filters` with `key` set to `value`, or removed when `value` is empty. */
export function setFilter<K extends keyof ActivityLogFilters>(
  filters: ActivityLogFilters,
  entry: { key: K; value: ActivityLogFilters[K] },
): ActivityLogFilters {
  return compactFilters({ ...filters, [entry.key]: entry.value });
}
