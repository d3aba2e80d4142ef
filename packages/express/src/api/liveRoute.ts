import {
  type ActivityQueryInput,
  type ActivityScope,
  isUlid,
  LIVE_EVENT,
  resolvePeriod,
  ulidTime,
} from '@activitykit/schema';
import type { Request, Response, Router } from 'express';
import { ActivityHttpError } from '../errors.ts';
import { defaultOnError, route } from './handler.ts';
import { readQuery, searchParams, single } from './input.ts';
import type { ActivityApiOptions } from './options.ts';

/** Events sent per poll at most; the next poll goes on from there. */
const PAGES_PER_POLL = 5;
const PAGE = 200;

/**
 * `GET /live`: Server-Sent Events of new events matching the query, within the caller's scope.
 * Polls the store (FerretDB has no change streams), so events written by any process arrive;
 * resumes after `Last-Event-ID` (or `lastEventId`). `cursor`, `limit` and `sort` are validated, then
 * ignored: events come in the order they are found.
 */
export function mountLiveRoute(router: Router, options: ActivityApiOptions): void {
  router.get(
    '/live',
    route(options, (req, res, { scope }) => {
      const params = searchParams(req);
      const lastParam = single(params, 'lastEventId');
      const header = req.headers['last-event-id'];
      const lastEventId = (typeof header === 'string' && header) || lastParam || undefined;
      if (lastEventId !== undefined && !isUlid(lastEventId)) {
        throw new ActivityHttpError('INVALID_INPUT', 'Last-Event-ID is not an event id (a ULID).', {
          errors: [{ path: 'lastEventId', message: 'expected a 26-character ULID' }],
        });
      }
      // Page fields mean nothing to a stream (clients reuse their list query): they are ignored.
      const {
        cursor: _cursor,
        limit: _limit,
        sort: _sort,
        ...query
      } = readQuery(params, ['lastEventId']);
      startStream({ req, res, scope, query, lastEventId, options });
    }),
  );
}

interface StreamInput {
  req: Request;
  res: Response;
  scope: ActivityScope;
  query: ActivityQueryInput;
  lastEventId: string | undefined;
  options: ActivityApiOptions;
}

function startStream(input: StreamInput): void {
  const { req, res, scope, options } = input;
  const pollMs = options.live?.pollIntervalMs ?? 1000;
  const heartbeatMs = options.live?.heartbeatMs ?? 15_000;
  const lookbackMs = options.live?.lookbackMs ?? 30_000;
  const onError = options.onError ?? defaultOnError;
  const { from: userFrom, to: userTo, preset, timeZone, ...filters } = input.query;
  const period = preset ? resolvePeriod(preset, { timeZone: timeZone ?? 'UTC' }) : undefined;
  const floorFrom = maxDate(asDate(userFrom), period?.from);
  const to = asDate(userTo) ?? period?.to;

  res.writeHead(200, {
    'Content-Type': 'text/event-stream; charset=utf-8',
    'Cache-Control': 'no-store',
    Connection: 'keep-alive',
    'X-Accel-Buffering': 'no',
  });
  res.write(`retry: ${Math.max(1000, pollMs)}\n\n`);

  // Events newer than the resume point (or than now) and not sent yet; ids from other processes
  // may arrive late and out of order, so each poll looks back and remembers what it sent.
  const floorId = input.lastEventId ?? '';
  const start = input.lastEventId ? ulidTime(input.lastEventId) : Date.now();
  let pollFrom = new Date(start - (input.lastEventId ? lookbackMs : 0));
  const sent = new Map<string, number>();
  let closed = false;
  let timer: NodeJS.Timeout | undefined;

  const poll = async () => {
    let cursor: string | undefined;
    let last: Date | undefined;
    for (let page = 0; page < PAGES_PER_POLL && !closed; page++) {
      const query: ActivityQueryInput = {
        ...filters,
        timeZone,
        from: maxDate(pollFrom, floorFrom),
        sort: 'asc',
        limit: PAGE,
      };
      if (to) query.to = to;
      if (cursor) query.cursor = cursor;
      const result = await options.store.list(query, scope);
      for (const event of result.items) {
        last = event.occurredAt;
        if (event.id <= floorId || sent.has(event.id)) continue;
        sent.set(event.id, event.occurredAt.getTime());
        res.write(`id: ${event.id}\nevent: ${LIVE_EVENT}\ndata: ${JSON.stringify(event)}\n\n`);
      }
      cursor = result.nextCursor;
      if (!cursor) break;
    }
    // Caught up: look back a window from now. Still behind: go on from the last event read.
    const next = cursor && last ? last : new Date(Date.now() - lookbackMs);
    if (next > pollFrom) pollFrom = next;
    for (const [id, time] of sent) if (time < pollFrom.getTime()) sent.delete(id);
  };

  const loop = () => {
    poll().then(
      () => {
        if (!closed) timer = setTimeout(loop, pollMs);
      },
      (error: unknown) => {
        onError(error, req);
        stop();
        res.end();
      },
    );
  };
  const heartbeat = setInterval(() => res.write(': ping\n\n'), heartbeatMs);
  const stop = () => {
    closed = true;
    clearTimeout(timer);
    clearInterval(heartbeat);
  };
  res.on('close', stop);
  loop();
}

function maxDate(a: Date | undefined, b: Date | undefined): Date | undefined {
  if (!a) return b;
  if (!b) return a;
  return a > b ? a : b;
}

/** A query's date (validated already), as a `Date`. */
function asDate(value: unknown): Date | undefined {
  if (value === undefined || value === null) return undefined;
  return value instanceof Date ? value : new Date(String(value));
}
