import { TRPCError } from '@trpc/server';
import { z } from 'zod';
import { CATALOGS } from '../../seed/catalog.ts';
import { tenantFilter } from '../access.ts';
import { newId } from '../domain/ids.ts';
import { refs, totalOf } from '../domain/labels.ts';
import type { SaleDoc } from '../domain/model.ts';
import { findTenant, isTenantLocation, TENANTS } from '../domain/tenants.ts';
import { actingTenant, type ProcedureDeps, procedures, router } from './init.ts';
import { findCustomer, findRecord } from './records.ts';

/**
 * `pos.*` (tRPC, recorded by `activityMiddleware`): the till's sales, and the catalogue the forms
 * offer (venues, products, rooms) for the user's businesses.
 */
export function posRouter(deps: ProcedureDeps) {
  const { db } = deps;
  const { staff, signedIn } = procedures(deps);
  return router({
    catalog: signedIn.query(({ ctx }) =>
      TENANTS.filter((tenant) => ctx.user.role === 'admin' || tenant.id === ctx.user.tenantId).map(
        (tenant) => ({
          ...tenant,
          products: CATALOGS[tenant.id]?.products ?? [],
          resources: CATALOGS[tenant.id]?.resources ?? [],
        }),
      ),
    ),

    sales: staff.query(({ ctx }) =>
      db.sales.find(tenantFilter(ctx.user)).sort({ createdAt: -1 }).limit(100).toArray(),
    ),

    sale: staff
      .input(z.object({ id: z.string().max(40) }))
      .query(({ ctx, input }) => findRecord(db.sales, { id: input.id, user: ctx.user })),

    sell: staff
      .meta({ activity: { action: 'sale.created', kind: 'create' } })
      .input(
        z.object({
          tenantId: z.string().max(60).optional(),
          location: z.string().max(60),
          customerId: z.string().max(40).optional(),
          items: z
            .array(
              z.object({
                name: z.string().min(1).max(120),
                qty: z.number().int().min(1).max(99),
                price: z.number().min(0),
              }),
            )
            .min(1)
            .max(50),
          payment: z.enum(['card', 'cash']),
        }),
      )
      .mutation(async ({ ctx, input }) => {
        const tenantId = actingTenant(ctx.user, input.tenantId);
        if (!findTenant(tenantId) || !isTenantLocation(tenantId, input.location)) {
          throw new TRPCError({ code: 'BAD_REQUEST', message: 'Choose one of the venues.' });
        }
        const customer = input.customerId
          ? await findCustomer(db, { id: input.customerId, user: ctx.user })
          : undefined;
        const sale: SaleDoc = {
          _id: newId('S'),
          tenantId,
          location: input.location,
          ...(customer && { customerId: customer._id }),
          items: input.items,
          total: totalOf(input.items),
          payment: input.payment,
          staffId: ctx.user.id,
          createdAt: new Date(),
        };
        await db.sales.insertOne(sale);
        ctx.activity.tenant(tenantId);
        ctx.activity.subject(refs.sale(sale));
        if (customer) ctx.activity.refs(refs.customer(customer));
        ctx.activity.after({ total: sale.total, payment: sale.payment });
        return sale;
      }),
  });
}
