import {
  type ActivityEvent,
  type ActivityEventInput,
  type ActivityQueryInput,
  bulkDeletedEventInputs,
  createCategoryRegistry,
  createIdGenerator,
  describe,
  describeIssues,
  eventDefaults,
  eventFromWire,
  filtersPredicate,
  noteInputSchema,
  parseRefKey,
  refKey,
  restoredEventInput,
  type WeekDay,
  type WireActivityEvent,
} from '@activitykit/schema';
import {
  type ActivityPermissions,
  type ActivitySource,
  ActivitySourceError,
  type ActivitySourceErrorCode,
  type LiveHandlers,
} from '../source.ts';
import { compareDesc, compileQuery, pageOf } from './filterEvents.ts';
import { exportFile } from './memoryExport.ts';
import { type MemoryIntegrityOptions, memoryIntegrity } from './memoryIntegrity.ts';
import { detectSignals } from './memorySignals.ts';
import { computeStats, statsRange } from './memoryStats.ts';
import { suggestFrom } from './memorySuggestions.ts';

/** Options of {@link createMemorySource}. */
export interface MemorySourceOptions {
  /** The events to serve (dates may be ISO strings). Defaults to `[]`. */
  events?: readonly (ActivityEvent | WireActivityEvent)[];
  /**
   * What the reader may do. Defaults to every privilege, as `{ id: 'me', name: 'You' }`.
   */
  permissions?: Partial<ActivityPermissions>;
  /** The tenant of notes and restores. Defaults to the first event's tenant, else `'default'`. */
  tenantId?: string;
  /**
   * The tenants the reader sees, as a server scope's `tenants`: other tenants' events are not
   * found, and writing to them is forbidden; none at all (`[]`) refuses every call with
   * `FORBIDDEN`. Defaults to every tenant.
   */
  tenants?: readonly string[];
  /**
   * Milliseconds before each answer, to show loading states; `Infinity` never answers.
   * Defaults to `0`.
   */
  delay?: number;
  /** Makes every call fail with this error (or code): error and permission-denied states. Defaults to none. */
  error?: ActivitySourceError | ActivitySourceErrorCode;
  /** The clock of presets, notes and the live stream. Defaults to `() => new Date()`. */
  now?: () => Date;
  /** The first day of a week for presets and weekly buckets, as the store's option. Defaults to `1` (Monday). */
  weekStartsOn?: WeekDay;
  /**
   * Tamper evidence to show: the status, checkpoints and verify report of a sealing server.
   * Defaults to none: `integrity()` says the source does not seal, `checkpointOf()` answers `null`
   * and `verify()` rejects as a server without a public key (`SERVER`, 501, `NOT_CONFIGURED`).
   */
  integrity?: MemoryIntegrityOptions;
}

/** An in-memory {@link ActivitySource} that can also record events (they reach live subscribers). */
export interface MemorySource extends ActivitySource {
  /** Adds an event, as the writer would (id, time, tenant and defaults filled in), and returns it. */
  record(input: ActivityEventInput & { id?: string }): ActivityEvent;
  /** Every event held, newest first. */
  snapshot(): ActivityEvent[];
  /** What its `integrity` option says of the tenants it shows (see {@link MemorySourceOptions.integrity}). */
  integrity: NonNullable<ActivitySource['integrity']>;
  /** The checkpoint of its `integrity` option whose range holds the event, else `null`. */
  checkpointOf: NonNullable<ActivitySource['checkpointOf']>;
  /** Its `integrity` option's verifier, for a tenant it shows; else 501 `NOT_CONFIGURED`. */
  verify: NonNullable<ActivitySource['verify']>;
}

/** The categories the store uses when an app defines none. */
const DEFAULT_CATEGORIES = createCategoryRegistry();

const wait = (ms: number, signal?: AbortSignal) =>
  new Promise<void>((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    if (ms === Number.POSITIVE_INFINITY) {
      signal?.addEventListener('abort', () => reject(signal.reason), { once: true });
      return;
    }
    const timer = setTimeout(resolve, ms);
    signal?.addEventListener(
      'abort',
      () => {
        clearTimeout(timer);
        reject(signal.reason);
      },
      { once: true },
    );
  });

/**
 * An {@link ActivitySource} over an array, for stories, tests and prototypes. Queries are validated
 * like the server's and filtered in JavaScript with the same semantics (search syntax, presets in
 * the query's zone, `order.*` prefixes, refs, text); stats and security signals follow the store's
 * default rules; notes, restores and bulk deletes change the array and reach live subscribers.
 * Exports CSV and NDJSON (PDF needs a server source). Tamper evidence (`integrity`,
 * `checkpointOf`, `verify`) shows what its `integrity` option says.
 *
 * @example
 * ```tsx
 * const source = createMemorySource({ events: fixtures, permissions: { canDelete: false } });
 * source.record({ action: 'customer.updated', actor: { id: 'u1', type: 'user', name: 'Anna' } });
 * <ActivityProvider source={source}><ActivityLog /></ActivityProvider>;
 * ```
 */
