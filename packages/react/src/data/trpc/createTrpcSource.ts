import type { ActivityQueryInput, StatsBucket } from '@activitykit/schema';
import { readCheckpointAnswer, readIntegrityStatus, readVerifyReport } from '../integrityWire.ts';
import { readBody } from '../readBody.ts';
import { readSuggestions } from '../rest/suggestions.ts';
import { type ViewerTokenSource, viewerTokenHolder } from '../rest/viewerToken.ts';
import {
  type ActivitySource,
  ActivitySourceError,
  type RequestOptions,
  type VerifyInput,
} from '../source.ts';
import { readEvent, readPage, readPermissions, readSignals, readStats } from '../wire.ts';
import { errorFromTrpc } from './trpcError.ts';

/** Per-call options the source passes: an abort signal, and the viewer token in the op's context. */
interface CallOptions {
  signal?: AbortSignal;
  context?: { authorization?: string };
}
interface Query<TInput> {
  query(input: TInput, options?: CallOptions): Promise<unknown>;
}
interface Mutation<TInput> {
  mutate(input: TInput, options?: CallOptions): Promise<unknown>;
}
interface Subscription<TInput> {
  subscribe(
    input: TInput,
    options: {
      onStarted?(): void;
      onData(value: unknown): void;
      onError?(error: unknown): void;
      onComplete?(): void;
      context?: CallOptions['context'];
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
    mutate(input: VerifyInput, options?: CallOptions): Promise<unknown>;
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
  /**
   * A viewer token (`store.createViewerToken`), fetched through `get` and again when a call fails
   * with `UNAUTHORIZED` (then retried once). Each call carries it as `Bearer <token>` in the op's
   * `context.authorization`; the client's links send it as the `Authorization` header (see the
   * README). Defaults to none.
   */
  viewerToken?: ViewerTokenSource;
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
  opts: (signal: AbortSignal | undefined) => CallOptions,
  run: typeof call,
): Pick<ActivitySource, 'integrity' | 'checkpointOf' | 'verify'> {
  const { integrity, checkpointOf, verify } = client;
  return {
    ...(integrity
      ? {
          integrity: (request?: RequestOptions) =>
            run(() => integrity.query(undefined, opts(request?.signal)), readIntegrityStatus),
        }
      : {}),
    ...(checkpointOf
      ? {
          checkpointOf: (id: string, request?: RequestOptions) =>
            run(() => checkpointOf.query({ id }, opts(request?.signal)), readCheckpointAnswer),
        }
      : {}),
    ...(verify
      ? {
          verify: (input: VerifyInput, request?: RequestOptions) =>
            run(() => verify.mutate(input, opts(request?.signal)), readVerifyReport),
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
  const holder = options.viewerToken && viewerTokenHolder(options.viewerToken);
  let authorization: string | undefined;
  const opts = (signal?: AbortSignal): CallOptions => ({
    ...(signal && { signal }),
    ...(authorization && { context: { authorization } }),
  });
  /** `call`, with the viewer token (a fresh one, once, after `UNAUTHORIZED`). */
  const run: typeof call = async (go, read) => {
    for (let retried = false; ; retried = true) {
      if (holder) authorization = `Bearer ${await holder.current()}`;
      try {
        return await call(go, read);
      } catch (error) {
        if (!holder || retried || (error as ActivitySourceError).code !== 'UNAUTHORIZED')
          throw error;
        holder.drop();
      }
    }
  };

  return {
    permissions: (request) =>
      run(() => client.scope.query(undefined, opts(request?.signal)), readPermissions),
    list: (query, request) => run(() => client.list.query(query, opts(request?.signal)), readPage),
    get: (id, request) => run(() => client.get.query({ id }, opts(request?.signal)), readEvent),
    timeline: (ref, query, request) =>
      run(() => client.timeline.query({ ref, query }, opts(request?.signal)), readPage),
    stats: (query, request) =>
      run(
        () =>
          client.stats.query(
            request?.bucket ? { query, bucket: request.bucket } : { query },
            opts(request?.signal),
          ),
        readStats,
      ),
    signals: (query, request) =>
      run(() => client.signals.query({ query }, opts(request?.signal)), readSignals),
    ...(client.suggestActors
      ? {
          suggestActors: (query: { prefix: string; limit?: number }, request?: RequestOptions) =>
            run(
              () =>
                (client.suggestActors as Query<typeof query>).query(query, opts(request?.signal)),
              readSuggestions,
            ),
        }
      : {}),
    ...integritySide(client, opts, run),
    addNote: (note) => run(() => client.addNote.mutate(note), readEvent),
    restore: (id) => run(() => client.restore.mutate({ id }), readEvent),
    bulkDelete: (target) =>
      run(
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
      const answer = await run(
        () => client.export.mutate(request, opts()),
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
      let subscription: { unsubscribe(): void } | undefined;
      let stopped = false;
      const open = async (retried: boolean) => {
        if (holder) authorization = `Bearer ${await holder.current()}`;
        if (stopped) return;
        subscription = client.live.subscribe(
          { query, ...(lastEventId ? { lastEventId } : {}) },
          {
            ...opts(),
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
              if (!(failure instanceof ActivitySourceError)) return;
              // An expired or revoked viewer token: a fresh one, once.
              if (holder && !retried && failure.code === 'UNAUTHORIZED') {
                holder.drop();
                subscription?.unsubscribe();
                void open(true);
                return;
              }
              handlers.onError?.(failure);
            },
          },
        );
      };
      open(false).catch((error: unknown) =>
        handlers.onError?.(
          new ActivitySourceError('UNAUTHORIZED', String(error), { cause: error }),
        ),
      );
      return () => {
        stopped = true;
        subscription?.unsubscribe();
      };
    },
  };
}
