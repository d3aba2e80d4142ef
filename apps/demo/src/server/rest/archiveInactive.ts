import type { Request, Response, Router } from 'express';
import { z } from 'zod';
import type { Collections } from '../domain/model.ts';
import { findTenant } from '../domain/tenants.ts';
import { HttpError, parseBody, recordUnder, requireUser } from './http.ts';

/** A customer with no booking and no order for this long (and older than it) is inactive. */
export const INACTIVE_DAYS = 30;

const archiveInput = z.object({ tenantId: z.string().max(60) });

/**
 * `POST /api/customers/archive-inactive` (administrators): archives one business's inactive
 * customers with one `updateMany`. The data layer records an event per customer and the write's
 * `customer.bulk_updated` summary under the request's correlation id, so the activity log shows
 * them as one batch; the route names no record, so it records nothing of its own.
 */
export function archiveInactiveRoute(router: Router, db: Collections): void {
  router.post('/archive-inactive', async (req: Request, res: Response) => {
    requireUser(req, ['admin']);
    const { tenantId } = parseBody(archiveInput, req.body);
    if (!findTenant(tenantId)) throw new HttpError(400, 'tenantId: no such business.');
    const since = new Date(Date.now() - INACTIVE_DAYS * 86_400_000);
    const [booked, ordered] = await Promise.all([
      db.bookings.distinct('customerId', { tenantId, startsAt: { $gte: since } }),
      db.orders.distinct('customerId', { tenantId, createdAt: { $gte: since } }),
    ]);
    recordUnder(res, { tenantId });
    const result = await db.customers.updateMany(
      {
        tenantId,
        archived: { $ne: true },
        createdAt: { $lt: since },
        _id: { $nin: [...booked, ...ordered] },
      },
      { $set: { archived: true, updatedAt: new Date() } },
    );
    res.json({ archived: result.modifiedCount });
  });
}
