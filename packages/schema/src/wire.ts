import { SchemaError } from './errors.ts';
import type { ActivityEvent } from './event.ts';
import type { ActivityPage, ActivityQueryInput } from './query.ts';

/**
 * The query-string names of a query's fields, as the REST API (`@activitykit/express`) reads them
 * and the React kit's REST source writes them. A list field repeats its parameter
 * (`kind=create&kind=delete`).
 */
export const QUERY_PARAMS = {
  from: 'from',
  to: 'to',
  preset: 'preset',
  tz: 'timeZone',
  actor: 'actors',
  role: 'roles',
  actorType: 'actorTypes',
  kind: 'kinds',
  category: 'categories',
  action: 'actions',
  type: 'subjectTypes',
  subject: 'subjects',
  ref: 'refs',
  location: 'locations',
  outcome: 'outcome',
  ip: 'ips',
  text: 'text',
  id: 'ids',
  q: 'q',
  sort: 'sort',
  cursor: 'cursor',
  limit: 'limit',
} as const satisfies Record<string, keyof ActivityQueryInput>;

/** One query-string parameter of {@link QUERY_PARAMS}. */
export type QueryParam = keyof typeof QUERY_PARAMS;

const LIST_FIELDS: ReadonlySet<keyof ActivityQueryInput> = new Set([
  'actors',
  'roles',
  'actorTypes',
  'kinds',
  'categories',
  'actions',
  'subjectTypes',
  'subjects',
  'refs',
  'locations',
  'ips',
  'ids',
]);

const FIELD_PARAMS = Object.fromEntries(
  Object.entries(QUERY_PARAMS).map(([param, field]) => [field, param]),
) as Record<keyof ActivityQueryInput, QueryParam>;

const DECIMAL = /^-?\d{1,16}(\.\d{1,16})?$/;

/** Query-string entries: `URLSearchParams`, or `[name, value]` pairs. */
export type SearchParamsInit = URLSearchParams | Iterable<readonly [string, string]>;

/** Options of {@link queryFromSearchParams}. */
export interface QueryFromSearchParamsOptions {
  /** Parameters the caller reads itself and this function should skip (e.g. `format`). */
  ignore?: readonly string[];
}

/**
 * Reads a query from a query string, by the names of {@link QUERY_PARAMS}. It only maps names to
 * fields (and a decimal `limit` to a number) — validate the result with `activityQuerySchema` (the
 * store does). Throws `INVALID_INPUT` for an unknown parameter or a repeated single-valued one,
 * naming it.
 *
 * @example
 * ```ts
 * queryFromSearchParams(new URLSearchParams('kind=delete&kind=update&preset=today&tz=Europe/Berlin'));
 * // { kinds: ['delete', 'update'], preset: 'today', timeZone: 'Europe/Berlin' }
 * ```
 */
export function queryFromSearchParams(
  params: SearchParamsInit,
  options: QueryFromSearchParamsOptions = {},
): ActivityQueryInput {
  const ignore = new Set(options.ignore ?? []);
  const query: Record<string, string | number | string[]> = {};
  for (const [name, value] of params) {
    if (ignore.has(name)) continue;
    if (!Object.hasOwn(QUERY_PARAMS, name)) {
      throw new SchemaError(
        'INVALID_INPUT',
        `Unknown query parameter "${name}". Known parameters: ${Object.keys(QUERY_PARAMS).join(', ')}.`,
      );
    }
    const field = QUERY_PARAMS[name as QueryParam];
    if (LIST_FIELDS.has(field)) {
      const values = query[field];
      query[field] = Array.isArray(values) ? [...values, value] : [value];
    } else if (field in query) {
      throw new SchemaError('INVALID_INPUT', `Query parameter "${name}" is given more than once.`);
    } else {
      // `limit` is a number in the schema: a decimal becomes one; anything else stays text for
      // the schema to refuse by name.
      query[field] = field === 'limit' && DECIMAL.test(value) ? Number(value) : value;
    }
  }
  return query as ActivityQueryInput;
}

/**
 * Writes a query as a query string, by the names of {@link QUERY_PARAMS}; the inverse of
 * {@link queryFromSearchParams}. Dates become ISO strings; empty lists and `undefined` are left out.
 */
export function queryToSearchParams(query: ActivityQueryInput): URLSearchParams {
  const params = new URLSearchParams();
  for (const [field, value] of Object.entries(query)) {
    if (value === undefined || value === null) continue;
    const name = FIELD_PARAMS[field as keyof ActivityQueryInput];
    if (name === undefined) {
      throw new SchemaError('INVALID_INPUT', `"${field}" is not a field of an activity query.`);
    }
    for (const item of Array.isArray(value) ? value : [value]) {
      params.append(name, item instanceof Date ? item.toISOString() : String(item));
    }
  }
  return params;
}

/** An event as JSON carries it: `occurredAt` is an ISO string. */
export type WireActivityEvent = Omit<ActivityEvent, 'occurredAt'> & { occurredAt: string };

/** Turns an event read from JSON back into an {@link ActivityEvent} (`occurredAt` as a `Date`). */
export function eventFromWire(event: WireActivityEvent | ActivityEvent): ActivityEvent {
  if (event.occurredAt instanceof Date) return event as ActivityEvent;
  const occurredAt = new Date(event.occurredAt);
  if (Number.isNaN(occurredAt.getTime())) {
    throw new SchemaError('INVALID_INPUT', `Event ${event.id} has an invalid occurredAt.`);
  }
  return { ...event, occurredAt };
}

/** Turns a page read from JSON back into events with `Date`s. */
export function pageFromWire(
  page: ActivityPage<WireActivityEvent | ActivityEvent>,
): ActivityPage<ActivityEvent> {
  const items = page.items.map(eventFromWire);
  return page.nextCursor === undefined ? { items } : { items, nextCursor: page.nextCursor };
}

/**
 * The live stream's Server-Sent Events protocol, shared by the REST API and its clients: each
 * event is an SSE message named {@link LIVE_EVENT}, its `id` the event id (send it back as
 * `Last-Event-ID` to resume), its data the event as JSON; comments (`: ping`) are heartbeats.
 */
export const LIVE_EVENT = 'activity';
