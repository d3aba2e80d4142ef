import { TRPCError } from '@trpc/server';
import { z } from 'zod';
import { tenantFilter } from '../access.ts';
import { newId } from '../domain/ids.ts';
import { refs } from '../domain/labels.ts';
import type { BookingDoc } from '../domain/model.ts';
import { isTenantLocation } from '../domain/tenants.ts';
import { type ProcedureDeps, procedures, router } from './init.ts';
import { findCustomer, findRecord } from './records.ts';

const OPEN = ['pending', 'confirmed'] as const;

/**
 * `bookings.*` (tRPC, recorded by `activityMiddleware`): list, create, reschedule and cancel. The
 * background job moves bookings along as the `system` actor (see `bookingStatusJob`).
 */
export function bookingsRouter(deps: ProcedureDeps) {
  const { db } = deps;
  const { staff } = procedures(deps);

  async function openBooking(id: string, user: Parameters<typeof findRecord>[1]['user']) {
    const booking = await findRecord<BookingDoc>(db.bookings, { id, user });
    if (!OPEN.includes(booking.status as (typeof OPEN)[number])) {
      throw new TRPCError({ code: 'CONFLICT', message: `The booking is ${booking.status}.` });
    }
    return booking;
  }

  return router({
    list: staff.query(({ ctx }) =>
      db.bookings.find(tenantFilter(ctx.user)).sort({ startsAt: -1 }).limit(100).toArray(),
    ),

    get: staff
      .input(z.object({ id: z.string().max(40) }))
      .query(({ ctx, input }) => findRecord(db.bookings, { id: input.id, user: ctx.user })),

    create: staff
      .meta({ activity: { action: 'booking.created', kind: 'create' } })
      .input(
        z.object({
          customerId: z.string().max(40),
          resource: z.string().trim().min(1).max(80),
          location: z.string().max(60),
          startsAt: z.coerce.date(),
          durationMin: z.number().int().min(15).max(600),
          guests: z.number().int().min(1).max(200),
        }),
      )
      .mutation(async ({ ctx, input }) => {
        const customer = await findCustomer(db, { id: input.customerId, user: ctx.user });
        if (!isTenantLocation(customer.tenantId, input.location)) {
          throw new TRPCError({ code: 'BAD_REQUEST', message: 'Choose one of the venues.' });
        }
        const booking: BookingDoc = {
          _id: newId('B'),
          tenantId: customer.tenantId,
          customerId: customer._id,
          customerName: customer.name,
          location: input.location,
          resource: input.resource,
          startsAt: input.startsAt,
          durationMin: input.durationMin,
          guests: input.guests,
          status: 'confirmed',
          createdAt: new Date(),
        };
        await db.bookings.insertOne(booking);
        ctx.activity.tenant(booking.tenantId);
        ctx.activity.subject(refs.booking(booking));
        ctx.activity.refs(refs.customer(customer));
        ctx.activity.after({
          startsAt: booking.startsAt.toISOString(),
          guests: booking.guests,
          status: booking.status,
        });
        return booking;
      }),

    reschedule: staff
      .meta({ activity: { action: 'booking.rescheduled', kind: 'update' } })
      .input(z.object({ id: z.string().max(40), startsAt: z.coerce.date() }))
      .mutation(async ({ ctx, input }) => {
        const booking = await openBooking(input.id, ctx.user);
        await db.bookings.updateOne({ _id: booking._id }, { $set: { startsAt: input.startsAt } });
        const after = { ...booking, startsAt: input.startsAt };
        ctx.activity.tenant(booking.tenantId);
        ctx.activity.subject(refs.booking(after));
        ctx.activity.refs({
          type: 'customer',
          id: booking.customerId,
          label: booking.customerName,
        });
        ctx.activity.before({ startsAt: booking.startsAt.toISOString() });
        ctx.activity.after({ startsAt: input.startsAt.toISOString() });
        return after;
      }),

    cancel: staff
      .meta({ activity: { action: 'booking.cancelled', kind: 'update' } })
      .input(z.object({ id: z.string().max(40) }))
      .mutation(async ({ ctx, input }) => {
        const booking = await openBooking(input.id, ctx.user);
        await db.bookings.updateOne({ _id: booking._id }, { $set: { status: 'cancelled' } });
        ctx.activity.tenant(booking.tenantId);
        ctx.activity.subject(refs.booking(booking));
        ctx.activity.refs({
          type: 'customer',
          id: booking.customerId,
          label: booking.customerName,
        });
        ctx.activity.before({ status: booking.status });
        ctx.activity.after({ status: 'cancelled' });
        return { ...booking, status: 'cancelled' as const };
      }),
  });
}
