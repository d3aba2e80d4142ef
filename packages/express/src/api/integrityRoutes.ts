import type { CheckpointSummary, IntegrityStatus } from '@activitykit/schema';
import type { Router } from 'express';
import { route } from './handler.ts';
import { noParams } from './input.ts';
import type { ActivityApiOptions } from './options.ts';
import { eventId } from './readRoutes.ts';

/**
 * `GET /integrity` (how far each tenant of the caller's scope is sealed) and `GET /:id/checkpoint`
 * (the checkpoint that seals one event). `POST /verify` is among the write routes.
 */
export function mountIntegrityRoutes(router: Router, options: ActivityApiOptions): void {
  const { store } = options;

  router.get(
    '/integrity',
    route(options, async (req, res, { scope }) => {
      noParams(req);
      const status = await store.integrityStatus(scope);
      // This API verifies only with its own public key, whatever the store holds.
      res.json({ ...status, canVerify: Boolean(options.verify) } satisfies IntegrityStatus);
    }),
  );

  router.get(
    '/:id/checkpoint',
    route(options, async (req, res, { scope }) => {
      noParams(req);
      const checkpoint = await store.checkpointOf(eventId(req.params.id), scope);
      res.json({ checkpoint: checkpoint ?? null } satisfies {
        checkpoint: CheckpointSummary | null;
      });
    }),
  );
}
