import {
  type ActivityQueryInput,
  activityFilterSchema,
  QUERY_PARAMS,
  type QueryParam,
  queryFromSearchParams,
  queryToSearchParams,
  SORT_DIRECTIONS,
  type SortDirection,
} from '@activitykit/schema';
import { type ActivityLogColumnId, normalizeColumns } from './columns.ts';
import { type ActivityLogFilters, compactFilters } from './filters.ts';

/**
 * Where `<ActivityLog>` keeps its state in the URL: read the current query string, write a new one,
 * and hear about back / forward navigation. {@link createBrowserUrlAdapter} makes one over
 * `window.location` and `history`; routers can supply their own.
 */
export interface ActivityLogUrlAdapter {
  /** The current query string. */
  read(): URLSearchParams;
  /** Replaces the query string (the adapter decides between `replaceState` and `pushState`). */
  write(params: URLSearchParams): void;
  /** Calls `listener` when the URL changes from outside (back / forward); returns an unsubscribe. */
  subscribe?(listener: () => void): () => void;
  /** Prefix of the log's parameter names, for several logs on one page. Defaults to `''`. */
  prefix?: string;
}

/** The state of the log that the URL holds. */
export interface ActivityLogUrlState {
  filters: ActivityLogFilters;
  sort?: SortDirection;
  columns?: ActivityLogColumnId[];
  /** The event whose detail view is open. */
  eventId?: string;
}

/** Options of {@link createBrowserUrlAdapter}. */
export interface BrowserUrlAdapterOptions {
  /** `'replace'` keeps one history entry per page; `'push'` adds one per change. Defaults to `'replace'`. */
  history?: 'replace' | 'push';
  /** Prefix of the log's parameter names. Defaults to `''`. */
  prefix?: string;
  /** The window to use. Defaults to the global `window`. */
  window?: Window;
}

const COLUMNS_PARAM = 'cols';
const EVENT_PARAM = 'event';
const FILTER_FIELDS = new Set(Object.keys(activityFilterSchema.shape));

/**
 * A URL adapter over the browser's location and history.
 *
 * @example
 * ```tsx
 * const url = createBrowserUrlAdapter({ history: 'push' });
 * <ActivityLog urlSync={url} />; // ?kind=delete&preset=today&sort=asc&cols=time,user,action
 * ```
 */
export function createBrowserUrlAdapter(
  options: BrowserUrlAdapterOptions = {},
): ActivityLogUrlAdapter {
  const { history = 'replace', prefix = '' } = options;
  const win = (): Window => options.window ?? window;
  return {
    prefix,
    read: () => new URLSearchParams(win().location.search),
    write(params) {
      const { location } = win();
      const search = params.toString();
      const url = `${location.pathname}${search ? `?${search}` : ''}${location.hash}`;
      if (url === `${location.pathname}${location.search}${location.hash}`) return;
      if (history === 'push') win().history.pushState(win().history.state, '', url);
      else win().history.replaceState(win().history.state, '', url);
    },
    subscribe(listener) {
      win().addEventListener('popstate', listener);
      return () => win().removeEventListener('popstate', listener);
    },
  };
}

/**
 * Reads the log's state from a query string. Parameters that are not the log's are ignored, and so
 * is any value that is not valid (an unknown kind, a malformed date), so a stale link still opens.
 */
export function readLogUrlState(params: URLSearchParams, prefix = ''): ActivityLogUrlState {
  const own: [string, string][] = [];
  let columns: ActivityLogColumnId[] | undefined;
  let eventId: string | undefined;
  for (const [name, value] of params) {
    if (!name.startsWith(prefix)) continue;
    const bare = name.slice(prefix.length);
    if (bare === COLUMNS_PARAM) columns = normalizeColumns(value.split(','));
    else if (bare === EVENT_PARAM) eventId = value || undefined;
    else if (Object.hasOwn(QUERY_PARAMS, bare) && bare !== 'cursor' && bare !== 'limit') {
      own.push([bare, value]);
    }
  }
  const state: ActivityLogUrlState = { filters: {} };
  let query: ActivityQueryInput = {};
  try {
    query = queryFromSearchParams(own);
  } catch {
    // A repeated single-valued parameter: keep the first of each.
    query = queryFromSearchParams(own.filter(([n], i) => own.findIndex(([m]) => m === n) === i));
  }
  const filters: Record<string, unknown> = {};
  for (const [field, value] of Object.entries(query)) {
    if (field === 'sort') {
      if ((SORT_DIRECTIONS as readonly unknown[]).includes(value))
        state.sort = value as SortDirection;
      continue;
    }
    if (!FILTER_FIELDS.has(field) && field !== 'q') continue;
    const schema = activityFilterSchema.shape[field as keyof typeof activityFilterSchema.shape];
    if (field === 'q') {
      if (typeof value === 'string' && value.length <= 1000) filters.q = value;
      continue;
    }
    const parsed = schema.safeParse(value);
    if (parsed.success && parsed.data !== undefined) filters[field] = parsed.data;
  }
  state.filters = compactFilters(filters as ActivityLogFilters);
  if (columns?.length) state.columns = columns;
  if (eventId) state.eventId = eventId;
  return state;
}

/**
 * Writes the log's state into a query string, keeping every parameter that is not the log's.
 * The default sort (`desc`) is left out, so an untouched log keeps a clean URL.
 */
export function writeLogUrlState(
  current: URLSearchParams,
  state: ActivityLogUrlState,
  prefix = '',
): URLSearchParams {
  const own = new URLSearchParams();
  const query: ActivityQueryInput = { ...compactFilters(state.filters) };
  if (state.sort && state.sort !== 'desc') query.sort = state.sort;
  for (const [name, value] of queryToSearchParams(query)) {
    if ((name as QueryParam) === 'cursor' || name === 'limit') continue;
    own.append(prefix + name, value);
  }
  if (state.columns) own.set(prefix + COLUMNS_PARAM, state.columns.join(','));
  if (state.eventId) own.set(prefix + EVENT_PARAM, state.eventId);
  return replaceOwnParams(current, { own, prefix });
}

/** `current` with the log's parameters replaced by `own` (every other parameter is kept). */
export function replaceOwnParams(
  current: URLSearchParams,
  options: { own: URLSearchParams; prefix?: string | undefined },
): URLSearchParams {
  const prefix = options.prefix ?? '';
  const ownNames = new Set<string>([
    ...Object.keys(QUERY_PARAMS).map((name) => prefix + name),
    prefix + COLUMNS_PARAM,
    prefix + EVENT_PARAM,
  ]);
  const next = new URLSearchParams();
  for (const [name, value] of current) if (!ownNames.has(name)) next.append(name, value);
  for (const [name, value] of options.own) next.append(name, value);
  return next;
}
