import { z } from 'zod';
import { ACTOR_TYPES, EVENT_KINDS, OUTCOMES } from './event.ts';
import { eventIdSchema } from './ids.ts';
import { instantSchema } from './instant.ts';

/** Period presets, resolved in a time zone by `resolvePeriod`. */
export const PERIOD_PRESETS = [
  'today',
  'yesterday',
  'this_week',
  'this_month',
  'last_week',
  'last_month',
  'last_7_days',
  'last_30_days',
] as const;
/** One of {@link PERIOD_PRESETS}; a custom period is `from` / `to` instead. */
export type PeriodPreset = (typeof PERIOD_PRESETS)[number];

/** The most event ids a query may name (`ids`: a selection to export or delete). */
export const MAX_QUERY_IDS = 1000;

/** The largest page a query may ask for. */
export const MAX_PAGE_SIZE = 200;
/** The page size when none is given. */
export const DEFAULT_PAGE_SIZE = 50;

/** The most values one list filter (`actors`, `categories`…) may hold. */
const MAX_LIST = 50;

/** How many items an array issue's input had, for messages that say what was given. */
const countOf = (input: unknown) => (Array.isArray(input) ? input.length : 0);

const token = (max = 200) => z.string().trim().min(1).max(max);
/** A list filter: strings in, strings out (so a client's `categories: [42]` is a type error). */
const list = (item: z.ZodType<string, string>) =>
  z
    .array(item)
    .min(1, 'give at least one value, or leave the field out')
    .max(MAX_LIST, {
      error: (issue) => `at most ${MAX_LIST} values, got ${countOf(issue.input)}`,
    })
    .optional();
/** A record key `type:id`, e.g. `customer:42` (the id may contain colons). */
const recordKey = z
  .string()
  .trim()
  .max(301)
  .regex(/^[^:\s]+:.+$/, 'a record key is type:id, e.g. "customer:42"');

/** An action filter: an exact action, or a prefix ending in `.*` (`order.*`). */
const actionFilter = z
  .string()
  .max(120)
  .regex(/^[a-z][a-z0-9_-]*(\.[a-z0-9_-]+)*(\.\*)?$/i, 'an action, or a prefix like "order.*"');

/**
 * What to find (SPEC §4). Lists are ORed within a field and fields are ANDed. Times are instants;
 * `preset` (with `timeZone`) is resolved to `from` / `to` by the store, and wins over them.
 */
export const activityFilterSchema = z.strictObject({
  /**
   * Inclusive start: a `Date`, or an ISO 8601 string — `2026-11-01` (midnight UTC) or a date-time
   * with `Z` or an offset. A day the calendar does not have (`2026-02-30`) is refused.
   */
  from: instantSchema.optional(),
  /** Exclusive end; written like `from`. */
  to: instantSchema.optional(),
  preset: z.enum(PERIOD_PRESETS).optional(),
  /** IANA time zone for `preset` (and the search syntax's dates without an offset). Defaults to `UTC`. */
  timeZone: z.string().max(64).optional(),
  /**
   * Each finds actors by id (exactly), e-mail (ignoring case), or the start of their name or of a
   * word of it (ignoring case): `tom` finds "Tom Hanks" and "Anna Tomlin". See `actorMatches`.
   */
  actors: list(token()),
  /** Actor roles (user types): admin, partner, staff, customer… */
  roles: list(token(100)),
  actorTypes: z.array(z.enum(ACTOR_TYPES)).min(1).optional(),
  kinds: z.array(z.enum(EVENT_KINDS)).min(1).optional(),
  categories: list(token(100)),
  actions: list(actionFilter),
  subjectTypes: list(token(100)),
  /** Subject keys `type:id`. */
  subjects: list(recordKey),
  /** Any record the event touches, as `type:id`. */
  refs: list(recordKey),
  locations: list(token()),
  outcome: z.enum(OUTCOMES).optional(),
  ips: list(token(100)),
  /** Free text over description, subject and ref labels, and actor names (case-insensitive). */
  text: z.string().trim().min(1).max(200).optional(),
  /** Event ids: a selection (e.g. the rows a reader ticked) to export; at most {@link MAX_QUERY_IDS}. */
  ids: z
    .array(eventIdSchema)
    .min(1, 'give at least one id, or leave the field out')
    .max(MAX_QUERY_IDS, {
      error: (issue) => `at most ${MAX_QUERY_IDS} ids per call, got ${countOf(issue.input)}`,
    })
    .optional(),
});
/** What to find; see {@link activityFilterSchema}. */
export type ActivityFilter = z.infer<typeof activityFilterSchema>;
/** What to find, as a caller may write it (dates as `Date`s or ISO strings). */
export type ActivityFilterInput = z.input<typeof activityFilterSchema>;

/** Sort by time: newest first (`desc`) or oldest first (`asc`). */
export const SORT_DIRECTIONS = ['desc', 'asc'] as const;
/** One of {@link SORT_DIRECTIONS}. */
export type SortDirection = (typeof SORT_DIRECTIONS)[number];

/** The one message for a bad `limit`, naming what was given. */
function pageSizeError(issue: { input?: unknown }): string {
  const given = typeof issue.input === 'string' ? JSON.stringify(issue.input) : String(issue.input);
  return `a whole number from 1 to ${MAX_PAGE_SIZE}, got ${given.slice(0, 40)}`;
}

/** A page of a query: the filter, a search-syntax string ANDed to it, sort, cursor and size. */
export const activityQuerySchema = activityFilterSchema.extend({
  /** Search syntax, e.g. `actor:alice kind:delete "refund"`, ANDed with the other fields. */
  q: z.string().max(1000).optional(),
  sort: z.enum(SORT_DIRECTIONS).default('desc'),
  /** From the previous page's `nextCursor`. */
  cursor: z.string().max(500).optional(),
  /** Page size, a whole number from 1 to {@link MAX_PAGE_SIZE}. Defaults to {@link DEFAULT_PAGE_SIZE}. */
  limit: z
    .number({ error: pageSizeError })
    .int({ error: pageSizeError })
    .min(1, { error: pageSizeError })
    .max(MAX_PAGE_SIZE, { error: pageSizeError })
    .default(DEFAULT_PAGE_SIZE),
});
/** A page of a query; see {@link activityQuerySchema}. */
export type ActivityQuery = z.infer<typeof activityQuerySchema>;
/** A page of a query as a caller writes it. */
export type ActivityQueryInput = z.input<typeof activityQuerySchema>;

/** One page of results. */
export interface ActivityPage<TEvent> {
  items: TEvent[];
  /** Pass as `cursor` for the next page; absent on the last one. */
  nextCursor?: string;
}
