import {
  type ActivityEvent,
  type ActivityFilter,
  type ActivityPage,
  type ActivityQuery,
  type ActivityQueryInput,
  activityQuerySchema,
  parseSearch,
  SchemaError,
} from '@activitykit/schema';
import { ActivitySourceError } from '../source.ts';

/** A validated query, with its search string parsed. */
export interface CompiledQuery {
  query: ActivityQuery;
  /** The fields, then the parsed `q` (ANDed). */
  filters: ActivityFilter[];
}

/** Validates a query as the server would and parses its search syntax. */
export function compileQuery(input: ActivityQueryInput): CompiledQuery {
  const parsed = activityQuerySchema.safeParse(input);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new ActivitySourceError(
      'INVALID_INPUT',
      `Invalid query${issue ? ` at "${issue.path.join('.')}": ${issue.message}` : ''}.`,
      { status: 400, serverCode: 'INVALID_QUERY', cause: parsed.error },
    );
  }
  const query = parsed.data;
  const filters: ActivityFilter[] = [query];
  if (query.q?.trim()) {
    try {
      filters.push(parseSearch(query.q, { timeZone: query.timeZone ?? 'UTC' }));
    } catch (error) {
      if (error instanceof SchemaError) {
        throw new ActivitySourceError('INVALID_INPUT', error.message, {
          status: 400,
          serverCode: error.code,
          cause: error,
          ...(error.position === undefined ? {} : { position: error.position }),
          ...(error.length === undefined ? {} : { length: error.length }),
          ...(error.search === undefined ? {} : { search: error.search }),
        });
      }
      throw error;
    }
  }
  return { query, filters };
}

/** Newest first: by time, then id. */
export function compareDesc(a: ActivityEvent, b: ActivityEvent): number {
  const byTime = b.occurredAt.getTime() - a.occurredAt.getTime();
  return byTime !== 0 ? byTime : a.id < b.id ? 1 : a.id > b.id ? -1 : 0;
}

/** A cursor: the time and id of the last row of a page. */
export function encodeCursor(event: ActivityEvent): string {
  return `${event.occurredAt.getTime()}_${event.id}`;
}

/** Reads a cursor made by {@link encodeCursor}. */
export function decodeCursor(cursor: string): { time: number; id: string } {
  const match = /^(\d+)_(\S+)$/.exec(cursor);
  if (!match) {
    throw new ActivitySourceError(
      'INVALID_INPUT',
      'This cursor is not one this source made; start again from the first page.',
      { status: 400, serverCode: 'INVALID_CURSOR' },
    );
  }
  return { time: Number(match[1]), id: match[2] as string };
}

/**
 * One page of `matching` (newest first) for a parsed query: its sort, its cursor (the page starts
 * after the event it names) and its limit, with the next page's cursor when more follow.
 *
 * @example
 * ```ts
 * pageOf(matching, compileQuery({ limit: 50 }).query); // { items, nextCursor? }
 * ```
 */
export function pageOf(
  matching: readonly ActivityEvent[],
  parsed: Pick<CompiledQuery['query'], 'sort' | 'cursor' | 'limit'>,
): ActivityPage<ActivityEvent> {
  const ordered = parsed.sort === 'asc' ? [...matching].reverse() : matching;
  let start = 0;
  if (parsed.cursor) {
    const { time, id } = decodeCursor(parsed.cursor);
    const after = (event: ActivityEvent) => {
      const t = event.occurredAt.getTime();
      return parsed.sort === 'asc'
        ? t > time || (t === time && event.id > id)
        : t < time || (t === time && event.id < id);
    };
    start = ordered.findIndex(after);
    if (start === -1) start = ordered.length;
  }
  const items = ordered.slice(start, start + parsed.limit);
  const last = items.at(-1);
  const result: ActivityPage<ActivityEvent> = { items };
  if (last && start + parsed.limit < ordered.length) result.nextCursor = encodeCursor(last);
  return result;
}
