import type { ActivityStore } from '@activitykit/core';
import { initTRPC, TRPCError } from '@trpc/server';
import { z } from 'zod';
import {
  type ActivityMiddlewareOptions,
  activityMiddleware,
} from '../capture/activityMiddleware.ts';
import type { ActivityProcedureMeta } from '../meta.ts';
import type { TestContext } from './harness.ts';

interface Customer {
  id: string;
  name: string;
  email: string;
  password?: string;
}

/** A small app whose procedures are captured by the middleware, for the capture tests. */
export function createCaptureApp(
  store: Pick<ActivityStore, 'record'>,
  options: Partial<ActivityMiddlewareOptions<TestContext>> = {},
) {
  const t = initTRPC.context<TestContext>().meta<ActivityProcedureMeta>().create();
  const audited = t.procedure.use(activityMiddleware<TestContext>({ store, ...options }));
  const customers = new Map<string, Customer>([
    ['42', { id: '42', name: 'Bob Jones', email: 'bob@old.test', password: 'hunter2' }],
    ['43', { id: '43', name: 'Eve Doe', email: 'eve@acme.test' }],
  ]);
  let nextId = 100;
  const idInput = z.object({ id: z.string() });

  const customer = t.router({
    create: audited
      .meta({
        activity: {
          action: 'customer.created',
          subject: { type: 'customer', label: 'output.name' },
        },
      })
      .input(z.object({ name: z.string(), email: z.string(), password: z.string() }))
      .mutation(({ input, ctx }) => {
        const created = { id: String(nextId++), ...input };
        customers.set(created.id, created);
        ctx.activity.after(created);
        return { id: created.id, name: created.name };
      }),
    update: audited
      .meta({
        activity: {
          action: 'customer.updated',
          subject: { type: 'customer', id: 'input.id', label: 'output.name' },
          refs: [{ type: 'organization', id: 'input.orgId' }],
          description: ({ output }) =>
            `Updated ${(output as Customer | undefined)?.name ?? 'a customer'}`,
        },
      })
      .input(z.object({ id: z.string(), orgId: z.string(), email: z.string() }))
      .mutation(({ input, ctx }) => {
        const found = customers.get(input.id);
        if (!found) throw new TRPCError({ code: 'NOT_FOUND', message: 'No such customer' });
        ctx.activity.before({ ...found });
        Object.assign(found, { email: input.email, password: 'changed' });
        ctx.activity.after({ ...found });
        return found;
      }),
    delete: audited
      .meta({
        activity: { action: 'customer.deleted', subject: { type: 'customer', id: 'input.id' } },
      })
      .input(idInput)
      .mutation(({ input, ctx }) => {
        ctx.activity.before(customers.get(input.id));
        customers.delete(input.id);
        return { ok: true };
      }),
    rename: audited
      .input(z.object({ id: z.string(), name: z.string() }))
      .mutation(({ input }) => ({ id: input.id, name: input.name })),
    byId: audited.input(idInput).query(({ input }) => customers.get(input.id) ?? null),
    report: audited
      .meta({ activity: { access: true, action: 'report.customers_viewed', category: 'report' } })
      .query(() => [...customers.values()].length),
    silent: audited.meta({ activity: false }).mutation(() => 'ok'),
    conflict: audited
      .meta({
        activity: { action: 'customer.merged', subject: { type: 'customer', id: 'input.id' } },
      })
      .input(idInput)
      .mutation((): string => {
        throw new TRPCError({ code: 'CONFLICT', message: 'Already merged' });
      }),
    crash: audited.input(idInput).mutation((): string => {
      throw new Error('database exploded');
    }),
    quietFailure: audited.meta({ activity: { failures: false } }).mutation((): string => {
      throw new TRPCError({ code: 'BAD_REQUEST' });
    }),
    notify: audited.input(idInput).mutation(({ input, ctx }) => {
      ctx.activity.skip();
      // A service deep in the app records without the tRPC context.
      return {
        eventId: store.record({
          action: 'invoice.sent',
          subject: { type: 'invoice', id: input.id },
        })?.id,
      };
    }),
    refund: audited.input(idInput).mutation(({ input, ctx }) => {
      ctx.activity.skip();
      const event = ctx.activity.record({
        action: 'order.refunded',
        subject: { type: 'order', id: input.id },
        metadata: { amount: 10 },
      });
      return { eventId: event?.id ?? null };
    }),
  });

  const auth = t.router({
    login: audited
      .meta({ activity: { auth: 'login' } })
      .input(z.object({ email: z.string(), password: z.string() }))
      .mutation(({ input, ctx }) => {
        if (input.password !== 'right')
          throw new TRPCError({ code: 'UNAUTHORIZED', message: 'Wrong password' });
        ctx.activity.actor({ id: 'u-bob', type: 'user', name: 'Bob', role: 'staff' });
        ctx.activity.tenant('acme');
        return { ok: true };
      }),
    /** A login whose input is validated: a bad e-mail or a short password never reaches it. */
    strictLogin: audited
      .meta({ activity: { auth: 'login' } })
      .input(z.object({ email: z.email(), password: z.string().min(8) }))
      .mutation(({ ctx }) => {
        ctx.activity.tenant('acme');
        throw new TRPCError({ code: 'UNAUTHORIZED', message: 'Wrong password' });
      }),
    logout: audited.meta({ activity: { auth: 'logout' } }).mutation(() => ({ ok: true })),
    otpRequest: audited
      .meta({ activity: { auth: 'otp_request', identifier: 'input.phone' } })
      .input(z.object({ phone: z.string() }))
      .mutation(() => ({ sent: true })),
    otpVerify: audited
      .meta({ activity: { auth: 'otp_verify' } })
      .input(z.object({ email: z.string(), code: z.string() }))
      .mutation(({ input }) => {
        if (input.code !== '123456')
          throw new TRPCError({ code: 'UNAUTHORIZED', message: 'Wrong code' });
        return { ok: true };
      }),
    manual: audited.input(z.object({ email: z.string() })).mutation(({ input, ctx }) => {
      ctx.activity.skip();
      ctx.activity.loginFailed({ identifier: input.email, reason: 'locked' });
      ctx.activity.otp('requested', { identifier: input.email });
      return { ok: true };
    }),
  });

  return t.router({ customer, auth });
}

/** The capture test app's router. */
export type CaptureApp = ReturnType<typeof createCaptureApp>;
