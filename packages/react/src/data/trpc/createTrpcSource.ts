import type { ActivityQueryInput, StatsBucket } from '@activitykit/schema';
import { readCheckpointAnswer, readIntegrityStatus, readVerifyReport } from '../integrityWire.ts';
import { readBody } from '../readBody.ts';
import { readSuggestions } from '../rest/suggestions.ts';
import {
  type ActivitySource,
  ActivitySourceError,
  type RequestOptions,
  type VerifyInput,
} from '../source.ts';
import { readEvent, readPage, readPermissions, readSignals, readStats } from '../wire.ts';
import { errorFromTrpc } from './trpcError.ts';

interface Query<TInput> {
  query(input: TInput, options?: { signal?: AbortSignal }): Promise<unknown>;
}
interface Mutation<TInput> {
  mutate(input: TInput): Promise<unknown>;
}
interface Subscription<TInput> {
  subscribe(
    input: TInput,
    options: {
      onStarted?(): void;
      onData(value: unknown): void;
      onError?(error: unknown): void;
      onComplete?(): void;
    },
  ): { unsubscribe(): void };
}

/**
 * What {@link createTrpcSource} calls: the client proxy of `@activitykit/trpc`'s activity router
 * (`client.activity` when the router is mounted as `activity`). Outputs are read at run time, so
 * routers with or without a data transformer both work.
 */
export interface ActivityTrpcClient {
  scope: Query<undefined>;
  list: Query<ActivityQueryInput>;
  get: Query<{ id: string }>;
  timeline: Query<{ ref: string; query?: ActivityQueryInput }>;
  stats: Query<{ query?: ActivityQueryInput; bucket?: StatsBucket }>;
  signals: Query<{ query?: ActivityQueryInput }>;
  /** `@activitykit/trpc`'s `suggestActors` (routers before it have none: no suggestions). */
  suggestActors?: Query<{ prefix: string; limit?: number }>;
  /** `@activitykit/trpc`'s `integrity` (routers before it have none: no tamper evidence). */
  integrity?: Query<undefined>;
  /** `@activitykit/trpc`'s `checkpointOf`. */
  checkpointOf?: Query<{ id: string }>;
  /** `@activitykit/trpc`'s `verify` (a mutation that can be aborted). */
  verify?: {
    mutate(input: VerifyInput, options?: { signal?: AbortSignal }): Promise<unknown>;
  };
  addNote: Mutation<{ ref: string; body: string; tenantId?: string }>;
  restore: Mutation<{ id: string }>;
  bulkDelete: Mutation<{ ids: string[] } | { query: ActivityQueryInput }>;
  export: Mutation<{
    format: 'csv' | 'ndjson' | 'pdf';
    query?: ActivityQueryInput;
    ids?: string[];
    locale?: 'en' | 'ru';
  }>;
  live: Subscription<{ query?: ActivityQueryInput; lastEventId?: string }>;
}

/** Options of {@link createTrpcSource}. */
export interface TrpcSourceOptions {
  /** Fetches an export's download `url` when the router returns one. Defaults to `globalThis.fetch`. */
  fetch?: typeof fetch;
}

async function call<T>(run: () => Promise<unknown>, read: (value: unknown) => T): Promise<T> {
  let value: unknown;
  try {
    value = await run();
  } catch (error) {
    throw errorFromTrpc(error);
  }
  return read(value);
}

