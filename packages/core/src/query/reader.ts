import {
  type ActivityEvent,
  type ActivityFilter,
  type ActivityPage,
  type ActivityQuery,
  type ActivityQueryInput,
  type ActivityScope,
  type ActivityScopeInput,
  isUlid,
  type RecordRef,
  refKey,
} from '@activitykit/schema';
import type { Collection, Filter } from 'mongodb';
import { ActivityError } from '../errors.ts';
import { compareEvents, type EventDocument, fromDocument } from '../internal/document.ts';
import type { RollupReader } from '../rollups/readRollups.ts';
import { walkBuckets } from './bucketWalk.ts';
import {
  type BuildFilterOptions,
  filterClauses,
  scopeClauses,
  scopeIsEmpty,
} from './buildFilter.ts';
import { afterCursor, type CursorCodec, type CursorPosition, createCursorCodec } from './cursor.ts';
import { hoistedEqualities, periodOf } from './hoist.ts';
import { parseQuery, parseScope, searchFilter } from './readInputs.ts';
import type { ServerProfile } from './server.ts';

/** Events per read of an export on a server that filters only by equality. */
const STREAM_PAGE = 1000;

export interface ReaderDeps {
  collection: Collection<EventDocument>;
  /** Which query shapes serve the server (asked once). */
  profile: () => Promise<ServerProfile>;
  /** The write-time counters that say which days and hours hold events. */
  rollups: RollupReader;
  filterOptions: () => BuildFilterOptions;
  /** Waits for this process's counter updates, so a walk sees every event it stored. */
  countersSettled?: () => Promise<void>;
  /** Tuning of the walk over days and hours (tests force hourly probes with it). */
  walk?: { dayProbeMax?: number };
  /** The key cursors are signed with (see `cursorKeySource`). */
  cursorKey: () => Promise<Uint8Array>;
}

/** A query for one record's history: everything but the record itself, which `ref` names. */
export type TimelineQueryInput = Omit<ActivityQueryInput, 'refs' | 'subjects'>;

/** The scoped read side of the store. */
export interface Reader {
  list(query: ActivityQueryInput, scope: ActivityScopeInput): Promise<ActivityPage<ActivityEvent>>;
  get(id: string, scope: ActivityScopeInput): Promise<ActivityEvent>;
  timeline(
    ref: Pick<RecordRef, 'type' | 'id'>,
    query: TimelineQueryInput,
    scope: ActivityScopeInput,
  ): Promise<ActivityPage<ActivityEvent>>;
  /**
   * Every event a query finds within a scope, in its sort order, through one server cursor (for
   * exports: one pass even where the server cannot use an index to sort, as on FerretDB).
   */
  stream(
    query: Omit<ActivityQueryInput, 'cursor' | 'limit'>,
    scope: ActivityScopeInput,
  ): AsyncIterable<ActivityEvent>;
  /** The MongoDB filter a query and scope read with (for explain, export and analytics). */
  mongoFilter(filter: ActivityFilter & { q?: string }, scope: ActivityScope): Filter<EventDocument>;
}