export function createMemorySource(options: MemorySourceOptions = {}): MemorySource {
  const now = options.now ?? (() => new Date());
  const weekStartsOn = options.weekStartsOn ?? 1;
  const delay = options.delay ?? 0;
  const nextId = createIdGenerator();
  let events = (options.events ?? []).map(eventFromWire).sort(compareDesc);
  const tenantId = options.tenantId ?? options.tenants?.[0] ?? events[0]?.tenantId ?? 'default';
  const permissions: ActivityPermissions = {
    canDelete: true,
    canRestore: true,
    canNote: true,
    actor: { id: 'me', name: 'You' },
    ...options.permissions,
  };
  const tenants = options.tenants ? new Set(options.tenants) : undefined;
  /** The events the reader may see. */
  const visible = () => (tenants ? events.filter((event) => tenants.has(event.tenantId)) : events);
  const integrity = memoryIntegrity(options.integrity, { visible, tenants, find });
  const subscribers = new Set<{ query: ActivityQueryInput; handlers: LiveHandlers }>();
  const failure =
    typeof options.error === 'string'
      ? new ActivitySourceError(
          options.error,
          `The memory source is set to fail with ${options.error}.`,
        )
      : options.error;

  async function answer<T>(run: () => T, signal?: AbortSignal): Promise<T> {
    if (delay > 0) await wait(delay, signal);
    if (failure) throw failure;
    // As the store's default deny: a scope of no tenant may do nothing.
    forbid(tenants?.size !== 0, 'read or write activity: your scope has no tenant');
    return run();
  }

  function select(query: ActivityQueryInput, extra?: (event: ActivityEvent) => boolean) {
    const { query: parsed, filters } = compileQuery(query);
    // The store's in-memory filter (schema's `filtersPredicate`), presets resolved now.
    const matches = filtersPredicate(filters, { now: now(), weekStartsOn });
    const matching = visible().filter((event) => (!extra || extra(event)) && matches(event));
    return { parsed, matching };
  }

  function page(query: ActivityQueryInput, extra?: (event: ActivityEvent) => boolean) {
    const { parsed, matching } = select(query, extra);
    return pageOf(matching, parsed);
  }

  /** The analytics period of a query (see `statsRange`) and its events for every other filter. */
  function periodSelection(query: ActivityQueryInput) {
    const { query: parsed } = compileQuery(query);
    const timeZone = parsed.timeZone ?? 'UTC';
    const range = statsRange(parsed, { now: now(), timeZone, weekStartsOn });
    const { matching } = select({ ...query, preset: undefined, from: undefined, to: undefined });
    return { range, timeZone, matching };
  }

  function find(id: string): ActivityEvent {
    const event = visible().find((e) => e.id === id);
    if (!event) throw new ActivitySourceError('NOT_FOUND', `No event ${id}.`, { status: 404 });
    return event;
  }

  function record(input: ActivityEventInput & { id?: string }): ActivityEvent {
    const occurredAt =
      input.occurredAt === undefined ? now() : new Date(input.occurredAt as string | number | Date);
    const actor = input.actor ?? { id: 'system', type: 'system' as const };
    // As the store fills them in (schema's `eventDefaults`), and its description.
    const defaults = eventDefaults(input, { categories: DEFAULT_CATEGORIES });
    const event: ActivityEvent = {
      ...input,
      id: input.id ?? nextId(occurredAt.getTime()),
      tenantId: input.tenantId ?? tenantId,
      occurredAt,
      ...defaults,
      actor,
      context: input.context ?? {},
      description:
        input.description ??
        describe({ ...input, kind: defaults.kind, actor }, 'en', {
          categories: DEFAULT_CATEGORIES,
        }),
    };
    events = [event, ...events].sort(compareDesc);
    const at = now();
    for (const { query, handlers } of subscribers) {
      try {
        // As the store's live streams: the whole query, its period resolved now.
        const { filters } = compileQuery(query);
        if (filtersPredicate(filters, { now: at, weekStartsOn })(event)) handlers.onEvent(event);
      } catch {
        // A subscription with an invalid query was already told so.
      }
    }
    return event;
  }

  const actorOf = () => ({
    id: permissions.actor?.id ?? 'me',
    type: 'user' as const,
    ...(permissions.actor?.name ? { name: permissions.actor.name } : {}),
    ...(permissions.actor?.role ? { role: permissions.actor.role } : {}),
  });
  const forbid = (allowed: boolean, what: string) => {
    if (!allowed)
      throw new ActivitySourceError('FORBIDDEN', `You may not ${what}.`, { status: 403 });
  };

  return {
    record,
    snapshot: () => [...events],
    permissions: (request) => answer(() => ({ ...permissions }), request?.signal),
    list: (query, request) => answer(() => page(query), request?.signal),
    get: (id, request) => answer(() => find(id), request?.signal),
    timeline: (ref, query, request) =>
      answer(() => {
        if (!parseRefKey(ref)) {
          throw new ActivitySourceError(
            'INVALID_INPUT',
            `"${ref}" is not a record key like customer:42.`,
            { status: 400 },
          );
        }
        return page(query, (event) => event.refs.some((r) => refKey(r) === ref));
      }, request?.signal),
    stats: (query, request) =>
      answer(() => {
        const { range, timeZone, matching } = periodSelection(query);
        return computeStats(matching, { range, timeZone, weekStartsOn, bucket: request?.bucket });
      }, request?.signal),
    signals: (query, request) =>
      answer(() => {
        const { range, timeZone, matching } = periodSelection(query);
        return detectSignals(matching, { all: visible(), range, timeZone });
      }, request?.signal),
    suggestActors: (query, request) => answer(() => suggestFrom(visible(), query), request?.signal),
    integrity: (request) => answer(integrity.integrity, request?.signal),
    checkpointOf: (id, request) => answer(() => integrity.checkpointOf(id), request?.signal),
    verify: async (input, request) => answer(() => integrity.verify(input), request?.signal),
    addNote: (note) =>
      answer(() => {
        forbid(permissions.canNote, 'add notes');
        forbid(
          !tenants || !note.tenantId || tenants.has(note.tenantId),
          `add notes to tenant ${note.tenantId}: it is outside your scope`,
        );
        // The server's rules for a note (schema's `noteInputSchema`: a record key, 1–5000 characters).
        const parsed = noteInputSchema.safeParse(note);
        if (!parsed.success) {
          throw new ActivitySourceError('INVALID_INPUT', describeIssues(parsed.error.issues), {
            status: 400,
          });
        }
        const body = parsed.data.body;
        const subject = parsed.data.ref;
        return record({
          action: 'note.added',
          kind: 'note',
          category: 'profile_notes',
          actor: actorOf(),
          subject,
          refs: [subject],
          ...(note.tenantId ? { tenantId: note.tenantId } : {}),
          // As the store writes a note: its text in `metadata.note`, the description generated.
          metadata: { note: body },
        });
      }),
    restore: (id) =>
      answer(() => {
        forbid(permissions.canRestore, 'restore records');
        const event = find(id);
        if (event.kind !== 'delete' || !event.snapshot || !event.subject) {
          // As REST and tRPC answer it (core's HTTP_STATUS_BY_CODE): 422, not a conflict.
          throw new ActivitySourceError(
            'INVALID_INPUT',
            `Event ${id} is not a delete with a snapshot.`,
            { status: 422, serverCode: 'NOT_RESTORABLE' },
          );
        }
        const action = `${event.subject.type}.restored`;
        if (events.some((e) => e.action === action && e.metadata?.restoredFrom === id)) {
          throw new ActivitySourceError('CONFLICT', `Event ${id} was already restored.`, {
            status: 409,
            serverCode: 'ALREADY_RESTORED',
          });
        }
        // As the store records it: an update linked to the delete it undoes.
        return record(restoredEventInput(event, { actor: actorOf() }));
      }),
    bulkDelete: (target) =>
      answer(() => {
        forbid(permissions.canDelete, 'delete events');
        const doomed = new Set(
          'ids' in target ? target.ids : select(target.query).matching.map((e) => e.id),
        );
        const gone = visible().filter((e) => doomed.has(e.id));
        events = events.filter((e) => !doomed.has(e.id));
        // As the store records it: per tenant, which ids, before they go.
        for (const tenant of new Set(gone.map((e) => e.tenantId))) {
          const ids = gone.filter((e) => e.tenantId === tenant).map((e) => e.id);
          for (const input of bulkDeletedEventInputs({ tenantId: tenant, ids, actor: actorOf() })) {
            record(input);
          }
        }
        const ids = gone.map((e) => e.id);
        return { deleted: ids.length, ids };
      }),
    export: (request, options) =>
      answer(() => {
        const chosen = request.ids ? new Set(request.ids) : undefined;
        const rows = chosen
          ? visible().filter((e) => chosen.has(e.id))
          : select(request.query ?? {}).matching;
        const file = exportFile(rows, { ...request, now: now() });
        options?.onProgress?.(file.blob.size);
        return file;
      }, options?.signal),
    subscribe(query, handlers) {
      const entry = { query, handlers };
      let open = true;
      void answer(() => compileQuery(query))
        .then(() => {
          if (!open) return;
          subscribers.add(entry);
          handlers.onOpen?.();
        })
        .catch((error: unknown) => {
          if (open && error instanceof ActivitySourceError) handlers.onError?.(error);
        });
      return () => {
        open = false;
        subscribers.delete(entry);
      };
    },
  };
}
