import {
  type ActivityQueryInput,
  LIVE_EVENT,
  queryToSearchParams,
  type StatsBucket,
} from '@activitykit/schema';
import { readCheckpointAnswer, readIntegrityStatus, readVerifyReport } from '../integrityWire.ts';
import { readBody } from '../readBody.ts';
import { type ActivitySource, ActivitySourceError, type LiveHandlers } from '../source.ts';
import { readEvent, readPage, readPermissions, readSignals, readStats } from '../wire.ts';
import { errorFromFetch, errorFromResponse, filenameFrom } from './problem.ts';
import { readSse } from './sse.ts';
import { readSuggestions } from './suggestions.ts';
import { type ViewerTokenSource, withViewerToken } from './viewerToken.ts';

/** Options of {@link createRestSource}. */
export interface RestSourceOptions {
  /** Where the app mounted `activityApi(...)`, e.g. `/api/activity` or `https://admin.example.com/api/activity`. */
  baseUrl: string;
  /** The `fetch` to use (auth wrappers, tests). Defaults to `globalThis.fetch`. */
  fetch?: typeof fetch;
  /** Extra request headers, or a function that makes them per request (e.g. a fresh token). Defaults to none. */
  headers?: HeadersInit | (() => HeadersInit | Promise<HeadersInit>);
  /** `fetch`'s credentials mode. Defaults to `'same-origin'`. */
  credentials?: RequestCredentials;
  /** First delay before reconnecting a dropped live stream, in ms (doubling up to 30 s). Defaults to `1000`. */
  reconnectDelay?: number;
  /**
   * A viewer token (`store.createViewerToken`) to send as `Authorization: Bearer`, fetched through
   * `get` (the app's minting endpoint) and fetched again when the API answers 401. Defaults to none.
   */
  viewerToken?: ViewerTokenSource;
}

type Params = URLSearchParams | undefined;

/**
 * A source over `@activitykit/express`'s REST API: JSON reads, problem+json errors, streamed
 * exports with progress, and the live stream as Server-Sent Events read with `fetch` (so custom
 * headers work), resuming after the last event id when the connection drops.
 *
 * @example
 * ```tsx
 * const source = createRestSource({ baseUrl: '/api/activity' });
 * <ActivityProvider source={source}><ActivityLog /></ActivityProvider>;
 * ```
 */