function decodeBase64(data: string): Uint8Array<ArrayBuffer> {
  const binary = atob(data);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

/** `integrity`, `checkpointOf` and `verify`, for a client whose router has them. */
function integritySide(
  client: ActivityTrpcClient,
  opts: (signal: AbortSignal | undefined) => { signal?: AbortSignal },
): Pick<ActivitySource, 'integrity' | 'checkpointOf' | 'verify'> {
  const { integrity, checkpointOf, verify } = client;
  return {
    ...(integrity
      ? {
          integrity: (request?: RequestOptions) =>
            call(() => integrity.query(undefined, opts(request?.signal)), readIntegrityStatus),
        }
      : {}),
    ...(checkpointOf
      ? {
          checkpointOf: (id: string, request?: RequestOptions) =>
            call(() => checkpointOf.query({ id }, opts(request?.signal)), readCheckpointAnswer),
        }
      : {}),
    ...(verify
      ? {
          verify: (input: VerifyInput, request?: RequestOptions) =>
            call(() => verify.mutate(input, opts(request?.signal)), readVerifyReport),
        }
      : {}),
  };
}

/**
 * A source over `@activitykit/trpc`'s router, through a tRPC 11 client (`httpBatchLink` for
 * queries, `httpSubscriptionLink` for `live`). Live events resume after the last tracked id.
 *
 * @example
 * ```ts
 * const client = createTRPCClient<AppRouter>({
 *   links: [splitLink({
 *     condition: (op) => op.type === 'subscription',
 *     true: httpSubscriptionLink({ url: '/trpc' }),
 *     false: httpBatchLink({ url: '/trpc' }),
 *   })],
 * });
 * const source = createTrpcSource(client.activity);
 * ```
 */
export function createTrpcSource(
  client: ActivityTrpcClient,
  options: TrpcSourceOptions = {},
): ActivitySource {
  const fetchImpl =
    options.fetch ?? ((...args: Parameters<typeof fetch>) => globalThis.fetch(...args));
  const opts = (signal: AbortSignal | undefined) => (signal ? { signal } : {});

  return {
    permissions: (request) =>
      call(() => client.scope.query(undefined, opts(request?.signal)), readPermissions),
    list: (query, request) => call(() => client.list.query(query, opts(request?.signal)), readPage),
    get: (id, request) => call(() => client.get.query({ id }, opts(request?.signal)), readEvent),
    timeline: (ref, query, request) =>
      call(() => client.timeline.query({ ref, query }, opts(request?.signal)), readPage),
    stats: (query, request) =>
      call(
        () =>
          client.stats.query(
            request?.bucket ? { query, bucket: request.bucket } : { query },
            opts(request?.signal),
          ),
        readStats,
      ),
    signals: (query, request) =>
      call(() => client.signals.query({ query }, opts(request?.signal)), readSignals),
    ...(client.suggestActors
      ? {
          suggestActors: (query: { prefix: string; limit?: number }, request?: RequestOptions) =>
            call(
              () =>
                (client.suggestActors as Query<typeof query>).query(query, opts(request?.signal)),
              readSuggestions,
            ),
        }
      : {}),
    ...integritySide(client, opts),
    addNote: (note) => call(() => client.addNote.mutate(note), readEvent),
    restore: (id) => call(() => client.restore.mutate({ id }), readEvent),
    bulkDelete: (target) =>
      call(
        () => client.bulkDelete.mutate(target),
        (value) => {
          const result = value as { deleted?: unknown; ids?: unknown };
          if (typeof result?.deleted !== 'number' || !Array.isArray(result.ids)) {
            throw new ActivitySourceError(
              'SERVER',
              'The bulkDelete answer is not a BulkDeleteResult.',
            );
          }
          return { deleted: result.deleted, ids: result.ids.map(String) };
        },
      ),
    async export(request, exportOptions) {
      const answer = await call(
        () => client.export.mutate(request),
        (value) =>
          value as {
            filename?: unknown;
            contentType?: unknown;
            url?: unknown;
            data?: unknown;
            encoding?: unknown;
          },
      );
      const filename =
        typeof answer.filename === 'string' ? answer.filename : `activity.${request.format}`;
      const type =
        typeof answer.contentType === 'string' ? answer.contentType : 'application/octet-stream';
      if (typeof answer.url === 'string') {
        let response: Response;
        try {
          response = await fetchImpl(answer.url, {
            credentials: 'same-origin',
            ...opts(exportOptions?.signal),
          });
        } catch (error) {
          throw new ActivitySourceError(
            'NETWORK',
            `Could not download the export: ${String(error)}`,
            { cause: error },
          );
        }
        if (!response.ok) {
          throw new ActivitySourceError(
            'SERVER',
            `The export download failed (${response.status}).`,
            { status: response.status },
          );
        }
        // Streamed: progress as the bytes arrive (a blob() would report them only at the end).
        return { blob: await readBody(response, type, exportOptions?.onProgress), filename };
      }
      if (typeof answer.data !== 'string') {
        throw new ActivitySourceError('SERVER', 'The export answer has neither a url nor data.');
      }
      const binary =
        answer.encoding === 'base64' || (type.includes('pdf') && !answer.data.startsWith('%PDF'));
      const blob = new Blob([binary ? decodeBase64(answer.data) : answer.data], { type });
      exportOptions?.onProgress?.(blob.size);
      return { blob, filename };
    },
    subscribe(query, handlers, start = {}) {
      let lastEventId = start.lastEventId;
      const subscription = client.live.subscribe(
        { query, ...(lastEventId ? { lastEventId } : {}) },
        {
          onStarted: () => handlers.onOpen?.(),
          onData: (value) => {
            // `tracked(id, event)` arrives as `{ id, data }`.
            const tracked = value as { id?: unknown; data?: unknown };
            const payload =
              tracked && typeof tracked === 'object' && 'data' in tracked ? tracked.data : value;
            try {
              const event = readEvent(payload);
              lastEventId = typeof tracked.id === 'string' ? tracked.id : event.id;
              handlers.onEvent(event);
            } catch (error) {
              handlers.onError?.(
                error instanceof ActivitySourceError
                  ? error
                  : new ActivitySourceError('SERVER', 'Unreadable live event.', { cause: error }),
              );
            }
          },
          onError: (error) => {
            const failure = errorFromTrpc(error);
            if (failure instanceof ActivitySourceError) handlers.onError?.(failure);
          },
        },
      );
      return () => subscription.unsubscribe();
    },
  };
}
