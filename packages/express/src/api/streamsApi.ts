import {
  createStreamInputSchema,
  streamIdSchema,
  updateStreamInputSchema,
} from '@activitykit/core';
import express, { Router as createRouter, type ErrorRequestHandler, type Request } from 'express';
import { z } from 'zod';
import { ActivityHttpError } from '../errors.ts';
import { sendProblem } from '../problem.ts';
import type { ActivityApiHandlers } from './activityApi.ts';
import { defaultOnError, requestContextOf, route } from './handler.ts';
import { checkWith, noParams } from './input.ts';
import type { ActivityApiOptions } from './options.ts';

/** Options of {@link activityStreamsApi}. */
export type ActivityStreamsApiOptions = Pick<
  ActivityApiOptions,
  'store' | 'authorize' | 'onError' | 'bodyLimit'
>;

const rotateSchema = z.strictObject({ keepPrevious: z.boolean().optional() });

/**
 * The REST API of log streams (core's `store.streams`) as an Express router, for the administrators
 * of a tenant: `GET /` (streams with their status), `POST /` (create: a webhook's `secret` is in
 * this answer only), `GET|PATCH|DELETE /:id`, and `POST /:id/pause`, `/:id/resume`, `/:id/test`,
 * `/:id/rotate-secret`. `authorize(req)` answers who may manage them — give it only to
 * administrators; the store also wants a scope over every role of the stream's tenant. Errors are
 * `application/problem+json`, as `activityApi`'s; every change is recorded as an audit event.
 *
 * @example
 * ```ts
 * app.use('/api/activity-streams', activityStreamsApi({
 *   store,
 *   authorize: (req) => req.user?.role === 'admin'
 *     ? { scope: { tenants: '*' }, actor: { id: req.user.id, type: 'user', name: req.user.name } }
 *     : undefined,
 * }));
 * ```
 */
export function activityStreamsApi(options: ActivityStreamsApiOptions): ActivityApiHandlers {
  if (!options || typeof options.store?.streams?.list !== 'function') {
    throw new ActivityHttpError(
      'INVALID_OPTIONS',
      'activityStreamsApi needs { store }: the store from createActivityStore().',
    );
  }
  if (typeof options.authorize !== 'function') {
    throw new ActivityHttpError(
      'INVALID_OPTIONS',
      'activityStreamsApi needs { authorize(req) } returning { scope, actor } for an administrator (or nothing: 401).',
    );
  }
  const { streams } = options.store;
  const apiOptions = { ...options, viewerTokens: false } satisfies ActivityApiOptions;
  const on = (run: Parameters<typeof route>[1]) => route(apiOptions, run, 'none');
  const json = express.json({ limit: options.bodyLimit ?? '100kb', strict: true });
  const body = (req: Request): unknown => req.body ?? {};
  const id = (req: Request) => checkWith(streamIdSchema, req.params.id, () => 'id');
  const access = (req: Request, granted: { scope: unknown; actor: unknown }) =>
    ({ ...granted, context: requestContextOf(req) }) as Parameters<typeof streams.pause>[1];

  const router = createRouter({ caseSensitive: true, strict: false });
  router.use((req, res, next) => {
    // Each change is recorded by the store itself.
    (req as { activity?: { skip(): void } }).activity?.skip();
    res.setHeader('Cache-Control', 'no-store');
    next();
  });
  router.get(
    '/',
    on(async (req, res, granted) => {
      noParams(req);
      res.json({ items: await streams.list(granted) });
    }),
  );
  router.post(
    '/',
    json,
    on(async (req, res, granted) => {
      noParams(req);
      const input = checkWith(createStreamInputSchema, body(req));
      res.status(201).json(await streams.create(input, access(req, granted)));
    }),
  );
  router.get(
    '/:id',
    on(async (req, res, granted) => {
      noParams(req);
      res.json(await streams.get(id(req), granted));
    }),
  );
  router.patch(
    '/:id',
    json,
    on(async (req, res, granted) => {
      noParams(req);
      const input = checkWith(updateStreamInputSchema, body(req));
      res.json(await streams.update(id(req), input, access(req, granted)));
    }),
  );
  router.delete(
    '/:id',
    on(async (req, res, granted) => {
      noParams(req);
      await streams.remove(id(req), access(req, granted));
      res.status(204).end();
    }),
  );
  for (const action of ['pause', 'resume', 'test'] as const) {
    router.post(
      `/:id/${action}`,
      on(async (req, res, granted) => {
        noParams(req);
        const streamId = id(req);
        const who = access(req, granted);
        res.json(
          action === 'test'
            ? await streams.sendTest(streamId, who)
            : await streams[action](streamId, who),
        );
      }),
    );
  }
  router.post(
    '/:id/rotate-secret',
    json,
    on(async (req, res, granted) => {
      noParams(req);
      const input = checkWith(rotateSchema, body(req));
      res.json(await streams.rotateSecret(id(req), access(req, granted), input));
    }),
  );
  router.use((_req, res) => {
    sendProblem(res, new ActivityHttpError('NOT_FOUND', 'No such log streams API route.'));
  });
  // Express tells error handlers by their four parameters.
  // biome-ignore lint/complexity/useMaxParams: the signature of an Express error handler.
  const onFailure: ErrorRequestHandler = (error, req, res, _next) => {
    res.setHeader('Cache-Control', 'no-store');
    const problem = sendProblem(res, error);
    if (problem.status >= 500) (options.onError ?? defaultOnError)(error, req);
  };
  router.use(onFailure);
  return [router, onFailure];
}
