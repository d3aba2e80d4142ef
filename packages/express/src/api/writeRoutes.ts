import { assertTenantInScope } from '@activitykit/core';
import { activityQuerySchema, eventIdSchema, parseRefKey } from '@activitykit/schema';
import express, { type Router } from 'express';
import { z } from 'zod';
import { ActivityHttpError } from '../errors.ts';
import { requestContextOf, route } from './handler.ts';
import { checkWith, noParams } from './input.ts';
import type { ActivityApiOptions } from './options.ts';
import { eventId } from './readRoutes.ts';

/** The most ids one bulk delete may name. */
export const MAX_BULK_IDS = 1000;

const verifySchema = z.strictObject({
  tenantId: z.string().trim().min(1).max(200),
  from: z.iso.datetime({ offset: true }).pipe(z.coerce.date()).optional(),
  to: z.iso.datetime({ offset: true }).pipe(z.coerce.date()).optional(),
});
const bulkDeleteSchema = z.union([
  z.strictObject({ ids: z.array(eventIdSchema).min(1).max(MAX_BULK_IDS) }),
  z.strictObject({ query: activityQuerySchema.omit({ cursor: true, limit: true, sort: true }) }),
]);
const noteSchema = z.strictObject({
  ref: z
    .string()
    .max(301)
    .regex(/^[^:\s]+:.+$/, 'a record key is type:id, e.g. "customer:42"'),
  body: z.string().trim().min(1).max(5000),
  tenantId: z.string().trim().min(1).max(200).optional(),
});

/** `POST /verify`, `/:id/restore`, `/bulk-delete` and `/notes`. */
export function mountWriteRoutes(router: Router, options: ActivityApiOptions): void {
  const { store } = options;
  const json = express.json({ limit: options.bodyLimit ?? '100kb', strict: true });
  const body = (req: { body?: unknown }) => req.body ?? {};

  router.post(
    '/verify',
    json,
    route(options, async (req, res, { scope }) => {
      noParams(req);
      const input = checkWith(verifySchema, body(req));
      assertTenantInScope(scope, input.tenantId);
      if (!options.verify) {
        throw new ActivityHttpError(
          'NOT_CONFIGURED',
          'Verification is not set up on this server: pass verify: { publicKey } to activityApi().',
        );
      }
      res.json(await store.verify(input, options.verify));
    }),
  );

  router.post(
    '/bulk-delete',
    json,
    route(options, async (req, res, { scope, actor }) => {
      noParams(req);
      const target = checkWith(bulkDeleteSchema, body(req));
      res.json(await store.bulkDelete(target, scope, { actor, context: requestContextOf(req) }));
    }),
  );

  router.post(
    '/notes',
    json,
    route(options, async (req, res, { scope, actor }) => {
      noParams(req);
      const input = checkWith(noteSchema, body(req));
      const ref = parseRefKey(input.ref);
      if (!ref)
        throw new ActivityHttpError('INVALID_INPUT', 'ref must be type:id, e.g. customer:42.');
      const note = await store.addNote(
        {
          ref,
          body: input.body,
          author: actor,
          context: requestContextOf(req),
          ...(input.tenantId ? { tenantId: input.tenantId } : {}),
        },
        scope,
      );
      res.status(201).json(note);
    }),
  );

  router.post(
    '/:id/restore',
    json,
    route(options, async (req, res, { scope, actor }) => {
      noParams(req);
      checkWith(z.strictObject({}), body(req));
      const id = eventId(req.params.id);
      const restored = await store.restore(id, scope, {
        actor,
        context: requestContextOf(req),
        ...(options.restorers ? { restorers: options.restorers } : {}),
      });
      res.status(201).json(restored);
    }),
  );
}
