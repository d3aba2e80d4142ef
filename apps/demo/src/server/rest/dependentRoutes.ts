import type { Request, Response, Router } from 'express';
import { z } from 'zod';
import { newId } from '../domain/ids.ts';
import { refs } from '../domain/labels.ts';
import type { Collections, CustomerDoc, WaiverDoc } from '../domain/model.ts';
import { HttpError, parseBody, recordUnder, requireUser, STAFF } from './http.ts';

const dependentInput = z.object({
  name: z.string().trim().min(1).max(120),
  birthYear: z.number().int().min(1900).max(2100),
});
const waiverInput = z.object({ participant: z.string().trim().min(1).max(120) });

/**
 * Records below a customer: `POST /:customerId/dependents`, `DELETE /:customerId/dependents/:id`
 * and `POST /:customerId/waivers` (recorded as `waiver.signed`). Each event refers to the
 * customer, so it shows on the customer's timeline. A dependent lives in its customer's document:
 * the data layer records the customer's change (`dependents`, exactly), the route the dependent's
 * own event, both under one correlation id.
 */
export function dependentRoutes(
  router: Router,
  {
    db,
    loadCustomer,
  }: { db: Collections; loadCustomer: (req: Request, id: string) => Promise<CustomerDoc> },
): void {
  router.post(
    '/:customerId/dependents',
    async (req: Request<{ customerId: string }>, res: Response) => {
      requireUser(req, STAFF);
      const customer = await loadCustomer(req, req.params.customerId);
      const input = parseBody(dependentInput, req.body);
      const dependent = { id: newId('D'), ...input };
      recordUnder(res, customer);
      req.activity
        .subject({ id: dependent.id, label: dependent.name })
        .ref(refs.customer(customer));
      await db.customers.updateOne({ _id: customer._id }, { $push: { dependents: dependent } });
      res.status(201).json(dependent);
    },
  );

  router.delete(
    '/:customerId/dependents/:id',
    async (req: Request<{ customerId: string; id: string }>, res: Response) => {
      requireUser(req, STAFF);
      const customer = await loadCustomer(req, req.params.customerId);
      const dependent = customer.dependents.find((entry) => entry.id === req.params.id);
      if (!dependent) throw new HttpError(404, 'No such dependent.');
      recordUnder(res, customer);
      req.activity.label(dependent.name).ref(refs.customer(customer));
      await db.customers.updateOne(
        { _id: customer._id },
        { $set: { dependents: customer.dependents.filter((entry) => entry !== dependent) } },
      );
      res.status(204).end();
    },
  );

  router.post(
    '/:customerId/waivers',
    async (req: Request<{ customerId: string }>, res: Response) => {
      requireUser(req, STAFF);
      const customer = await loadCustomer(req, req.params.customerId);
      const { participant } = parseBody(waiverInput, req.body);
      const waiver: WaiverDoc = {
        _id: newId('W'),
        tenantId: customer.tenantId,
        customerId: customer._id,
        participant,
        signedAt: new Date(),
      };
      await db.waivers.insertOne(waiver);
      recordUnder(res, customer);
      req.activity
        .after({ participant })
        .subject({ id: waiver._id, label: `Waiver: ${participant}` })
        .ref(refs.customer(customer));
      res.status(201).json(waiver);
    },
  );
}
