import { permissionsView, recordViewerView, viewerEvent } from '@activitykit/core';
import { isUlid, parseRefKey, type StatsBucket } from '@activitykit/schema';
import type { Router } from 'express';
import { z } from 'zod';
import { ActivityHttpError } from '../errors.ts';
import { requestContextOf, route } from './handler.ts';
import { checkWith, noParams, readQuery, searchParams, single } from './input.ts';
import type { ActivityApiOptions } from './options.ts';

const bucketSchema = z.enum(['hour', 'day', 'week']).optional();

/** `GET /scope`, `/`, `/timeline`, `/stats`, `/signals` and `/:id`. */
export function mountReadRoutes(router: Router, options: ActivityApiOptions): void {
  const { store } = options;

  router.get(
    '/scope',
    route(options, (req, res, access) => {
      noParams(req);
      res.json(permissionsView(access));
    }),
  );

  router.get(
    '/',
    route(options, async (req, res, access) => {
      const query = readQuery(searchParams(req));
      const page = await store.list(query, access.scope);
      // A token's bearer opening the log (its first page) is recorded: who looked is audited too.
      if (!query.cursor)
        recordViewerView(store, access, { page: 'list', context: requestContextOf(req) });
      res.json({ ...page, items: page.items.map((event) => viewerEvent(access, event)) });
    }),
  );

  router.get(
    '/timeline',
    route(options, async (req, res, access) => {
      const params = searchParams(req);
      const refText = single(params, 'ref');
      const ref = refText === undefined ? undefined : parseRefKey(refText);
      if (!ref || refText === undefined || refText.length > 301) {
        throw new ActivityHttpError(
          'INVALID_INPUT',
          'A timeline needs one record as ref=type:id, e.g. ref=customer:42.',
          { errors: [{ path: 'ref', message: 'expected type:id, e.g. customer:42' }] },
        );
      }
      const query = readQuery(params, ['ref']);
      if (query.subjects) {
        throw new ActivityHttpError('INVALID_INPUT', 'A timeline takes no subject filter.', {
          errors: [{ path: 'subject', message: 'not allowed on a timeline' }],
        });
      }
      const page = await store.timeline(ref, query, access.scope);
      if (!query.cursor) {
        const context = requestContextOf(req);
        recordViewerView(store, access, { page: 'timeline', target: refText, context });
      }
      res.json({ ...page, items: page.items.map((event) => viewerEvent(access, event)) });
    }),
  );

  router.get(
    '/stats',
    route(options, async (req, res, { scope }) => {
      const params = searchParams(req);
      const bucket = checkWith(bucketSchema, single(params, 'bucket'), () => 'bucket') as
        | StatsBucket
        | undefined;
      const query = readQuery(params, ['bucket']);
      res.json(await store.stats(query, scope, bucket ? { bucket } : {}));
    }),
  );

  router.get(
    '/signals',
    route(
      options,
      async (req, res, { scope }) => {
        const query = readQuery(searchParams(req));
        res.json({ items: await store.securitySignals(query, scope, options.signals) });
      },
      'none',
    ),
  );

  router.get(
    '/:id',
    route(options, async (req, res, access) => {
      noParams(req);
      const id = eventId(req.params.id);
      const event = await store.get(id, access.scope);
      recordViewerView(store, access, {
        page: 'event',
        target: id,
        context: requestContextOf(req),
      });
      res.json(viewerEvent(access, event));
    }),
  );
}

/** A path's event id, checked: `INVALID_INPUT` unless it is a ULID. */
export function eventId(id: unknown): string {
  if (typeof id !== 'string' || !isUlid(id)) {
    throw new ActivityHttpError(
      'INVALID_INPUT',
      `"${String(id).slice(0, 60)}" is not an event id (a 26-character ULID).`,
      { errors: [{ path: 'id', message: 'expected a 26-character ULID' }] },
    );
  }
  return id;
}
