import { TRPCError } from '@trpc/server';
import { z } from 'zod';
import { tenantFilter } from '../access.ts';
import { newId } from '../domain/ids.ts';
import { refs, totalOf } from '../domain/labels.ts';
import { ORDER_STATUSES, type OrderDoc } from '../domain/model.ts';
import { type ProcedureDeps, procedures, router } from './init.ts';
import { findCustomer, findRecord } from './records.ts';

const lineItem = z.object({
  name: z.string().trim().min(1).max(120),
  qty: z.number().int().min(1).max(999),
  price: z.number().min(0).max(1_000_000),
});

/**
 * `orders.*` (tRPC, recorded by `activityMiddleware`): list, create, change the status and delete.
 * `db.orders` is captured at the data layer (`capturedCollections`): each write is recorded with
 * its exact changes (a delete with its snapshot), referring to the order's customer, so the
 * procedures only name the business (`ctx.activity.tenant`, before the write). Deleted orders
 * cannot be restored from the log (seed 001).
 */
export function ordersRouter(deps: ProcedureDeps) {
  const { db } = deps;
  const { staff } = procedures(deps);
  return router({
    list: staff
      .input(z.object({ status: z.enum(ORDER_STATUSES).optional() }).optional())
      .query(({ ctx, input }) =>
        db.orders
          .find({ ...tenantFilter(ctx.user), ...(input?.status && { status: input.status }) })
          .sort({ createdAt: -1 })
          .limit(100)
          .toArray(),
      ),

    get: staff
      .input(z.object({ id: z.string().max(40) }))
      .query(({ ctx, input }) => findRecord(db.orders, { id: input.id, user: ctx.user })),

    create: staff
      .meta({ activity: { action: 'order.created', kind: 'create' } })
      .input(z.object({ customerId: z.string().max(40), items: z.array(lineItem).min(1).max(50) }))
      .mutation(async ({ ctx, input }) => {
        const customer = await findCustomer(db, { id: input.customerId, user: ctx.user });
        const order: OrderDoc = {
          _id: newId('O'),
          tenantId: customer.tenantId,
          customerId: customer._id,
          customerName: customer.name,
          location: ctx.user.location ?? customer.location,
          items: input.items,
          total: totalOf(input.items),
          status: 'new',
          createdAt: new Date(),
        };
        ctx.activity.tenant(order.tenantId);
        ctx.activity.subject(refs.order(order));
        await db.orders.insertOne(order);
        return order;
      }),

    setStatus: staff
      .meta({ activity: { action: 'order.status_changed', kind: 'update' } })
      .input(z.object({ id: z.string().max(40), status: z.enum(ORDER_STATUSES) }))
      .mutation(async ({ ctx, input }) => {
        const before = await findRecord(db.orders, { id: input.id, user: ctx.user });
        ctx.activity.tenant(before.tenantId);
        ctx.activity.subject(refs.order(before));
        await db.orders.updateOne({ _id: before._id }, { $set: { status: input.status } });
        return { ...before, status: input.status };
      }),

    delete: staff
      .meta({ activity: { action: 'order.deleted', kind: 'delete' } })
      .input(z.object({ id: z.string().max(40) }))
      .mutation(async ({ ctx, input }) => {
        const order = await findRecord(db.orders, { id: input.id, user: ctx.user });
        if (order.status !== 'new' && order.status !== 'cancelled') {
          throw new TRPCError({
            code: 'CONFLICT',
            message: 'Only new or cancelled orders can be deleted.',
          });
        }
        ctx.activity.tenant(order.tenantId);
        ctx.activity.subject(refs.order(order));
        await db.orders.deleteOne({ _id: order._id });
        return { id: order._id };
      }),
  });
}