export function createRestSource(options: RestSourceOptions): ActivitySource {
  const base = options.baseUrl.replace(/\/+$/, '');
  const fetchImpl = withViewerToken(
    options.fetch ?? ((...args: Parameters<typeof fetch>) => globalThis.fetch(...args)),
    options.viewerToken,
  );
  const credentials = options.credentials ?? 'same-origin';
  const firstDelay = options.reconnectDelay ?? 1000;

  const url = (path: string, params?: Params) => {
    const search = params?.toString();
    return `${base}${path}${search ? `?${search}` : ''}`;
  };

  async function headers(extra: Record<string, string>): Promise<Headers> {
    const result = new Headers(
      typeof options.headers === 'function' ? await options.headers() : options.headers,
    );
    for (const [name, value] of Object.entries(extra)) result.set(name, value);
    return result;
  }

  async function send(
    path: string,
    init: { params?: Params; body?: unknown; signal?: AbortSignal | undefined; accept?: string },
  ) {
    const target = url(path, init.params);
    let response: Response;
    try {
      response = await fetchImpl(target, {
        method: init.body === undefined ? 'GET' : 'POST',
        credentials,
        headers: await headers({
          Accept: init.accept ?? 'application/json',
          ...(init.body === undefined ? {} : { 'Content-Type': 'application/json' }),
        }),
        ...(init.body === undefined ? {} : { body: JSON.stringify(init.body) }),
        ...(init.signal ? { signal: init.signal } : {}),
      });
    } catch (error) {
      throw errorFromFetch(error, target);
    }
    if (!response.ok) throw await errorFromResponse(response);
    return response;
  }

  async function json(path: string, init: Parameters<typeof send>[1] = {}): Promise<unknown> {
    const response = await send(path, init);
    try {
      return await response.json();
    } catch (error) {
      throw new ActivitySourceError('SERVER', `${path} answered something that is not JSON.`, {
        status: response.status,
        cause: error,
      });
    }
  }

  const params = (
    query: ActivityQueryInput,
    extra: Record<string, string | string[] | undefined> = {},
  ) => {
    const search = queryToSearchParams(query);
    for (const [name, value] of Object.entries(extra)) {
      for (const item of value === undefined ? [] : Array.isArray(value) ? value : [value]) {
        search.append(name, item);
      }
    }
    return search;
  };

  function subscribe(
    query: ActivityQueryInput,
    handlers: LiveHandlers,
    start: { lastEventId?: string } = {},
  ) {
    let lastEventId = start.lastEventId;
    let stopped = false;
    let attempt = 0;
    let retryAfter = firstDelay;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let controller: AbortController | undefined;

    const schedule = () => {
      if (stopped) return;
      const delay = Math.min(30_000, retryAfter * 2 ** attempt);
      attempt += 1;
      timer = setTimeout(connect, delay);
    };

    async function connect() {
      if (stopped) return;
      controller = new AbortController();
      const target = url('/live', params(query));
      try {
        const response = await fetchImpl(target, {
          credentials,
          headers: await headers({
            Accept: 'text/event-stream',
            ...(lastEventId ? { 'Last-Event-ID': lastEventId } : {}),
          }),
          signal: controller.signal,
        });
        if (!response.ok || !response.body) {
          const error = await errorFromResponse(response);
          handlers.onError?.(error);
          // Bad input and denied access do not heal by retrying.
          if (
            response.status >= 400 &&
            response.status < 500 &&
            response.status !== 408 &&
            response.status !== 429
          ) {
            stopped = true;
            return;
          }
          schedule();
          return;
        }
        attempt = 0;
        handlers.onOpen?.();
        await readSse(response.body, {
          onRetry: (ms) => {
            retryAfter = ms;
          },
          onMessage: (message) => {
            if (message.event !== LIVE_EVENT) return;
            try {
              const event = readEvent(JSON.parse(message.data));
              lastEventId = message.id ?? event.id;
              handlers.onEvent(event);
            } catch (error) {
              handlers.onError?.(
                error instanceof ActivitySourceError
                  ? error
                  : new ActivitySourceError('SERVER', 'The live stream sent an unreadable event.', {
                      cause: error,
                    }),
              );
            }
          },
        });
        if (!stopped) schedule();
      } catch (error) {
        if (stopped) return;
        const failure = errorFromFetch(error, target);
        handlers.onError?.(
          failure instanceof ActivitySourceError
            ? failure
            : new ActivitySourceError('NETWORK', 'The live stream was interrupted.', {
                cause: error,
              }),
        );
        schedule();
      }
    }

    void connect();
    return () => {
      stopped = true;
      if (timer) clearTimeout(timer);
      controller?.abort();
    };
  }

  return {
    permissions: async (request) =>
      readPermissions(await json('/scope', { signal: request?.signal })),
    list: async (query, request) =>
      readPage(await json('/', { params: params(query), signal: request?.signal })),
    get: async (id, request) =>
      readEvent(await json(`/${encodeURIComponent(id)}`, { signal: request?.signal })),
    timeline: async (ref, query, request) =>
      readPage(
        await json('/timeline', { params: params(query, { ref }), signal: request?.signal }),
      ),
    stats: async (query, request) =>
      readStats(
        await json('/stats', {
          params: params(query, { bucket: request?.bucket satisfies StatsBucket | undefined }),
          signal: request?.signal,
        }),
      ),
    signals: async (query, request) =>
      readSignals(await json('/signals', { params: params(query), signal: request?.signal })),
    suggestActors: async (query, request) => {
      const search = new URLSearchParams({ prefix: query.prefix });
      if (query.limit !== undefined) search.set('limit', String(query.limit));
      const answer = (await json('/actors', { params: search, signal: request?.signal })) as {
        items?: unknown;
      };
      return readSuggestions(answer?.items);
    },
    integrity: async (request) =>
      readIntegrityStatus(await json('/integrity', { signal: request?.signal })),
    checkpointOf: async (id, request) =>
      readCheckpointAnswer(
        await json(`/${encodeURIComponent(id)}/checkpoint`, { signal: request?.signal }),
      ),
    verify: async (input, request) =>
      readVerifyReport(await json('/verify', { body: input, signal: request?.signal })),
    addNote: async (note) => readEvent(await json('/notes', { body: note })),
    restore: async (id) =>
      readEvent(await json(`/${encodeURIComponent(id)}/restore`, { body: {} })),
    bulkDelete: async (target) => {
      const result = (await json('/bulk-delete', { body: target })) as {
        deleted?: unknown;
        ids?: unknown;
      };
      if (typeof result?.deleted !== 'number' || !Array.isArray(result.ids)) {
        throw new ActivitySourceError(
          'SERVER',
          'The bulk delete answer is not a BulkDeleteResult.',
        );
      }
      return { deleted: result.deleted, ids: result.ids.map(String) };
    },
    async export(request, options) {
      const response = await send(`/export.${request.format}`, {
        params: params(request.query ?? {}, { id: request.ids, locale: request.locale }),
        signal: options?.signal,
        accept: '*/*',
      });
      const type = response.headers.get('Content-Type') ?? 'application/octet-stream';
      const filename = filenameFrom(
        response.headers.get('Content-Disposition'),
        `activity.${request.format}`,
      );
      return { blob: await readBody(response, type, options?.onProgress), filename };
    },
    subscribe,
  };
}
