import {
  activityFailure,
  createStreamSlots,
  DEFAULT_MAX_STREAMS_PER_TENANT,
  DEFAULT_WATCH_LOOKBACK_MS,
  type StreamSlots,
  viewerEvent,
  type WatchScope,
} from '@activitykit/core';
import {
  type ActivityEvent,
  type ActivityQueryInput,
  type ActivityScope,
  isUlid,
  LIVE_EVENT,
} from '@activitykit/schema';
import type { Request, Response, Router } from 'express';
import { ActivityHttpError } from '../errors.ts';
import { authorizeRequest, defaultOnError, route } from './handler.ts';
import { readQuery, searchParams, single } from './input.ts';
import type { ActivityApiOptions } from './options.ts';

/**
 * `GET /live`: Server-Sent Events of new events matching the query, within the caller's scope,
 * from `store.watch` (it polls: FerretDB has no change streams), so events written by any process
 * arrive, oldest id first; resumes after `Last-Event-ID` (or `lastEventId`). `cursor`, `limit` and
 * `sort` are validated, then ignored. A tenant holds at most `live.maxStreamsPerTenant` streams.
 */
export function mountLiveRoute(router: Router, options: ActivityApiOptions): void {
  const maxPerTenant = options.live?.maxStreamsPerTenant ?? DEFAULT_MAX_STREAMS_PER_TENANT;
  const slots = createStreamSlots({ maxPerTenant });
  router.get(
    '/live',
    route(options, (req, res, access) => {
      const { scope } = access;
      const params = searchParams(req);
      const lastParam = single(params, 'lastEventId');
      const header = req.headers['last-event-id'];
      const lastEventId = (typeof header === 'string' && header) || lastParam || undefined;
      if (lastEventId !== undefined && !isUlid(lastEventId)) {
        throw new ActivityHttpError('INVALID_INPUT', 'Last-Event-ID is not an event id (a ULID).', {
          errors: [{ path: 'lastEventId', message: 'expected a 26-character ULID' }],
        });
      }
      // Clients reuse their list query: `store.watch` ignores its page fields.
      const query = readQuery(params, ['lastEventId']);
      const slot = takeSlot(slots, scope, maxPerTenant);
      res.on('close', slot.release);
      // A token's stream asks again before every poll: it ends once the token expires or is revoked.
      const watchScope = access.viewer
        ? async () => (await authorizeRequest(req, options)).scope
        : scope;
      const show = (event: ActivityEvent) => viewerEvent(access, event);
      startStream({ req, res, scope: watchScope, query, lastEventId, options, show });
    }),
  );
}

/** A stream's slot in its tenants' count, or the 429 problem that says what to do. */
function takeSlot(slots: StreamSlots, scope: ActivityScope, max: number): { release: () => void } {
  const slot = slots.take(scope);
  if ('release' in slot) return slot;
  const who = slot.full === '*' ? 'Readers of every tenant have' : `Tenant "${slot.full}" has`;
  throw new ActivityHttpError(
    'TOO_MANY_STREAMS',
    `${who} ${max} live streams open, the most allowed: close one (another tab or window) and reconnect, or ask the server's operator to raise live.maxStreamsPerTenant.`,
  );
}

interface StreamInput {
  req: Request;
  res: Response;
  scope: WatchScope;
  query: ActivityQueryInput;
  lastEventId: string | undefined;
  options: ActivityApiOptions;
  /** How each event is shown to this reader (`viewerEvent`). */
  show: (event: ActivityEvent) => ActivityEvent;
}

/** Streams `store.watch` as Server-Sent Events until the client goes away. */
function startStream(input: StreamInput): void {
  const { req, res, options } = input;
  const {
    heartbeatMs = 15_000,
    lookbackMs = DEFAULT_WATCH_LOOKBACK_MS,
    ...watch
  } = options.live ?? {};
  const onError = options.onError ?? defaultOnError;

  res.writeHead(200, {
    'Content-Type': 'text/event-stream; charset=utf-8',
    'Cache-Control': 'no-store',
    Connection: 'keep-alive',
    'X-Accel-Buffering': 'no',
  });
  res.write(`retry: ${Math.max(1000, watch.pollIntervalMs ?? 1000)}\n\n`);

  const closed = new AbortController();
  const heartbeat = setInterval(() => res.write(': ping\n\n'), heartbeatMs);
  res.on('close', () => closed.abort());
  const events = options.store.watch(input.query, input.scope, {
    ...watch,
    lookbackMs,
    after: input.lastEventId,
    signal: closed.signal,
  });
  void (async () => {
    try {
      for await (const event of events) {
        const data = JSON.stringify(input.show(event));
        res.write(`id: ${event.id}\nevent: ${LIVE_EVENT}\ndata: ${data}\n\n`);
      }
    } catch (error) {
      // A viewer token that expired or was revoked ends its stream: the client reconnects with a new one.
      if (!closed.signal.aborted && activityFailure(error)?.status !== 401) onError(error, req);
    } finally {
      clearInterval(heartbeat);
      res.end();
    }
  })();
}