export function createReader(deps: ReaderDeps): Reader {
  const { collection } = deps;
  let signed: { key: Uint8Array; codec: CursorCodec } | undefined;
  const cursors = async () => {
    const key = await deps.cursorKey();
    if (signed?.key !== key) signed = { key, codec: createCursorCodec(key) };
    return signed.codec;
  };

  const mongoFilter = (filter: ActivityFilter & { q?: string }, scope: ActivityScope) => {
    const options = deps.filterOptions();
    const clauses = [...scopeClauses(scope), ...filterClauses(filter, options)];
    if (filter.q?.trim()) {
      clauses.push(...filterClauses(searchFilter(filter.q, filter.timeZone), options));
    }
    return (clauses.length === 0 ? {} : { $and: clauses }) as Filter<EventDocument>;
  };

  /**
   * The first `want` events of a page: on MongoDB one sorted `find`; on a server that filters only
   * by equality, a record's events by its ref key, else a walk over the days and hours that hold
   * events (see `walkBuckets`). Every shape sends the whole filter, so the answer is the same.
   */
  const readPage = async (page: {
    query: ActivityQuery;
    scope: ActivityScope;
    filter: Filter<EventDocument>;
    position: CursorPosition | undefined;
    want: number;
  }): Promise<EventDocument[]> => {
    const { query, scope, position, want } = page;
    const filter = position
      ? ({ $and: [page.filter, afterCursor(position)] } as Filter<EventDocument>)
      : page.filter;
    const direction = query.sort === 'desc' ? -1 : 1;
    // The search's conditions hold too (ANDed): its equalities can be sent as well.
    const searched = query.q?.trim() ? searchFilter(query.q, query.timeZone) : {};
    const hoisted = { ...hoistedEqualities(searched), ...hoistedEqualities(query) };
    // A scope of one record (a viewer token's) reads it by ref key too: its events are few.
    const [onlyRef, ...moreRefs] = scope.refs ?? [];
    if (hoisted.refKeys === undefined && onlyRef && moreRefs.length === 0)
      hoisted.refKeys = onlyRef;
    if ((await deps.profile()) === 'mongodb') {
      return collection
        .find({ ...hoisted, $and: [filter] } as Filter<EventDocument>)
        .sort({ occurredAt: direction, _id: direction })
        .limit(want)
        .toArray();
    }
    if (hoisted.refKeys !== undefined) {
      // A record's events are few: read them by ref key (and tenant), sort them here.
      const tenants = scope.tenants === '*' ? [undefined] : scope.tenants;
      const pages = await Promise.all(
        tenants.map((tenantId) =>
          collection
            .find({
              ...(tenantId ? { tenantId } : {}),
              ...hoisted,
              $and: [filter],
            } as Filter<EventDocument>)
            .toArray(),
        ),
      );
      return pages
        .flat()
        .sort((a, b) => direction * compareEvents(a, b))
        .slice(0, want);
    }
    await deps.countersSettled?.();
    const period = periodOf(query, deps.filterOptions());
    let to = period.to;
    let from = period.from;
    if (position && direction === -1) {
      const bound = new Date(position.occurredAt.getTime() + 1);
      if (!to || bound < to) to = bound;
    }
    if (position && direction === 1 && (!from || position.occurredAt > from)) {
      from = position.occurredAt;
    }
    return walkBuckets(
      { collection, rollups: deps.rollups },
      {
        filter,
        hoisted,
        tenants: scope.tenants,
        from,
        to,
        direction,
        want,
        dayProbeMax: deps.walk?.dayProbeMax,
      },
    );
  };

  const list = async (
    input: ActivityQueryInput,
    scopeInput: ActivityScopeInput,
  ): Promise<ActivityPage<ActivityEvent>> => {
    const scope = parseScope(scopeInput);
    const query = parseQuery(input);
    if (scopeIsEmpty(scope)) return { items: [] };
    const filter = mongoFilter(query, scope);
    const position = query.cursor ? (await cursors()).decode(query.cursor, query.sort) : undefined;
    const docs = await readPage({ query, scope, filter, position, want: query.limit + 1 });
    const items = docs.slice(0, query.limit).map(fromDocument);
    const last = items.at(-1);
    return docs.length > query.limit && last
      ? {
          items,
          nextCursor: (await cursors()).encode({
            occurredAt: last.occurredAt,
            id: last.id,
            sort: query.sort,
          }),
        }
      : { items };
  };

  async function* stream(
    input: Omit<ActivityQueryInput, 'cursor' | 'limit'>,
    scopeInput: ActivityScopeInput,
  ): AsyncGenerator<ActivityEvent> {
    const scope = parseScope(scopeInput);
    const query = parseQuery(input);
    if (scopeIsEmpty(scope)) return;
    const filter = mongoFilter(query, scope);
    if ((await deps.profile()) === 'equality') {
      // Page by page: a single sorted cursor would make FerretDB decode and sort everything first.
      let position: CursorPosition | undefined;
      for (;;) {
        const docs = await readPage({ query, scope, filter, position, want: STREAM_PAGE });
        for (const doc of docs) yield fromDocument(doc);
        const last = docs.at(-1);
        if (!last || docs.length < STREAM_PAGE) return;
        position = { occurredAt: last.occurredAt, id: last._id, sort: query.sort };
      }
    }
    const direction = query.sort === 'desc' ? -1 : 1;
    const cursor = collection
      .find(filter)
      .sort({ occurredAt: direction, _id: direction })
      .batchSize(1000);
    try {
      for await (const doc of cursor) yield fromDocument(doc);
    } finally {
      await cursor.close();
    }
  }

  return {
    list,
    stream,
    mongoFilter,
    async get(id, scopeInput) {
      const scope = parseScope(scopeInput);
      if (!isUlid(id)) {
        throw new ActivityError(
          'INVALID_QUERY',
          `"${String(id)}" is not an event id (a 26-character ULID).`,
        );
      }
      const doc = scopeIsEmpty(scope)
        ? null
        : await collection.findOne({
            // `_id` at the top level: the one condition FerretDB looks up in the database.
            _id: id,
            $and: [{}, ...scopeClauses(scope)],
          } as Filter<EventDocument>);
      if (!doc) throw new ActivityError('NOT_FOUND', `No event ${id} within your scope.`);
      return fromDocument(doc);
    },
    timeline(ref, query, scope) {
      if (!ref || typeof ref.type !== 'string' || typeof ref.id !== 'string') {
        throw new ActivityError(
          'INVALID_QUERY',
          'A timeline needs a record: { type: "customer", id: "42" }.',
        );
      }
      return list({ ...query, refs: [refKey(ref)] }, scope);
    },
  };
}
