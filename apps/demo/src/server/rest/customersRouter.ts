import { type Request, type Response, Router } from 'express';
import { z } from 'zod';
import { tenantFilter } from '../access.ts';
import { newId } from '../domain/ids.ts';
import type { Collections, CustomerDoc } from '../domain/model.ts';
import { isTenantLocation } from '../domain/tenants.ts';
import { archiveInactiveRoute } from './archiveInactive.ts';
import { dependentRoutes } from './dependentRoutes.ts';
import { HttpError, parseBody, recordUnder, requireUser, STAFF } from './http.ts';

const fields = {
  name: z.string().trim().min(1).max(120),
  email: z.email().max(320),
  phone: z.string().trim().max(40),
  location: z.string().max(60),
};
const createInput = z.object({ ...fields, tenantId: z.string().max(60).optional() });
const updateInput = z.object(fields).partial();

/**
 * `/api/customers` (REST, captured by `activityCapture`): list, read, create, edit and delete
 * customers; `/dependents` and `/waivers` below a customer; `POST /archive-inactive` for
 * administrators. `db.customers` is captured at the data layer (`capturedCollections`): each write
 * is recorded with its exact changes, so the handlers only name the business it happens in
 * (`recordUnder`, before the write).
 */
export function customersRouter(db: Collections): Router {
  const router = Router();

  async function loadCustomer(req: Request, id: string): Promise<CustomerDoc> {
    const user = requireUser(req, [...STAFF, 'customer']);
    if (user.role === 'customer' && user.customerId !== id)
      throw new HttpError(404, 'No such customer.');
    const customer = await db.customers.findOne({ _id: id, ...tenantFilter(user) });
    if (!customer) throw new HttpError(404, 'No such customer.');
    return customer;
  }

  router.get('/', async (req: Request, res: Response) => {
    const user = requireUser(req, STAFF);
    const q = typeof req.query.q === 'string' ? req.query.q.trim().slice(0, 100) : '';
    const pattern = q && new RegExp(q.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'), 'i');
    const items = await db.customers
      .find({
        ...tenantFilter(user),
        archived: { $ne: true },
        ...(pattern && { $or: [{ name: pattern }, { email: pattern }, { phone: pattern }] }),
      })
      .sort({ createdAt: -1 })
      .limit(100)
      .toArray();
    res.json({ items });
  });

  router.get('/:id', async (req: Request<{ id: string }>, res: Response) => {
    const customer = await loadCustomer(req, req.params.id);
    const [orders, bookings, waivers] = await Promise.all([
      db.orders.find({ customerId: customer._id }).sort({ createdAt: -1 }).limit(20).toArray(),
      db.bookings.find({ customerId: customer._id }).sort({ startsAt: -1 }).limit(20).toArray(),
      db.waivers.find({ customerId: customer._id }).sort({ signedAt: -1 }).limit(20).toArray(),
    ]);
    res.json({ customer, orders, bookings, waivers });
  });

  router.post('/', async (req: Request, res: Response) => {
    const user = requireUser(req, STAFF);
    const input = parseBody(createInput, req.body);
    const tenantId = user.role === 'admin' ? input.tenantId : user.tenantId;
    if (!tenantId || !isTenantLocation(tenantId, input.location)) {
      throw new HttpError(400, 'location: choose one of the business’s venues.');
    }
    const now = new Date();
    const customer: CustomerDoc = {
      _id: newId('C'),
      tenantId,
      name: input.name,
      email: input.email,
      phone: input.phone,
      location: input.location,
      dependents: [],
      createdAt: now,
      updatedAt: now,
    };
    recordUnder(res, customer);
    await db.customers.insertOne(customer);
    res.status(201).json(customer);
  });

  router.patch('/:id', async (req: Request<{ id: string }>, res: Response) => {
    requireUser(req, STAFF);
    const before = await loadCustomer(req, req.params.id);
    const input = parseBody(updateInput, req.body);
    if (input.location && !isTenantLocation(before.tenantId, input.location)) {
      throw new HttpError(400, 'location: choose one of the business’s venues.');
    }
    const after = { ...before, ...input, updatedAt: new Date() };
    recordUnder(res, after);
    await db.customers.replaceOne({ _id: before._id }, after);
    res.json(after);
  });

  router.delete('/:id', async (req: Request<{ id: string }>, res: Response) => {
    requireUser(req, STAFF);
    const customer = await loadCustomer(req, req.params.id);
    recordUnder(res, customer);
    await db.customers.deleteOne({ _id: customer._id });
    res.status(204).end();
  });

  archiveInactiveRoute(router, db);
  dependentRoutes(router, { db, loadCustomer });
  return router;
}
