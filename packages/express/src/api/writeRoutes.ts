import {
  assertTenantInScope,
  bulkDeleteInputSchema,
  MAX_BULK_IDS,
  noteInputSchema,
  verifyInputSchema,
} from '@activitykit/core';
import express, { type Router } from 'express';
import { z } from 'zod';
import { ActivityHttpError } from '../errors.ts';
import { requestContextOf, route } from './handler.ts';
import { checkWith, noParams } from './input.ts';
import type { ActivityApiOptions } from './options.ts';
import { eventId } from './readRoutes.ts';

export { MAX_BULK_IDS };

/** `POST /verify`, `/:id/restore`, `/bulk-delete` and `/notes`. */
export function mountWriteRoutes(router: Router, options: ActivityApiOptions): void {
  const { store } = options;
  const json = express.json({ limit: options.bodyLimit ?? '100kb', strict: true });
  const body = (req: { body?: unknown }) => req.body ?? {};

  router.post(
    '/verify',
    json,
    route(
      options,
      async (req, res, { scope }) => {
        noParams(req);
        const input = checkWith(verifyInputSchema, body(req));
        assertTenantInScope(scope, input.tenantId);
        if (!options.verify) {
          throw new ActivityHttpError(
            'NOT_CONFIGURED',
            'Verification is not set up on this server: pass verify: { publicKey } to activityApi().',
          );
        }
        res.json(await store.verify(input, options.verify));
      },
      'none',
    ),
  );

  router.post(
    '/bulk-delete',
    json,
    route(
      options,
      async (req, res, { scope, actor }) => {
        noParams(req);
        const target = checkWith(bulkDeleteInputSchema, body(req));
        res.json(await store.bulkDelete(target, scope, { actor, context: requestContextOf(req) }));
      },
      'none',
    ),
  );

  router.post(
    '/notes',
    json,
    route(
      options,
      async (req, res, { scope, actor }) => {
        noParams(req);
        const input = checkWith(noteInputSchema, body(req));
        const note = await store.addNote(
          {
            ref: input.ref,
            body: input.body,
            author: actor,
            context: requestContextOf(req),
            ...(input.tenantId ? { tenantId: input.tenantId } : {}),
          },
          scope,
        );
        res.status(201).json(note);
      },
      'none',
    ),
  );

  router.post(
    '/:id/restore',
    json,
    route(
      options,
      async (req, res, { scope, actor }) => {
        noParams(req);
        checkWith(z.strictObject({}), body(req));
        const id = eventId(req.params.id);
        const restored = await store.restore(id, scope, {
          actor,
          context: requestContextOf(req),
          ...(options.restorers ? { restorers: options.restorers } : {}),
        });
        res.status(201).json(restored);
      },
      'none',
    ),
  );
}
