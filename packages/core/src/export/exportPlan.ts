import {
  type ActivityQueryInput,
  activityQuerySchema,
  type Locale,
  printSearch,
} from '@activitykit/schema';

/** What an export reads, and how its file describes what it holds (see {@link planExport}). */
export interface ExportPlan {
  /** The query to stream: the filters, or a selection's ids in the query's sort. */
  read: ActivityQueryInput;
  /** The filters in the search syntax, for the PDF's header and the export's audit event. */
  filters?: string;
  /** How many events a selection names: the PDF says "Selection: N selected events". */
  selection?: number;
}

/**
 * What an export of `query` reads and how its file describes it, the same for every adapter: a
 * selection (`ids`) is exactly its ids in the query's sort — ids outside the scope find nothing —
 * and the file names how many; otherwise the query's filters, written in the search syntax.
 *
 * @example
 * ```ts
 * planExport({ kinds: ['delete'], after: '2026-11-01' });
 * // { read: { kinds: ['delete'], … }, filters: 'kind:delete after:2026-11-01' }
 * planExport({ ids: [a, b, c], sort: 'asc' }); // { read: { ids: [a, b, c], sort: 'asc' }, selection: 3 }
 * ```
 */
export function planExport(query: ActivityQueryInput): ExportPlan {
  const { cursor: _cursor, limit: _limit, ...rest } = query;
  if (rest.ids) {
    const read: ActivityQueryInput = { ids: rest.ids };
    if (rest.sort !== undefined) read.sort = rest.sort;
    if (rest.timeZone !== undefined) read.timeZone = rest.timeZone;
    return { read, selection: rest.ids.length };
  }
  return { read: rest, filters: exportFilters(rest) };
}

/** A query's filters in the search syntax (`kind:delete after:2026-11-01 "refund"`). */
export function exportFilters(query: ActivityQueryInput): string {
  const parsed = activityQuerySchema.safeParse(query);
  if (!parsed.success) return query.q ?? '';
  const { q, sort: _sort, cursor: _cursor, limit: _limit, ids: _ids, ...filter } = parsed.data;
  return [printSearch(filter), q].filter(Boolean).join(' ');
}

/** The title of an exported PDF in the reader's language. */
export function exportTitle(locale: Locale | undefined): string {
  return locale === 'ru' ? 'Журнал действий' : 'Activity log';
}
