/**
 * The screens, each as the React kit and the REST API ask the store for it (see
 * `packages/express/src/api/readRoutes.ts`, `<ActivityLog>`'s `buildLogQuery`, `<CustomerTimeline>`
 * and `<ActivityAnalytics>`): a log page is `{ sort: 'desc', limit, timeZone, …filters }`, a
 * timeline page has 30 rows, analytics ask for the last 30 days in the viewer's time zone.
 */
import type { ActivityStore } from '@activitykit/core';
import type { SeedInfo } from './seedOnce.ts';

/** What a screen is run with. */
export interface ScreenContext {
  store: ActivityStore;
  seed: SeedInfo;
  /** The cursor the tenant's first page returned, for "next page". */
  cursor?: string | undefined;
}

/** One screen: what it sends, and how the store is asked for it. */
export interface Screen {
  name: string;
  /** Why it cannot run, if it cannot (e.g. no cursor because the first page failed). */
  blocked?: (context: ScreenContext) => string | undefined;
  run(context: ScreenContext): Promise<unknown>;
}

const TIME_ZONE = 'Europe/Berlin';
const TENANT = { tenants: ['acme'] };
const ADMIN = { tenants: '*' as const };
const PAGE = { sort: 'desc', limit: 50, timeZone: TIME_ZONE } as const;
const LAST_30_DAYS = { preset: 'last_30_days', timeZone: TIME_ZONE } as const;

/** Every screen, in the order a reader meets them. */
export const SCREENS: Screen[] = [
  {
    name: 'log: first page (tenant)',
    async run(context) {
      const page = await context.store.list(PAGE, TENANT);
      context.cursor = page.nextCursor;
      return page;
    },
  },
  { name: 'log: first page (admin *)', run: ({ store }) => store.list(PAGE, ADMIN) },
  {
    name: 'filter: actor',
    run: ({ store }) => store.list({ ...PAGE, actors: ['bob@acme.test'] }, TENANT),
  },
  {
    name: 'filter: category',
    run: ({ store }) => store.list({ ...PAGE, categories: ['order'] }, TENANT),
  },
  { name: 'filter: kind', run: ({ store }) => store.list({ ...PAGE, kinds: ['delete'] }, TENANT) },
  {
    name: 'filter: search syntax',
    run: ({ store }) => store.list({ ...PAGE, q: 'kind:delete actor:bob' }, TENANT),
  },
  {
    name: 'log: next page',
    blocked: ({ cursor }) => (cursor ? undefined : 'no cursor: the first page did not finish'),
    run: ({ store, cursor }) => store.list({ ...PAGE, cursor }, TENANT),
  },
  { name: 'event by id', run: ({ store, seed }) => store.get(seed.eventId, TENANT) },
  {
    name: 'timeline (customer)',
    run: ({ store, seed }) =>
      store.timeline(seed.customer, { sort: 'desc', limit: 30, timeZone: TIME_ZONE }, TENANT),
  },
  {
    name: 'stats: last 30 days',
    run: ({ store }) => store.stats(LAST_30_DAYS, TENANT, { timeZone: TIME_ZONE }),
  },
  {
    name: 'security signals: 30 days',
    run: ({ store }) => store.securitySignals(LAST_30_DAYS, TENANT),
  },
];
