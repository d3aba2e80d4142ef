import {
  type ActivityEvent,
  type ActivityFilter,
  type ActivityQuery,
  type ActivityQueryInput,
  activityQuerySchema,
  actorMatches,
  describe,
  type PeriodRange,
  parseSearch,
  refKey,
  resolvePeriod,
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

/** The instants a filter covers: its preset in its zone, else `from`/`to`. */
export function filterRange(filter: ActivityFilter, now: Date): Partial<PeriodRange> {
  if (filter.preset) {
    return resolvePeriod(filter.preset, { now, timeZone: filter.timeZone ?? 'UTC' });
  }
  return { ...(filter.from ? { from: filter.from } : {}), ...(filter.to ? { to: filter.to } : {}) };
}

const anyOf = <T>(list: readonly T[] | undefined, test: (item: T) => boolean) =>
  list === undefined || list.some(test);

/** Whether an event matches one filter (lists ORed, fields ANDed), like the store's query. */
export function matchesFilter(
  event: ActivityEvent,
  filter: ActivityFilter,
  options: { now: Date; range?: boolean },
): boolean {
  if (options.range !== false) {
    const { from, to } = filterRange(filter, options.now);
    const at = event.occurredAt.getTime();
    if (from && at < from.getTime()) return false;
    if (to && at >= to.getTime()) return false;
  }
  const { actor, subject, context } = event;
  const textMatch = () => {
    const needle = filter.text?.toLowerCase() ?? '';
    const haystack = [
      event.description ?? describe(event, 'en'),
      subject?.label,
      ...event.refs.map((ref) => ref.label),
      actor.name,
    ];
    return haystack.some((value) => value?.toLowerCase().includes(needle));
  };
  return (
    anyOf(filter.actors, (value) => actorMatches(actor, value)) &&
    anyOf(filter.roles, (role) => role === actor.role) &&
    anyOf(filter.actorTypes, (type) => type === actor.type) &&
    anyOf(filter.kinds, (kind) => kind === event.kind) &&
    anyOf(filter.categories, (category) => category === event.category) &&
    anyOf(filter.actions, (action) =>
      action.endsWith('.*')
        ? event.action.startsWith(action.slice(0, -1))
        : action === event.action,
    ) &&
    anyOf(filter.subjectTypes, (type) => type === subject?.type) &&
    anyOf(filter.subjects, (key) => subject !== undefined && key === refKey(subject)) &&
    anyOf(filter.refs, (key) => event.refs.some((ref) => refKey(ref) === key)) &&
    anyOf(filter.locations, (location) => location === context.location) &&
    anyOf(filter.ips, (ip) => ip === context.ip) &&
    (filter.outcome === undefined || filter.outcome === event.outcome) &&
    (filter.text === undefined || textMatch())
  );
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
